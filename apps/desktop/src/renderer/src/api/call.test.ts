import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeServer, healthy, problem } from '../test/fake-server.ts';
import { resetRenderer, SERVER } from '../test/render-app.tsx';
import { heldTrip } from '../trips/trip-fixtures.ts';
import { ApiError } from './api-error.ts';
import { call, download, routeUrl } from './call.ts';
import { api } from './client.ts';

let sent: { url: string; key: unknown; accept: unknown; timeout: unknown }[] = [];
let interceptor: number;
beforeEach(() => {
  resetRenderer();
  sent = [];
  interceptor = api.interceptors.request.use((config) => {
    sent.push({
      url: config.url ?? '',
      key: config.headers.get('Idempotency-Key'),
      accept: config.headers.get('Accept'),
      timeout: config.timeout,
    });
    return config;
  });
});
afterEach(() => api.interceptors.request.eject(interceptor));

describe('the typed client', () => {
  it('fills the path from the route table and answers the parsed success body', async () => {
    const trip = heldTrip({ id: 'trp/1' });
    fakeServer().on('GET', '/api/trips/trp%2F1', { status: 200, body: trip });
    await expect(call('getTrip', { params: { tripId: 'trp/1' } })).resolves.toEqual(trip);
  });

  it('sends the query in the URL, leaving out empty values', async () => {
    const server = fakeServer().on('GET', '/api/trips?q=grace', {
      status: 200,
      body: { items: [], total: 0 },
    });
    await expect(call('listTrips', { query: { status: '', q: 'grace' } })).resolves.toEqual({
      items: [],
      total: 0,
    });
    expect(server.requests.map((r) => r.url)).toEqual(['/api/trips?q=grace']);
    expect(routeUrl('streamEvents', { query: { access_token: 'tok 1' } })).toBe(
      '/api/events?access_token=tok+1',
    );
  });

  it('sends the Idempotency-Key it is given, and none otherwise', async () => {
    const trip = heldTrip();
    const server = fakeServer()
      .on('POST', `/api/trips/${trip.id}/pay`, { status: 200, body: trip })
      .on('POST', '/api/trips', { status: 201, body: trip });
    await call('payTrip', {
      params: { tripId: trip.id },
      body: { paymentMethodId: 'pm_card_visa' },
      idempotencyKey: 'key-1',
      timeout: 60_000,
    });
    await call('createTrip', { body: { customer: trip.customer } });
    expect(sent.map((s) => [s.url, s.key, s.timeout])).toEqual([
      [`/api/trips/${trip.id}/pay`, 'key-1', 60_000],
      ['/api/trips', undefined, 15_000],
    ]);
    expect(server.requests[0]?.body).toEqual({ paymentMethodId: 'pm_card_visa' });
  });

  it('answers undefined for a 204', async () => {
    fakeServer().on('DELETE', '/api/trips/trp_1/items/itm_1', { status: 204 });
    await expect(call('removeTripItem', { params: { tripId: 'trp_1', itemId: 'itm_1' } })).resolves.toBe(
      undefined,
    );
  });

  it('turns an answer that does not match the contract into an ApiError, like any other failure', async () => {
    fakeServer().on('GET', '/api/trips/trp_1', { status: 200, body: { id: 'trp_1', status: 'teleported' } });
    const error = await call('getTrip', { params: { tripId: 'trp_1' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 200, code: 'contract_mismatch' });
    const mismatch = error as ApiError;
    expect(mismatch.detail).toMatch(/^GET \/api\/trips\/\{tripId\}: /);
    expect(mismatch.message).toBe(
      `The server at ${SERVER} answered in a form this version of the app cannot read. Try again; if it ` +
        'keeps happening, ask your administrator to bring the app and the server to the same version.',
    );
  });

  it('keeps a refusal the ApiError of its problem', async () => {
    fakeServer().on('GET', '/api/trips/trp_1', problem(404, 'not_found', 'Trip not found.'));
    await expect(call('getTrip', { params: { tripId: 'trp_1' } })).rejects.toMatchObject({
      status: 404,
      code: 'not_found',
      detail: 'Trip not found.',
    });
  });

  it('reads an answer the table lists besides success as data (health’s 503)', async () => {
    const stores = { users: 'ok', hotels: 'ok', flights: 'ok', cars: 'ok', payments: 'connection refused' };
    fakeServer().on('GET', '/api/health', { status: 503, body: { status: 'degraded', stores } });
    await expect(call('getHealth')).resolves.toEqual({ status: 'degraded', stores });
    fakeServer().on('GET', '/api/health', healthy);
    await expect(call('getHealth')).resolves.toMatchObject({ status: 'ok' });
  });

  it('answers a text document as text, asking for its media type', async () => {
    fakeServer().on('GET', '/api/trips/trp_1/receipt.html', {
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<html>receipt</html>',
    });
    await expect(call('getTripReceiptDocument', { params: { tripId: 'trp_1' } })).resolves.toBe(
      '<html>receipt</html>',
    );
    expect(sent.at(-1)?.accept).toBe('text/html');
  });

  it('downloads a file as a Blob in the media type asked', async () => {
    fakeServer().on('GET', '/api/reports/sales?from=2026-10-01&to=2026-11-01&format=csv', {
      status: 200,
      headers: { 'content-type': 'text/csv' },
      body: 'date,amount\r\n',
    });
    const csv = await download('getSalesReport', 'text/csv', {
      query: { from: '2026-10-01', to: '2026-11-01', hotelId: '', format: 'csv' },
    });
    expect(csv).toBeInstanceOf(Blob);
    expect(await csv.text()).toBe('date,amount\r\n');
    expect(sent.at(-1)?.accept).toBe('text/csv');
  });
});
