import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/** Structured JSON logs; secrets in headers never reach them. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'tripdesk-server' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'password',
        '*.password',
        'token',
        '*.token',
        // Travel documents are personal data: never in a log line.
        '*.document.number',
        '*.travellers[*].document.number',
      ],
      censor: '[redacted]',
    },
  } satisfies LoggerOptions;
  return destination ? pino(options, destination) : pino(options);
}
