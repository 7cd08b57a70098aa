import { ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError } from './lock.ts';
import { createLogger } from './logger.ts';
import { startServer } from './server.ts';

// The server's entry point: `pnpm --dir apps/server start` (API.md, "Running the server").
let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
const logger = createLogger(config.logLevel);

let server;
try {
  // After an in-process restore the server starts again by itself; if it cannot, the process ends.
  server = await startServer(config, { logger, onFatal: () => process.exit(1) });
} catch (err) {
  if (err instanceof DataDirLockedError) {
    logger.fatal(err.message);
    console.error(err.message);
    process.exit(3);
  }
  logger.fatal({ err }, 'the server could not start');
  process.exit(1);
}

const running = server;
let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing requests in flight');
    // A hung request must not keep the process alive forever.
    setTimeout(() => {
      logger.error('requests still running after 20 s; exiting anyway');
      process.exit(1);
    }, 20_000).unref();
    running.close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, 'error while stopping');
        process.exit(1);
      },
    );
  });
}
