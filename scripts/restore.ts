// `npm run restore -- ARCHIVE [--force]`: puts a backup archive in place of the stores. `--help` for more.
import { parseArgs } from 'node:util';
import {
  ArchiveError,
  CommandError,
  ConfigError,
  loadConfig,
  restoreCommand,
  RestoreRefusedError,
} from '@tripdesk/server';

const USAGE = `Usage: npm run restore -- ARCHIVE [--force]

Restores a backup archive (npm run backup, or the Operations screen) into the stores the environment
names (DATA_DIR, or DATABASE_URL), then migrates them to this version. The server must be stopped.
Every file is checked against the archive's sha256 manifest first.

Options:
  --force      replace existing data: SQLite files are moved to DATA_DIR/replaced-<time>/, PostgreSQL
               schemas renamed to replaced_<time>_<store>; nothing is deleted
  -h, --help   show this help`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    allowPositionals: true,
    options: {
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const { manifest, replaced } = await restoreCommand(config, {
    archive: positionals[0]!,
    force: values.force,
  });
  console.log(
    `restored backup ${manifest.id} (taken ${manifest.createdAt} by Tripdesk ${manifest.serverVersion})` +
      (replaced ? `; the data that was there is in ${replaced}` : ''),
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (
      err instanceof ConfigError ||
      err instanceof CommandError ||
      err instanceof ArchiveError ||
      err instanceof RestoreRefusedError
    ) {
      console.error(err.message);
      process.exit(2);
    }
    console.error(err);
    process.exit(1);
  },
);
