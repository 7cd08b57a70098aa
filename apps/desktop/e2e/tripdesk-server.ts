import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';

const SERVER_MAIN = resolve(import.meta.dirname, '../../server/src/main.ts');

/** A free TCP port on the loopback: listen on 0, read the port, close. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  await once(probe, 'close');
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

export interface TripdeskServer {
  readonly url: string;
  readonly output: () => string;
  /** SIGTERM, then wait for the process to exit (SIGKILL after a grace period). */
  stop(): Promise<void>;
}

/**
 * Starts the real server (`apps/server/src/main.ts`) with demo data in a fresh data folder. `env` adds
 * or overrides variables, e.g. `{ HOLD_TTL_SECONDS: '8', SWEEP_INTERVAL_SECONDS: '2' }` for holds that
 * run out while a test watches.
 */
export async function startTripdeskServer(
  deadlineMs = 60_000,
  env: Readonly<Record<string, string>> = {},
): Promise<TripdeskServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(resolve(tmpdir(), 'tripdesk-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [SERVER_MAIN], {
    cwd: resolve(SERVER_MAIN, '../..'),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO_DATA: '1',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit');

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + deadlineMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(
        `the server exited (${child.exitCode ?? child.signalCode}) before it was up:\n${output}`,
      );
    }
    try {
      const health = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (health.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `GET ${url}/api/health did not answer 200 within ${deadlineMs / 1000} s. Server output:\n${output}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, output: () => output, stop };
}
