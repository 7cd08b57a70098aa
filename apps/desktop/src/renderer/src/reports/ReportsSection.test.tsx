import { render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { QueryClientProvider } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversionReport, OccupancyReport, SalesReport, User } from '@tripdesk/shared';
import { createQueryClient } from '../api/query-client.ts';
import { fakeServer, problem } from '../test/fake-server.ts';
import { admin, desk, resetRenderer, signInAs } from '../test/render-app.tsx';
import { ReportsSection } from './ReportsSection.tsx';

const TODAY = '2026-11-15';
const Q = 'from=2026-11-01&to=2026-12-01';
const eur = (amount: number) => ({ amount, currency: 'EUR' });

const occupancy: OccupancyReport = {
  from: '2026-11-01',
  to: '2026-12-01',
  hotels: [
    {
      hotelId: 'htl_1',
      hotelName: 'Alfama',
      currency: 'EUR',
      roomNightsAvailable: 90,
      roomNightsSold: 5,
      occupancy: 0.0556,
      roomRevenue: eur(80_000),
      adr: eur(16_000),
      revpar: eur(889),
    },
  ],
  total: 1,
  limit: 50,
  offset: 0,
};
const row = (itemType: 'hotel' | 'flight' | 'car' | 'all', placed: number, paid: number, cancelled = 0) => ({
  itemType,
  placed,
  paid,
  expired: placed - paid,
  released: 0,
  held: 0,
  cancelled,
  paidRate: placed ? paid / placed : null,
  expiredRate: placed ? (placed - paid) / placed : null,
  releasedRate: placed ? 0 : null,
  cancellationRate: paid ? cancelled / paid : null,
});
const conversion: ConversionReport = {
  from: '2026-11-01',
  to: '2026-12-01',
  byType: [row('hotel', 4, 3, 1), row('flight', 1, 1), row('car', 0, 0)],
  all: row('all', 5, 4, 1),
  payments: { attempts: 5, succeeded: 4, failed: 1, declined: 1, failureRate: 0.2, declineRate: 0.2 },
};
const sales: SalesReport = {
  from: '2026-11-01',
  to: '2026-12-01',
  days: [
    {
      date: '2026-11-02',
      itemType: 'hotel',
      currency: 'EUR',
      salesCount: 3,
      salesAmount: eur(154_600),
      refundsCount: 0,
      refundsAmount: eur(0),
    },
    {
      date: '2026-11-03',
      itemType: 'hotel',
      currency: 'EUR',
      salesCount: 0,
      salesAmount: eur(0),
      refundsCount: 1,
      refundsAmount: eur(40_000),
    },
  ],
  totals: [
    {
      itemType: 'hotel',
      currency: 'EUR',
      salesCount: 3,
      salesAmount: eur(154_600),
      taxesAmount: eur(14_055),
      refundsCount: 1,
      refundsAmount: eur(40_000),
    },
  ],
};

function open(user: User, replies: { sales?: SalesReport; failOccupancy?: boolean } = {}) {
  signInAs(user);
  const server = fakeServer()
    .on('GET', '/api/hotels?limit=200&offset=0', {
      status: 200,
      body: { items: [], total: 0, limit: 200, offset: 0 },
    })
    .on(
      'GET',
      `/api/reports/occupancy?${Q}`,
      replies.failOccupancy
        ? problem(500, 'internal_error', 'The server could not complete the request.')
        : { status: 200, body: occupancy },
    )
    .on('GET', `/api/reports/sales?${Q}`, { status: 200, body: replies.sales ?? sales })
    .on('GET', `/api/reports/conversion?${Q}`, { status: 200, body: conversion });
  render(
    <QueryClientProvider client={createQueryClient()}>
      <ReportsSection user={user} today={TODAY} />
    </QueryClientProvider>,
  );
  return { server, clicker: userEvent.setup() };
}

beforeEach(resetRenderer);
afterEach(() => vi.restoreAllMocks());

