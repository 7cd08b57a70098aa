#!/usr/bin/env node
// Runs with whatever Node the machine has (18+): makes sure the project's Node 24 and pnpm are
// present under .tools/, installs the workspace, then runs `pnpm <args>` with Node 24 first on PATH.
// Why not corepack or nvm: neither is guaranteed on a bare machine; the npm registry is.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tools = join(root, '.tools');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// The toolchain the project is tested with: package.json#toolchain.
const nodeMajor = Number(pkg.toolchain.node);
const pnpmVersion = pkg.toolchain.pnpm;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function log(msg) {
  process.stderr.write(`[bootstrap] ${msg}\n`);
}

function fetchPackage(spec, dest) {
  // `npm pack` downloads the tarball from the registry without installing anything.
  const tmp = join(tools, `.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const out = execFileSync(npm, ['pack', spec, '--silent', '--pack-destination', tmp], {
    cwd: tmp,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const tarball = out.trim().split('\n').pop();
  execFileSync('tar', ['-xzf', join(tmp, tarball), '-C', tmp]);
  rmSync(dest, { recursive: true, force: true });
  renameSync(join(tmp, 'package'), dest);
  rmSync(tmp, { recursive: true, force: true });
}

function ensureNode() {
  const systemMajor = Number(process.versions.node.split('.')[0]);
  if (systemMajor >= nodeMajor) return dirname(process.execPath);
  const bin = join(tools, 'node', 'bin');
  const node = join(bin, 'node');
  if (existsSync(node)) {
    const v = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
    if (Number(v.slice(1).split('.')[0]) === nodeMajor) return bin;
  }
  const spec = `node-${process.platform}-${process.arch}@${nodeMajor}`;
  log(
    `system Node ${process.versions.node} is older than ${nodeMajor}; fetching ${spec} from the npm registry`,
  );
  fetchPackage(spec, join(tools, 'node'));
  chmodSync(node, 0o755);
  return bin;
}

function ensurePnpm() {
  // pnpm 12 is a native executable, published per platform as @pnpm/exe.<os>-<arch>.
  const dir = join(tools, 'pnpm');
  const binary = join(dir, 'pnpm');
  const installed = existsSync(join(dir, 'package.json'))
    ? JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version
    : null;
  if (installed !== pnpmVersion) {
    const spec = `@pnpm/exe.${process.platform}-${process.arch}@${pnpmVersion}`;
    log(`fetching ${spec} from the npm registry`);
    fetchPackage(spec, dir);
    chmodSync(binary, 0o755);
  }
  return dir;
}

mkdirSync(tools, { recursive: true });
const nodeBin = ensureNode();
const shimDir = ensurePnpm();
const env = {
  ...process.env,
  PATH: [shimDir, nodeBin, process.env.PATH].join(':'),
  // Keep pnpm from asking questions in CI or prompting for updates.
  CI: process.env.CI ?? '',
  npm_config_update_notifier: 'false',
};
const pnpm = join(shimDir, 'pnpm');

const install = spawnSync(
  pnpm,
  ['install', existsSync(join(root, 'pnpm-lock.yaml')) ? '--frozen-lockfile' : '--no-frozen-lockfile'],
  { cwd: root, env, stdio: 'inherit' },
);
if (install.status !== 0) process.exit(install.status ?? 1);

const args = process.argv.slice(2);
if (args.length === 0) process.exit(0);
const run = spawnSync(pnpm, args, { cwd: root, env, stdio: 'inherit' });
process.exit(run.status ?? 1);
