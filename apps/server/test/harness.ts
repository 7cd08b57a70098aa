import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { ManualClock, type Clock } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import { startServer, type RunningServer } from '../src/server.ts';
import type { LoginLimits } from '../src/users/login-limiter.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';

export interface TestServer extends RunningServer {
  readonly db: TestDatabase;
  /** Stops the server and drops its database. */
  stop(): Promise<void>;
}

export const ADMIN = { email: 'admin@example.test', password: 'correct horse battery' };

/** A real server on a free port over real stores (SQLite files or a fresh PostgreSQL database). */
export async function startTestServer(
  dialect: 'sqlite' | 'pg',
  opts: { env?: Record<string, string>; clock?: Clock; loginLimits?: Partial<LoginLimits> } = {},
): Promise<TestServer> {
  const db = await createTestDatabase(dialect);
  const config = loadConfig({
    ...db.env,
    PORT: '0',
    LOG_LEVEL: 'silent',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    ...opts.env,
  });
  const server = await startServer(config, {
    clock: opts.clock ?? new ManualClock(new Date()),
    ...(opts.loginLimits ? { loginLimits: opts.loginLimits } : {}),
  });
  return {
    ...server,
    db,
    async stop() {
      await server.close();
      await db.drop();
    },
  };
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** A small typed client for tests: JSON in, JSON (or problem+json) out. */
export function client(baseUrl: string, token?: string) {
  async function call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const res = await fetch(baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, headers: res.headers, body: parsed as T };
  }
  return {
    get: <T = any>(p: string, h?: Record<string, string>) => call<T>('GET', p, undefined, h),
    post: <T = any>(p: string, b?: unknown, h?: Record<string, string>) => call<T>('POST', p, b, h),
    patch: <T = any>(p: string, b?: unknown, h?: Record<string, string>) => call<T>('PATCH', p, b, h),
    put: <T = any>(p: string, b?: unknown, h?: Record<string, string>) => call<T>('PUT', p, b, h),
    delete: <T = any>(p: string, h?: Record<string, string>) => call<T>('DELETE', p, undefined, h),
    call,
  };
}

export async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await client(baseUrl).post<{ token: string }>('/api/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

export const MAIN = resolve(import.meta.dirname, '../src/main.ts');

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: Promise<string>;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The real `main.ts` in a child process; `url` resolves when it logs that it is listening. */
export function spawnServer(env: Record<string, string>, opts: { umask?: string } = {}): ServerProcess {
  const childEnv = { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env };
  const stdio: ['ignore', 'pipe', 'pipe'] = ['ignore', 'pipe', 'pipe'];
  // With a umask, through a shell that sets it and then becomes node (exec): same pid, same signals.
  const child = opts.umask
    ? spawn('/bin/sh', ['-c', `umask ${opts.umask} && exec "$0" "$1"`, process.execPath, MAIN], {
        env: childEnv,
        stdio,
      })
    : spawn(process.execPath, [MAIN], { env: childEnv, stdio });
  let out = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    child.once('exit', (code, signal) => res({ code, signal })),
  );
  const url = new Promise<string>((res, rej) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /"msg":"listening"/.test(out) ? /"url":"([^"]+)"/.exec(out) : null;
      if (m?.[1]) res(m[1]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    void exited.then(({ code, signal }) =>
      rej(new Error(`server exited (${code ?? signal}) before listening:\n${out}`)),
    );
  });
  url.catch(() => {});
  return { child, url, exited, output: () => out };
}

/** Stops every server process still running (SIGTERM), and waits for each to exit. */
export async function stopProcesses(procs: readonly (ServerProcess | undefined)[]): Promise<void> {
  for (const p of procs) {
    if (p && p.child.exitCode === null && p.child.signalCode === null) {
      p.child.kill('SIGTERM');
      await p.exited;
    }
  }
}

/**
 * `n` server processes on one database (the PostgreSQL deployment), with the test admin; started one
 * after the other, so the first runs the migrations and the others find them done. Pushed into `procs`
 * as they start, so a failure still leaves them for `stopProcesses`.
 */
export async function spawnServers(
  n: number,
  env: Record<string, string>,
  procs: ServerProcess[],
): Promise<string[]> {
  const urls: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = spawnServer({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, ...env });
    procs.push(p);
    urls.push(await p.url);
  }
  return urls;
}