describe('Reports', () => {
  it('shows the key figures of this month and each report', async () => {
    open(admin);
    const tiles = await screen.findByLabelText('Key figures');
    expect(await within(tiles).findByText('5.6 %')).toBeVisible();
    expect(within(tiles).getByText('€160.00')).toBeVisible();
    expect(within(tiles).getByText('€8.89')).toBeVisible();
    expect(await within(tiles).findByText('25.0 %')).toBeVisible(); // cancellation 1 of 4 paid
    expect(within(tiles).getByText('20.0 %')).toBeVisible(); // payment failure 1 of 5
    const perHotel = await screen.findByRole('table', { name: 'Occupancy, ADR and RevPAR per hotel' });
    expect(within(perHotel).getByText('Alfama')).toBeVisible();
    // Charts have a text alternative and their numbers as a table.
    expect(screen.getByRole('figure', { name: 'Sales by day, EUR' })).toBeVisible();
    expect(screen.getByText('€1,546.00 captured in the period, by item type.')).toBeVisible();
    await userEvent
      .setup()
      .click(screen.getByRole('button', { name: 'Show refunds by day, EUR as a table' }));
    const refunds = screen.getByRole('table', { name: 'Refunds by day, EUR' });
    expect(within(refunds).getByRole('row', { name: /2026-11-03/ }).textContent).toContain('€400.00');
    expect(screen.getByRole('figure', { name: 'Booking funnel' })).toBeVisible();
    // The taxes and fees in the sales, apart.
    const perType = screen.getByRole('table', { name: 'Sales and refunds per item type' });
    expect(within(perType).getByRole('columnheader', { name: 'of which taxes and fees' })).toBeVisible();
    expect(within(perType).getByText('€140.55')).toBeVisible();
  });

  it('says so when nothing was sold', async () => {
    open(desk, { sales: { ...sales, days: [], totals: [] } });
    expect(await screen.findByText('No sales in this period.')).toBeVisible();
    // The desk has no hotel picker: its own hotel is the server's to decide.
    expect(screen.queryByLabelText('Hotel')).toBeNull();
    // It says which hotel the reports are of.
    expect((await screen.findByText(/^Hotel:/)).textContent).toBe(`Hotel: ${occupancy.hotels[0]!.hotelName}`);
  });

  it('shows a load error with a retry', async () => {
    open(admin, { failOccupancy: true });
    const occupancyPanel = await screen.findByRole('region', { name: 'Occupancy' });
    expect(await within(occupancyPanel).findByRole('alert')).toBeVisible();
    expect(within(occupancyPanel).getByRole('button', { name: 'Try again' })).toBeVisible();
    // The other reports still show.
    expect(await screen.findByRole('table', { name: 'Conversion per item type' })).toBeVisible();
  });

  it('downloads a report as CSV through the API with the bearer token', async () => {
    const { server, clicker } = open(admin);
    server.on('GET', `/api/reports/occupancy?${Q}&format=csv`, {
      status: 200,
      headers: { 'content-type': 'text/csv' },
      body: 'hotel_id,hotel_name\r\nhtl_1,Alfama\r\n',
    });
    const createObjectURL = vi.fn(() => 'blob:report');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      expect(this.download).toBe('occupancy-2026-11-01-2026-12-01.csv');
      expect(this.href).toBe('blob:report');
    });
    await clicker.click(await screen.findByRole('button', { name: 'Download occupancy as CSV' }));
    await vi.waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    const request = server.requests.find((r) => r.url.endsWith('format=csv'))!;
    expect(request.authorization).toBe(`Bearer tok_${admin.id}`);
    expect(createObjectURL).toHaveBeenCalledTimes(1);
  });

  it('asks for the period chosen', async () => {
    const { server, clicker } = open(admin);
    await screen.findByRole('table', { name: 'Occupancy, ADR and RevPAR per hotel' });
    await clicker.selectOptions(screen.getByLabelText('Period'), 'last-month');
    await vi.waitFor(() =>
      expect(server.requests.map((r) => r.url)).toContain('/api/reports/sales?from=2026-10-01&to=2026-11-01'),
    );
    await clicker.selectOptions(screen.getByLabelText('Period'), 'custom');
    await clicker.clear(screen.getByLabelText('To (not included)'));
    await clicker.type(screen.getByLabelText('To (not included)'), '2026-10-01');
    await clicker.tab();
    // The end may not come before the start: the field says the first day it takes.
    expect(await screen.findByText('Choose 11/02/2026 or later.')).toBeVisible();
    await clicker.clear(screen.getByLabelText('To (not included)'));
    await clicker.type(screen.getByLabelText('To (not included)'), '2026-11-08');
    // The start moved past the end takes the end along, the period as long as it was (7 days).
    await clicker.clear(screen.getByLabelText('From'));
    await clicker.type(screen.getByLabelText('From'), '2026-11-20');
    await clicker.tab();
    await vi.waitFor(() =>
      expect(server.requests.map((r) => r.url)).toContain('/api/reports/sales?from=2026-11-20&to=2026-11-27'),
    );
    expect(screen.getByLabelText('To (not included)')).toHaveValue('11/27/2026');
  });
});
