import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Trip } from '@tripdesk/shared';
import { fakeServer } from '../test/fake-server.ts';
import { agent, renderApp, resetRenderer, signInAs } from '../test/render-app.tsx';
import { useCurrentTrip } from '../trip-builder/current-trip-store.ts';
import { navigate } from '../shell/route.ts';
import { hotelItem, heldTrip, NOW } from './trip-fixtures.ts';

beforeEach(() => {
  resetRenderer();
  useCurrentTrip.setState({ tripId: null, changing: null, attempt: null });
});

describe('an expired trip on its page', () => {
  it('offers Hold again, says what happened to each item, and shows the new hold with its deadline', async () => {
    const expired = heldTrip({
      status: 'expired',
      items: [hotelItem({ status: 'expired', holdExpiresAt: undefined })],
    });
    const again: Trip = heldTrip({
      items: [
        hotelItem({ status: 'expired', holdExpiresAt: undefined, heldAgainAs: 'itm_hotel2' }),
        hotelItem({ id: 'itm_hotel2', holdExpiresAt: new Date(NOW + 1_800_000).toISOString() }),
      ],
    });
    signInAs(agent);
    let trip = expired;
    const server = fakeServer()
      .on('GET', '/api/me', { status: 200, body: agent })
      .on('GET', `/api/trips/${expired.id}`, () => ({ status: 200, body: trip }))
      .on('POST', `/api/trips/${expired.id}/hold-again`, () => {
        trip = again;
        return {
          status: 200,
          body: {
            trip: again,
            items: [
              {
                itemId: 'itm_hotel',
                type: 'hotel',
                outcome: 'kept',
                newItemId: 'itm_hotel2',
                message: 'The stay at Hotel Park Marylebone held again as it was.',
              },
            ],
          },
        };
      });
    navigate({ section: 'trips', tripId: expired.id });
    renderApp();
    const user = userEvent.setup();
    expect(await screen.findByRole('heading', { name: `Trip of ${expired.customer.name}` })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Continue selling' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Hold again' }));
    const list = await screen.findByRole('list', { name: 'Hold again: each item' });
    expect(within(list).getByRole('listitem')).toHaveTextContent(
      'Held (hotel stay): The stay at Hotel Park Marylebone held again as it was.',
    );
    expect(screen.queryByRole('button', { name: 'Hold again' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Continue selling' })).toBeVisible();
    // The lapsed item stays in the table as history; the new one counts down.
    expect(screen.getByText('Expired · held again')).toBeVisible();
    const timers = screen.getAllByRole('timer');
    expect(timers).toHaveLength(1);
    expect(timers[0]!.textContent).toMatch(/^\d+:\d\d left$/);
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });
});
