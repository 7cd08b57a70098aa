// `npm run backup -- [--out FILE] [--scheduled]`: one archive of the five stores. `--help` for more.
import { parseArgs } from 'node:util';
import { backupCommand, CommandError, ConfigError, loadConfig } from '@tripdesk/server';

const USAGE = `Usage: npm run backup -- [--out FILE] [--scheduled]

Backs up the five stores into one .tar.gz in BACKUP_DIR (default DATA_DIR/backups), configured by the
same environment as the server (DATA_DIR, DATABASE_URL, BACKUP_DIR, ...).

  SQLite, server stopped:   copies the stores directly (takes the data folder's lock meanwhile).
  SQLite, server running:   asks the running server (its admin API at HOST:PORT) with ADMIN_EMAIL and
                            ADMIN_PASSWORD; without them it says so and stops.
  PostgreSQL:               copies directly, from one snapshot, whether servers run or not.

Options:
  --out FILE     also write the archive to FILE
  --scheduled    mark the backup as scheduled (the systemd timer uses it)
  -h, --help     show this help`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      out: { type: 'string' },
      scheduled: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  const result = await backupCommand(config, {
    out: values.out,
    reason: values.scheduled ? 'scheduled' : 'manual',
  });
  const b = result.backup;
  console.log(
    `backup ${b.id} written to ${result.path} (${(b.sizeBytes / 1024).toFixed(0)} KiB, ${b.dialect}, ` +
      `writes paused ${b.pauseMs} ms, ${result.via === 'server' ? 'through the running server' : 'directly'})`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (
      err instanceof ConfigError ||
      err instanceof CommandError ||
      (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      console.error((err as Error).message);
      if (!(err instanceof ConfigError || err instanceof CommandError)) console.error(USAGE);
      process.exit(2);
    }
    console.error(err);
    process.exit(1);
  },
);
