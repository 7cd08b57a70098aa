import { render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { QueryClientProvider } from '@tanstack/react-query';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Item } from '@tripdesk/shared';
import { createQueryClient } from '../api/query-client.ts';
import { fakeServer } from '../test/fake-server.ts';
import { agent, resetRenderer, signInAs } from '../test/render-app.tsx';
import { ChangeItemDialog } from './ChangeItemDialog.tsx';
import { carItem, heldTrip, hotelItem, paidTrip } from './trip-fixtures.ts';

const trip = paidTrip(heldTrip());

beforeEach(() => {
  resetRenderer();
  signInAs(agent);
});

function open(item: Item) {
  const server = fakeServer()
    .on('GET', '/api/hotels/htl_1', { status: 404 })
    .on('GET', '/api/car-locations', { status: 200, body: { items: [] } })
    .on('POST', `/api/trips/${trip.id}/items/${item.id}/change`, { status: 500 });
  render(
    <QueryClientProvider client={createQueryClient()}>
      <ChangeItemDialog trip={trip} item={item} onClose={() => undefined} />
    </QueryClientProvider>,
  );
  return { server, user: userEvent.setup() };
}

describe('changing a sold item’s dates', () => {
  it('moves the stay’s check-out along when check-in is moved past it, keeping its nights', async () => {
    // 5 to 8 December: three nights.
    const { server, user } = open(hotelItem({ status: 'confirmed', holdExpiresAt: undefined }));
    const checkIn = screen.getByLabelText('Check-in');
    await user.clear(checkIn);
    await user.type(checkIn, '12/20/2026');
    await user.tab();
    expect(screen.getByLabelText('Check-out')).toHaveValue('12/23/2026');
    await user.click(screen.getByRole('button', { name: 'Change item' }));
    expect(server.requests.find((r) => r.method === 'POST')?.body).toMatchObject({
      type: 'hotel',
      checkIn: '2026-12-20',
      checkOut: '2026-12-23',
    });
  });

  it('lets the car’s drop-off start the day after pick-up and moves it along with pick-up', async () => {
    const { user } = open(carItem({ status: 'confirmed', holdExpiresAt: undefined }));
    const dropOff = screen.getByLabelText('Drop-off');
    await user.clear(dropOff);
    await user.type(dropOff, '12/05/2026');
    await user.tab();
    expect(screen.getByText('Choose 12/06/2026 or later.')).toBeVisible();
    await user.clear(dropOff);
    await user.type(dropOff, '12/07/2026');
    const pickUp = screen.getByLabelText('Pick-up');
    await user.click(pickUp);
    // Pick-up two days on with the arrows: past drop-off, which keeps the two rental days.
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(pickUp).toHaveValue('12/07/2026');
    expect(dropOff).toHaveValue('12/09/2026');
  });
});
