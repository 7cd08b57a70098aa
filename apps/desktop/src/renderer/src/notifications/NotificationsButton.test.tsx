import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Notification } from '@tripdesk/shared';
import { createQueryClient } from '../api/query-client.ts';
import { applyLiveEvent, readLiveEvent } from '../live/live-events.ts';
import { serverNow } from '../live/server-clock.ts';
import { fakeServer } from '../test/fake-server.ts';
import { agent, resetRenderer, signInAs } from '../test/render-app.tsx';
import { NotificationsButton } from './NotificationsButton.tsx';

const minutesAgo = (m: number) => new Date(serverNow() - m * 60_000).toISOString();

const confirmed: Notification = {
  id: 'ntf_1',
  kind: 'trip_confirmed',
  tripId: 'trp_paid',
  title: 'Trip confirmed',
  body: 'Grace Hopper’s trip trp_paid is paid and confirmed: $490.00, invoice INV-2026-000001.',
  createdAt: minutesAgo(5),
  readAt: null,
};
const expiring: Notification = {
  id: 'ntf_2',
  kind: 'hold_expiring',
  tripId: 'trp_held',
  title: 'Hold about to expire',
  body: 'Alan Turing’s trip trp_held is held until 3:35 PM UTC (in about 5 minutes).',
  createdAt: minutesAgo(120),
  readAt: null,
};
const cancelled: Notification = {
  id: 'ntf_3',
  kind: 'trip_cancelled',
  tripId: 'trp_gone',
  title: 'Trip cancelled',
  body: 'Ada Lovelace’s trip trp_gone was cancelled.',
  createdAt: minutesAgo(60 * 30),
  readAt: minutesAgo(60 * 29),
};

/** The server's notifications: marking read changes them, as the real server would. */
function serverWith(items: Notification[]) {
  let list = items.map((n) => ({ ...n }));
  const unread = () => list.filter((n) => n.readAt === null).length;
  const server = fakeServer().on('GET', '/api/notifications', () => ({
    status: 200,
    body: { items: list, unread: unread() },
  }));
  for (const n of items) {
    server.on('POST', `/api/notifications/${n.id}/read`, () => {
      list = list.map((x) =>
        x.id === n.id && x.readAt === null ? { ...x, readAt: new Date().toISOString() } : x,
      );
      return { status: 200, body: list.find((x) => x.id === n.id) };
    });
  }
  server.on('POST', '/api/notifications/read-all', () => {
    const updated = unread();
    list = list.map((x) => (x.readAt === null ? { ...x, readAt: new Date().toISOString() } : x));
    return { status: 200, body: { updated } };
  });
  return {
    server,
    add(n: Notification) {
      list = [n, ...list];
    },
  };
}

let queryClient: QueryClient;

function renderButton() {
  const onShowTrip = vi.fn();
  render(
    <QueryClientProvider client={queryClient}>
      <button type="button">Elsewhere</button>
      <NotificationsButton onShowTrip={onShowTrip} />
    </QueryClientProvider>,
  );
  return { onShowTrip, user: userEvent.setup() };
}

beforeEach(() => {
  resetRenderer();
  signInAs(agent);
  queryClient = createQueryClient();
});

describe('NotificationsButton', () => {
  it('says how many are unread and lists them, newest first, with how long ago', async () => {
    serverWith([confirmed, expiring, cancelled]);
    const { user } = renderButton();
    const button = await screen.findByRole('button', { name: 'Notifications, 2 unread' });
    expect(button.getAttribute('aria-expanded')).toBe('false');

    await user.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const panel = screen.getByRole('dialog', { name: 'Notifications' });
    expect(document.activeElement).toBe(within(panel).getByRole('heading', { name: 'Notifications' }));
    const items = within(within(panel).getByRole('list', { name: 'Notifications' })).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.notification-title')!.textContent)).toEqual([
      'Unread: Trip confirmed',
      'Unread: Hold about to expire',
      'Trip cancelled',
    ]);
    expect(within(items[0]!).getByText(confirmed.body)).toBeVisible();
    expect(items.map((li) => li.querySelector('time')!.textContent)).toEqual([
      '5 minutes ago',
      '2 hours ago',
      'yesterday',
    ]);
    expect(within(items[2]!).queryByRole('button', { name: /Mark .* read/ })).toBeNull();
  });

  it('marks one read, then all, and the count follows', async () => {
    const { server } = serverWith([confirmed, expiring, cancelled]);
    const { user } = renderButton();
    await user.click(await screen.findByRole('button', { name: 'Notifications, 2 unread' }));
    await user.click(await screen.findByRole('button', { name: 'Mark “Hold about to expire” read' }));
    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Mark “Hold about to expire” read' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Mark all read' }));
    expect(await screen.findByRole('button', { name: 'Notifications, 0 unread' })).toBeVisible();
    expect((screen.getByRole('button', { name: 'Mark all read' }) as HTMLButtonElement).disabled).toBe(true);
    expect(server.requests.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual([
      '/api/notifications/ntf_2/read',
      '/api/notifications/read-all',
    ]);
  });

  it('opens the trip, marking it read and closing the panel', async () => {
    const { server } = serverWith([confirmed, expiring]);
    const { user, onShowTrip } = renderButton();
    await user.click(await screen.findByRole('button', { name: 'Notifications, 2 unread' }));
    await user.click(await screen.findByRole('button', { name: 'Open trip trp_paid' }));
    expect(onShowTrip).toHaveBeenCalledWith('trp_paid');
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() =>
      expect(server.requests.map((r) => `${r.method} ${r.url}`)).toContain(
        'POST /api/notifications/ntf_1/read',
      ),
    );
    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeVisible();
  });

  it('is worked from the keyboard: Enter opens, Tab moves through, Escape closes and gives focus back', async () => {
    serverWith([confirmed]);
    const { user } = renderButton();
    const button = await screen.findByRole('button', { name: 'Notifications, 1 unread' });
    button.focus();
    await user.keyboard('{Enter}');
    const panel = screen.getByRole('dialog', { name: 'Notifications' });
    await within(panel).findByRole('button', { name: 'Open trip trp_paid' });
    await user.tab();
    expect(document.activeElement).toBe(within(panel).getByRole('button', { name: 'Mark all read' }));
    await user.tab();
    expect(document.activeElement).toBe(within(panel).getByRole('button', { name: 'Open trip trp_paid' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(button.getAttribute('aria-expanded')).toBe('false');
  });

  it('closes on a click elsewhere', async () => {
    serverWith([confirmed]);
    const { user } = renderButton();
    await user.click(await screen.findByRole('button', { name: 'Notifications, 1 unread' }));
    expect(screen.getByRole('dialog', { name: 'Notifications' })).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Elsewhere' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says so when there is nothing yet', async () => {
    serverWith([]);
    const { user } = renderButton();
    await user.click(await screen.findByRole('button', { name: 'Notifications, 0 unread' }));
    expect(await screen.findByText('No notifications yet')).toBeVisible();
    expect((screen.getByRole('button', { name: 'Mark all read' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('refreshes when the live stream announces a new notification', async () => {
    const world = serverWith([cancelled]);
    renderButton();
    expect(await screen.findByRole('button', { name: 'Notifications, 0 unread' })).toBeVisible();
    world.add(confirmed);
    const event = readLiveEvent(
      'notification.created',
      JSON.stringify({
        type: 'notification.created',
        userId: agent.id,
        notificationId: 'ntf_1',
        at: confirmed.createdAt,
      }),
    );
    expect(event).toEqual({ type: 'notification.created' });
    applyLiveEvent(queryClient, event!);
    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeVisible();
  });
});
