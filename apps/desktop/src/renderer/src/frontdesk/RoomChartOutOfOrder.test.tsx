import { render, screen } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '@tripdesk/shared';
import { createQueryClient } from '../api/query-client.ts';
import { fakeServer } from '../test/fake-server.ts';
import { desk, resetRenderer, signInAs } from '../test/render-app.tsx';
import { formatStayDate } from '../ui/formats.ts';
import { CHART_DAYS, RoomChart } from './RoomChart.tsx';
import { hotel, HOTEL_ID, today } from './test-fixtures.ts';

beforeEach(resetRenderer);

describe('RoomChart: rooms out of order', () => {
  it('reads the month’s rooms out of order as the desk and shows them on their nights', async () => {
    signInAs(desk);
    const from = today();
    const to = addDays(from, CHART_DAYS);
    const server = fakeServer()
      .on('GET', `/api/hotels/${HOTEL_ID}/bookings`, { status: 200, body: { stays: [] } })
      .on('GET', `/api/hotels/${HOTEL_ID}/out-of-order`, {
        status: 200,
        body: {
          items: [
            {
              id: 'ooo_1',
              hotelId: HOTEL_ID,
              roomTypeId: 'rmt_dk',
              roomNumber: '414',
              from: addDays(from, 1),
              to: addDays(from, 3),
              kind: 'out_of_service',
              reason: 'Repainting',
              createdAt: '2026-11-01T10:00:00.000Z',
            },
          ],
        },
      });
    render(
      <QueryClientProvider client={createQueryClient()}>
        <RoomChart hotel={hotel} from={from} today={from} />
      </QueryClientProvider>,
    );
    const band = await screen.findByText('Out of service');
    expect(band.getAttribute('title')).toContain('Out of service: Repainting');
    expect(
      screen.getByRole('gridcell', {
        name: `Room 414, ${formatStayDate(addDays(from, 2))}: Out of service: Repainting, ${formatStayDate(addDays(from, 1))} to ${formatStayDate(addDays(from, 3))}`,
      }),
    ).toBeVisible();
    expect(
      screen.getByRole('gridcell', { name: `Deluxe King, ${formatStayDate(addDays(from, 1))}: 3 of 4 free` }),
    ).toBeVisible();
    expect(server.requests.map((r) => r.url)).toContain(
      `/api/hotels/${HOTEL_ID}/out-of-order?from=${from}&to=${to}`,
    );
  });
});
