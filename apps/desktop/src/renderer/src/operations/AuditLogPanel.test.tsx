import { render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { QueryClientProvider } from '@tanstack/react-query';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '@tripdesk/shared';
import { createQueryClient } from '../api/query-client.ts';
import { fakeServer, problem, readUrl } from '../test/fake-server.ts';
import { admin, agent, resetRenderer, signInAs } from '../test/render-app.tsx';
import { OperationsSection } from './OperationsSection.tsx';

beforeEach(() => {
  resetRenderer();
  signInAs(admin);
});

const reset: AuditEntry = {
  id: 'aud_2',
  at: '2026-12-05T10:15:00.000Z',
  actor: { id: admin.id, name: admin.name },
  action: 'user.password_reset',
  targetType: 'user',
  targetId: agent.id,
  summary:
    'Reset the password of Alan Agent (agent@demo.tripdesk.test); a new one is chosen at the next sign-in',
  before: { mustChangePassword: false, password: '[redacted]' },
  after: { mustChangePassword: true, password: '[redacted]' },
};
const roomType: AuditEntry = {
  id: 'aud_1',
  at: '2026-12-05T09:00:00.000Z',
  actor: { id: admin.id, name: admin.name },
  action: 'room_type.update',
  targetType: 'room_type',
  targetId: 'rmt_1',
  summary: 'Changed the room type Double Deluxe: name, nightlyRate',
  before: { name: 'Double', nightlyRate: { amount: 12000, currency: 'EUR' } },
  after: { name: 'Double Deluxe', nightlyRate: { amount: 13500, currency: 'EUR' } },
};

async function openAuditLog(reply: (query: Record<string, string>) => ReturnType<typeof problem> | object) {
  const server = fakeServer()
    .on('GET', '/api/admin/consistency-checks', { status: 200, body: { items: [] } })
    .on('GET', '/api/users', { status: 200, body: { items: [admin, agent] } })
    .on('GET', '/api/admin/audit-log', (r) => reply(readUrl(r.url).query) as never);
  render(
    <QueryClientProvider client={createQueryClient()}>
      <OperationsSection />
    </QueryClientProvider>,
  );
  const user = userEvent.setup();
  await user.click(screen.getByRole('tab', { name: 'Audit log' }));
  return { server, user };
}

const page = (items: AuditEntry[], total = items.length) => ({ status: 200, body: { items, total } });

describe('Operations: audit log', () => {
  it('lists who did what, newest first, and opens the before → after of an entry', async () => {
    const { user } = await openAuditLog(() => page([reset, roomType]));
    const table = await screen.findByRole('table', { name: 'Audit log' });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent(/Ada Admin.*Reset the password of Alan Agent.*user\.password_reset/);
    expect(rows[2]).toHaveTextContent(/Changed the room type Double Deluxe/);

    const open = within(rows[2]!).getByRole('button', { name: 'Changes (2)' });
    expect(open).toHaveAttribute('aria-expanded', 'false');
    await user.click(open);
    expect(open).toHaveAttribute('aria-expanded', 'true');
    const diff = screen.getByRole('table', { name: /Before and after: Changed the room type/ });
    expect(
      within(diff)
        .getAllByRole('row')
        .map((r) => [...r.querySelectorAll('th,td')].map((c) => c.textContent)),
    ).toEqual([
      ['Field', 'Before', 'After'],
      ['Name', 'Double', 'Double Deluxe'],
      ['Nightly rate', '120.00 EUR', '135.00 EUR'],
    ]);

    // Secrets were never recorded: the row says so rather than showing a value.
    await user.click(within(rows[1]!).getByRole('button', { name: 'Changes (2)' }));
    const hidden = screen.getByRole('table', { name: /Before and after: Reset the password/ });
    expect(within(hidden).getByRole('row', { name: /^Password/ })).toHaveTextContent('(hidden)');
    expect(within(hidden).getByRole('row', { name: /Must change password/ })).toHaveTextContent('falsetrue');
  });

  it('searches with the box and the filters, and pages through the entries', async () => {
    const { server, user } = await openAuditLog((q) =>
      q.offset === '50' ? page([roomType], 51) : page([reset], 51),
    );
    await screen.findByRole('table', { name: 'Audit log' });
    expect(screen.getByText('1–1 of 51', { exact: false })).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Next ›' }));
    expect(await screen.findByText(/Changed the room type/)).toBeVisible();

    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'alan{Enter}');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Who' }), admin.id);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Action' }), 'user.password_reset');
    await user.selectOptions(screen.getByRole('combobox', { name: 'What' }), 'user');
    await user.type(screen.getByRole('textbox', { name: 'From' }), '01/12/2026{Enter}');
    const last = readUrl(server.requests.filter((r) => r.url.startsWith('/api/admin/audit-log')).at(-1)!.url);
    expect(last.query).toMatchObject({
      q: 'alan',
      actor: admin.id,
      action: 'user.password_reset',
      targetType: 'user',
      offset: '0',
      limit: '50',
    });
    expect(last.query.from).toMatch(/^2026-(12-01|01-12)$/);
  });

  it('says when nothing matches, and when the log cannot be read', async () => {
    let fail = false;
    const { user } = await openAuditLog(() =>
      fail ? problem(503, 'service_unavailable', 'The users store is down.') : page([]),
    );
    expect(await screen.findByText(/Nothing recorded yet/)).toBeVisible();
    fail = true;
    await user.selectOptions(screen.getByRole('combobox', { name: 'What' }), 'hotel');
    expect(await screen.findByRole('alert')).toHaveTextContent(/busy or part of it is down/);
    fail = false;
    await user.selectOptions(screen.getByRole('combobox', { name: 'What' }), 'car');
    expect(await screen.findByText(/No entry matches/)).toBeVisible();
  });
});
