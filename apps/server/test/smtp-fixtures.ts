import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * Mail servers for the notification tests: the real `smtp-server` package collecting what it is sent,
 * one that accepts connections and never says a word, and a free port where nothing listens.
 */

/** One message as the test reads it: headers, and the text and HTML bodies decoded. */
export interface ReceivedMail {
  readonly messageId: string;
  readonly subject: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly text: string | undefined;
  readonly html: string | undefined;
  readonly raw: string;
}

/**
 * A port nothing listens on right now, chosen BELOW the range the OS hands out for port 0. A port taken
 * from that range and let go can be handed out again to the next `listen(0)`, which here is the test's
 * own HTTP server: the mailer then connects to it and waits for an SMTP greeting that never comes, and
 * the test hangs on the greeting timeout (seen once on PostgreSQL). Below the range, only a listener
 * asking for this very port can take it.
 */
export async function freePort(): Promise<number> {
  const [low] = ephemeralRange();
  const from = Math.max(1024, low - 12_000);
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = from + Math.floor(Math.random() * (low - from));
    const s = createServer();
    const bound = await new Promise<boolean>((resolve) => {
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (!bound) continue;
    await new Promise<void>((resolve) => s.close(() => resolve()));
    return port;
  }
  throw new Error(`no free port between ${from} and ${low}`);
}

/** The OS's range for port 0 (Linux: /proc; elsewhere the usual default). */
function ephemeralRange(): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (low && high && low > 2048) return [low, high];
  } catch {
    // Not Linux: fall through.
  }
  return [49152, 65535];
}

export interface TestMailServer {
  readonly port: number;
  /** Every message accepted so far, in order. */
  readonly received: ReceivedMail[];
  close(): Promise<void>;
}

/** The real SMTP server on 127.0.0.1:`port`, no TLS, login optional, keeping every message. */
export async function startMailServer(port: number, received: ReceivedMail[] = []): Promise<TestMailServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          ...parseMail(raw),
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  server.listen(port, '127.0.0.1');
  await once(server.server, 'listening');
  return {
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface SilentServer {
  readonly port: number;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Drops every connection and stops listening. */
  close(): Promise<void>;
}

/** Accepts TCP connections and never answers: a mail server that hangs before its greeting. */
export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    get connections() {
      return connections;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Just enough MIME to read what nodemailer writes: headers, a multipart/alternative of text and HTML,
// quoted-printable or base64 bodies, RFC 2047 encoded words in the subject.

function splitHead(raw: string): { headers: Map<string, string>; body: string } {
  const cut = raw.search(/\r?\n\r?\n/);
  const head = cut < 0 ? raw : raw.slice(0, cut);
  const body = cut < 0 ? '' : raw.slice(cut).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable': {
      const bytes: number[] = [];
      const soft = body.replace(/=\r?\n/g, '');
      for (let i = 0; i < soft.length; i++) {
        const hex = soft.slice(i + 1, i + 3);
        if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
          bytes.push(parseInt(hex, 16));
          i += 2;
        } else {
          bytes.push(...Buffer.from(soft[i]!, 'utf8'));
        }
      }
      return Buffer.from(bytes).toString('utf8');
    }
    default:
      return body;
  }
}

function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([bq])\?([^?]*)\?=\s*/gi, (_m, _charset, kind: string, text: string) =>
    kind.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : decodeBody(text.replace(/_/g, ' '), 'quoted-printable'),
  );
}

function parts(raw: string): { type: string; content: string }[] {
  const { headers, body } = splitHead(raw);
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    return body
      .split(`--${boundary}`)
      .slice(1)
      .filter((p) => !p.startsWith('--'))
      .flatMap((p) => parts(p.replace(/^\r?\n/, '')));
  }
  return [
    {
      type: type.split(';')[0]!.trim().toLowerCase(),
      content: decodeBody(body.replace(/\r?\n$/, ''), headers.get('content-transfer-encoding')),
    },
  ];
}

export function parseMail(raw: string): Omit<ReceivedMail, 'to' | 'raw'> {
  const { headers } = splitHead(raw);
  const all = parts(raw);
  return {
    messageId: headers.get('message-id') ?? '',
    subject: decodeWords(headers.get('subject') ?? ''),
    from: decodeWords(headers.get('from') ?? ''),
    text: all.find((p) => p.type === 'text/plain')?.content,
    html: all.find((p) => p.type === 'text/html')?.content,
  };
}
