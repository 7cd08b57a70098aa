import { act, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { QueryClientProvider } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Backup, ConsistencyReport, ConsistencyReportSummary } from '@tripdesk/shared';
import { createQueryClient } from '../api/query-client.ts';
import { useLiveStatus } from '../live/live-connection.ts';
import { fakeServer, problem } from '../test/fake-server.ts';
import { admin, agent, renderApp, resetRenderer, SERVER, signInAs } from '../test/render-app.tsx';
import { OperationsSection } from './OperationsSection.tsx';

beforeEach(() => {
  resetRenderer();
  signInAs(admin);
});
afterEach(() => vi.restoreAllMocks());

const report = (over: Partial<ConsistencyReport> = {}): ConsistencyReport => ({
  id: 'chk_1',
  startedAt: '2026-11-22T10:00:00.000Z',
  finishedAt: '2026-11-22T10:00:02.000Z',
  trigger: 'admin',
  repair: true,
  ok: false,
  checks: [
    {
      name: 'inventory_counts',
      title: 'Inventory counters agree with their holds.',
      status: 'repaired',
      checked: 120,
      problems: 1,
      repaired: 1,
      details: [
        {
          store: 'hotels',
          entity: 'room_night',
          id: 'rmt_1/2026-12-01',
          message: 'held 3, but its held holds say 1; recounted',
          repaired: true,
        },
      ],
      truncated: false,
    },
    {
      name: 'sold_items_paid',
      title: 'Every sold item has a captured payment.',
      status: 'problem',
      checked: 40,
      problems: 3,
      repaired: 0,
      details: [
        {
          store: 'payments',
          entity: 'trip_item',
          id: 'itm_9',
          message: 'confirmed but trip trp_9 has no captured payment',
          repaired: false,
        },
      ],
      truncated: true,
    },
    ...(['payments_match_items', 'stores_agree', 'expired_holds_released'] as const).map((name) => ({
      name,
      title: `${name} in words`,
      status: 'ok' as const,
      checked: 7,
      problems: 0,
      repaired: 0,
      details: [],
      truncated: false,
    })),
  ],
  ...over,
});
const summary = (r: ConsistencyReport): ConsistencyReportSummary => ({
  id: r.id,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
  trigger: r.trigger,
  repair: r.repair,
  ok: r.ok,
  problems: r.checks.reduce((n, c) => n + c.problems, 0),
  repaired: r.checks.reduce((n, c) => n + c.repaired, 0),
});
const clean = report({
  id: 'chk_0',
  startedAt: '2026-11-21T03:00:00.000Z',
  finishedAt: '2026-11-21T03:00:01.000Z',
  trigger: 'schedule',
  ok: true,
  checks: report().checks.map((c) => ({
    ...c,
    status: 'ok',
    problems: 0,
    repaired: 0,
    details: [],
    truncated: false,
  })),
});

const backup = (over: Partial<Backup> = {}): Backup => ({
  id: 'tripdesk-20261122T101500Z-manual-k3x9q2',
  fileName: 'tripdesk-20261122T101500Z-manual-k3x9q2.tar.gz',
  createdAt: '2026-11-22T10:15:00.000Z',
  sizeBytes: 1_572_864,
  dialect: 'sqlite',
  reason: 'manual',
  pauseMs: 42,
  ...over,
});

