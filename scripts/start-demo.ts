// `npm start`: the product with demo data on the embedded SQLite default. Starts the server (which
// also serves the desktop renderer at /), then opens the Electron window when Electron's binary is
// there or can be fetched; without it (no internet), the same app runs in a browser at the server's URL.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const desktop = join(root, 'apps/desktop');
const port = process.env.PORT ?? '4000';
const host = process.env.HOST ?? '127.0.0.1';
const url = `http://${host}:${port}`;

function say(msg: string): void {
  process.stderr.write(`\n[tripdesk] ${msg}\n`);
}

say('building the desktop app (electron-vite)');
const build = spawnSync('pnpm', ['--filter', '@tripdesk/desktop', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const server = spawn(process.execPath, [join(root, 'apps/server/src/main.ts')], {
  cwd: join(root, 'apps/server'),
  env: { DEMO_DATA: '1', ...process.env, PORT: port, HOST: host },
  stdio: 'inherit',
});
let electron: ChildProcess | undefined;
let stopping = false;
const stop = (code: number) => {
  if (stopping) return;
  stopping = true;
  electron?.kill('SIGTERM');
  server.kill('SIGTERM');
  server.once('exit', () => process.exit(code));
};
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
server.once('exit', (code) => {
  if (!stopping) process.exit(code ?? 1);
});

async function waitForServer(): Promise<boolean> {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return true;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

/** The Electron binary's path, fetching it once if its installer has not run (it needs internet). */
function electronBinary(): string | undefined {
  const require = createRequire(join(desktop, 'package.json'));
  let pkgDir: string;
  try {
    pkgDir = resolve(require.resolve('electron/package.json'), '..');
  } catch {
    return undefined;
  }
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) {
    say('fetching the Electron binary (needs internet)…');
    const r = spawnSync(process.execPath, [join(pkgDir, 'install.js')], {
      stdio: 'inherit',
      timeout: 180_000,
    });
    if (r.status !== 0 || !existsSync(pathFile)) return undefined;
  }
  return (require('electron') as unknown as string) || undefined;
}

if (!(await waitForServer())) {
  say(`the server did not answer at ${url}`);
  stop(1);
} else {
  const demoUsers = 'admin@demo.tripdesk.test / demo-admin-2026, agent@demo.tripdesk.test / demo-agent-2026';
  const binary = process.env.TRIPDESK_NO_ELECTRON ? undefined : electronBinary();
  if (binary) {
    say(`server at ${url}; opening the desktop window (sign in as ${demoUsers})`);
    electron = spawn(binary, [desktop], {
      stdio: 'inherit',
      env: { ...process.env, TRIPDESK_SERVER_URL: url },
    });
    electron.once('exit', () => stop(0));
  } else {
    say(
      `Tripdesk is running at ${url} — open it in a browser (Electron is not available on this machine).\n` +
        `[tripdesk] Sign in as ${demoUsers}. Ctrl+C stops the server.`,
    );
  }
}
