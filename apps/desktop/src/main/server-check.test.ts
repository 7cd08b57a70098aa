import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkServer } from './server-check.ts';

let server: Server | undefined;

async function serve(listener: RequestListener): Promise<string> {
  server = createServer(listener);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

const healthy = {
  status: 'ok',
  stores: { users: 'ok', hotels: 'ok', flights: 'ok', cars: 'ok', payments: 'ok' },
  version: '0.1.0',
};

describe('checkServer', () => {
  it('reports a healthy Tripdesk server with each store', async () => {
    const url = await serve((req, res) => {
      res.writeHead(req.url === '/api/health' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(healthy));
    });
    expect(await checkServer(`${url}/`)).toEqual({
      ok: true,
      serverUrl: url,
      status: 'ok',
      stores: healthy.stores,
      version: '0.1.0',
    });
  });

  it('reports a server whose store is down as degraded', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ status: 'degraded', stores: { ...healthy.stores, payments: 'SQLITE_CANTOPEN' } }),
      );
    });
    const result = await checkServer(url);
    expect(result).toMatchObject({ ok: true, status: 'degraded', stores: { payments: 'SQLITE_CANTOPEN' } });
  });

  it('tells when something else answers', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<h1>Printer admin</h1>');
    });
    expect(await checkServer(url)).toMatchObject({ ok: false, reason: 'not_tripdesk' });
  });

  it('tells when nothing answers', async () => {
    const url = await serve(() => undefined);
    server!.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const result = await checkServer(url);
    expect(result).toMatchObject({ ok: false, reason: 'unreachable' });
    if (!result.ok) expect(result.message).toContain(url);
  });

  it('gives up after the timeout', async () => {
    const url = await serve(() => undefined); // accepts, never answers
    expect(await checkServer(url, { timeoutMs: 150 })).toMatchObject({ ok: false, reason: 'timeout' });
  });

  it('does not fetch an invalid address', async () => {
    expect(await checkServer('ftp://desk')).toMatchObject({ ok: false, reason: 'invalid_address' });
  });
});