function renderSection() {
  render(
    <QueryClientProvider client={createQueryClient()}>
      <OperationsSection />
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

describe('Operations section', () => {
  it('is in the admin’s navigation only', async () => {
    fakeServer()
      .on('GET', '/api/me', { status: 200, body: admin })
      .on('GET', '/api/admin/consistency-checks', {
        status: 200,
        body: { items: [] },
      });
    const view = renderApp();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Operations' }));
    expect(await screen.findByRole('heading', { name: 'Operations', level: 1 })).toBeVisible();
    expect(screen.getByText(`${SERVER}/metrics`)).toBeVisible();
    expect(screen.getByText(/Prometheus text format/)).toBeVisible();
    view.unmount();

    resetRenderer();
    signInAs(agent);
    fakeServer().on('GET', '/api/me', { status: 200, body: agent });
    renderApp();
    await screen.findByRole('button', { name: 'Search' });
    expect(screen.queryByRole('button', { name: 'Operations' })).toBeNull();
  });
});

describe('Operations: consistency', () => {
  it('says when no check has run, runs one, and shows its report', async () => {
    let runs: ConsistencyReportSummary[] = [];
    const server = fakeServer()
      .on('GET', '/api/admin/consistency-checks', () => ({ status: 200, body: { items: runs } }))
      .on('POST', '/api/admin/consistency-checks', () => {
        runs = [summary(report())];
        return { status: 201, body: report() };
      });
    const user = renderSection();
    expect(await screen.findByText(/No check has run yet/)).toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Run check' }));
    expect(server.requests.find((r) => r.method === 'POST')!.body).toEqual({ repair: false });
    const heading = await screen.findByRole('heading', {
      name: 'Latest report: 4 problems found, 1 repaired',
    });
    const panel = heading.closest('section')!;
    const inventory = within(panel).getByRole('listitem', { name: 'Inventory counters' });
    expect(within(inventory).getByText('Repaired')).toBeVisible();
    expect(within(inventory).getByText('120 records checked · 1 problem · 1 repaired')).toBeVisible();
    expect(within(inventory).getByText(/held 3, but its held holds say 1/)).toBeVisible();
    const sold = within(panel).getByRole('listitem', { name: 'Sold items are paid' });
    expect(within(sold).getByText('Problem')).toBeVisible();
    expect(within(sold).getByText('2 more problems not listed.')).toBeVisible();
    expect(within(panel).getByRole('listitem', { name: 'Trips and inventory agree' }).textContent).toContain(
      'OK',
    );

    const history = await screen.findByRole('table', { name: 'Past runs' });
    expect(within(history).getByText('4 problems found, 1 repaired')).toBeVisible();
    expect(within(history).getByText('Check and repair')).toBeVisible();
  });

  it('runs with repairs, and shows a past run on request', async () => {
    const latest = report({ id: 'chk_2', ok: true, repair: true });
    const server = fakeServer()
      .on('GET', '/api/admin/consistency-checks', { status: 200, body: { items: [summary(clean)] } })
      .on('GET', '/api/admin/consistency-checks/chk_0', { status: 200, body: clean })
      .on('GET', '/api/admin/consistency-checks/chk_2', { status: 200, body: latest })
      .on('POST', '/api/admin/consistency-checks', { status: 201, body: latest });
    const user = renderSection();
    // The newest stored report shows first.
    expect(await screen.findByRole('heading', { name: 'Latest report: All consistent' })).toBeVisible();
    expect(screen.getByText(/Scheduled, check only|Scheduled, check and repair/)).toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Run and repair' }));
    expect(server.requests.find((r) => r.method === 'POST')!.body).toEqual({ repair: true });
    expect(
      await screen.findByRole('heading', { name: /^Report: 4 problems found, all repaired$/ }),
    ).toBeVisible();

    const history = screen.getByRole('table', { name: 'Past runs' });
    await user.click(within(history).getByRole('button', { name: /^Show the report of / }));
    expect(await screen.findByRole('heading', { name: 'Latest report: All consistent' })).toBeVisible();
  });

  it('says in words when the reports cannot load, and tries again', async () => {
    let fail = true;
    fakeServer().on('GET', '/api/admin/consistency-checks', () =>
      fail
        ? problem(503, 'service_unavailable', 'The payments store is not answering.')
        : { status: 200, body: { items: [] } },
    );
    const user = renderSection();
    expect((await screen.findByRole('alert')).textContent).toContain('part of it is down');
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(/No check has run yet/)).toBeVisible();
  });
});

describe('Operations: backups', () => {
  async function openBackups(list: Backup[]) {
    let current = list;
    const server = fakeServer()
      .on('GET', '/api/admin/consistency-checks', { status: 200, body: { items: [] } })
      .on('GET', '/api/admin/backups', () => ({ status: 200, body: { items: current } }));
    const user = renderSection();
    const tab = screen.getByRole('tab', { name: 'Consistency' });
    tab.focus();
    // Keyboard: the arrow key moves to the Backups tab and selects it.
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Backups' }).getAttribute('aria-selected')).toBe('true');
    return { server, user, setList: (next: Backup[]) => (current = next) };
  }

  it('lists the backups with size, reason and pause, or says there are none', async () => {
    await openBackups([
      backup(),
      backup({
        id: 'tripdesk-20261121T020000Z-pre-upgrade-aaaaaa',
        fileName: 'tripdesk-20261121T020000Z-pre-upgrade-aaaaaa.tar.gz',
        createdAt: '2026-11-21T02:00:00.000Z',
        sizeBytes: 700 * 1024,
        reason: 'pre-upgrade',
        dialect: 'pg',
        pauseMs: 0,
      }),
    ]);
    const table = await screen.findByRole('table', { name: 'Backups' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(within(rows[0]!).getByText('1.5 MB')).toBeVisible();
    expect(within(rows[0]!).getByText('Taken by hand')).toBeVisible();
    expect(within(rows[0]!).getByText('42 ms')).toBeVisible();
    expect(within(rows[1]!).getByText('700 KB')).toBeVisible();
    expect(within(rows[1]!).getByText('Before an upgrade')).toBeVisible();
    expect(within(rows[1]!).getByText('none')).toBeVisible();
  });

  it('takes a backup now: progress, then the new row', async () => {
    const { server, user, setList } = await openBackups([]);
    expect(await screen.findByText(/No backups yet/)).toBeVisible();
    let finish: (() => void) | undefined;
    const taken = backup();
    server.on(
      'POST',
      '/api/admin/backups',
      () =>
        new Promise((resolve) => {
          finish = () => {
            setList([taken]);
            resolve({ status: 201, body: taken });
          };
        }),
    );
    await user.click(screen.getByRole('button', { name: 'Take backup now' }));
    expect(screen.getByRole('button', { name: 'Taking backup…' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('status').textContent).toContain('Taking a backup');
    finish!();
    expect((await screen.findByText(/^Backup taken:/)).getAttribute('role')).toBe('status');
    const table = await screen.findByRole('table', { name: 'Backups' });
    expect(within(table).getAllByRole('row')[1]!.className).toBe('row-new');
    expect(server.requests.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual([
      '/api/admin/backups',
    ]);
  });

  it('downloads an archive through the API as a file', async () => {
    const { server, user } = await openBackups([backup()]);
    server.on('GET', `/api/admin/backups/${backup().id}/archive`, { status: 200, body: new Blob(['tar']) });
    const createObjectURL = vi.fn(() => 'blob:archive');
    const revokeObjectURL = vi.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    await user.click(await screen.findByRole('button', { name: /^Download the backup of / }));
    await vi.waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0]!.download).toBe(backup().fileName);
    expect(clicked[0]!.href).toBe('blob:archive');
    expect(server.requests.at(-1)!.authorization).toBe(`Bearer tok_${admin.id}`);
  });

  it('restores only after a plain confirmation, then says the server is restarting', async () => {
    const { server, user } = await openBackups([backup()]);
    server.on('POST', `/api/admin/backups/${backup().id}/restore`, {
      status: 202,
      body: { restoring: true, message: 'Restoring; the server restarts.' },
    });
    await user.click(await screen.findByRole('button', { name: /^Restore the backup of .*…$/ }));
    let dialog = screen.getByRole('dialog', { name: /^Restore the backup of / });
    expect(dialog.textContent).toContain('safety backup of the data it has now');
    expect(dialog.textContent).toContain('is lost');
    expect(dialog.textContent).toContain('restarts');
    // Escape backs out; nothing was sent.
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(server.requests.some((r) => r.url.endsWith('/restore'))).toBe(false);

    await user.click(screen.getByRole('button', { name: /^Restore the backup of .*…$/ }));
    dialog = screen.getByRole('dialog', { name: /^Restore the backup of / });
    await user.click(within(dialog).getByRole('button', { name: 'Restore and restart the server' }));
    expect((await screen.findByText(/The server is restarting on the backup of/)).getAttribute('role')).toBe(
      'status',
    );
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(server.requests.filter((r) => r.url.endsWith('/restore'))).toHaveLength(1);
  });

  it('says when the server is back after a restore, and shows the safety backup', async () => {
    useLiveStatus.getState().set('live');
    const { server, user, setList } = await openBackups([backup()]);
    server.on('POST', `/api/admin/backups/${backup().id}/restore`, {
      status: 202,
      body: { restoring: true, message: 'Restoring; the server restarts.' },
    });
    await user.click(await screen.findByRole('button', { name: /^Restore the backup of .*…$/ }));
    await user.click(screen.getByRole('button', { name: 'Restore and restart the server' }));
    await screen.findByText(/The server is restarting on the backup of/);
    // The live stream drops while the server restarts, then opens again on the restored server.
    const safety = backup({
      id: 'tripdesk-20261122T102000Z-pre-restore-a1b2c3',
      fileName: 'tripdesk-20261122T102000Z-pre-restore-a1b2c3.tar.gz',
      createdAt: '2026-11-22T10:20:00.000Z',
      reason: 'pre-restore',
    });
    setList([safety, backup()]);
    act(() => useLiveStatus.getState().set('reconnecting'));
    expect(screen.queryByText(/The server is back/)).toBeNull();
    act(() => useLiveStatus.getState().set('live'));
    expect((await screen.findByText(/^The server is back, on the data of /)).getAttribute('role')).toBe(
      'status',
    );
    expect(await screen.findByRole('cell', { name: 'Before a restore' })).toBeVisible();
  });

  it('says why a restore was refused, in the dialog', async () => {
    const { server, user } = await openBackups([backup()]);
    server.on(
      'POST',
      `/api/admin/backups/${backup().id}/restore`,
      problem(409, 'invalid_transition', 'This backup was taken by a newer server version.'),
    );
    await user.click(await screen.findByRole('button', { name: /^Restore the backup of .*…$/ }));
    const dialog = screen.getByRole('dialog', { name: /^Restore the backup of / });
    await user.click(within(dialog).getByRole('button', { name: 'Restore and restart the server' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('newer server version');
  });
});
