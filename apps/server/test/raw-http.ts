import { connect } from 'node:net';

export interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** Whether the server closed the connection after answering. */
  readonly closed: boolean;
}

/**
 * Writes `head` (and then `trickle` slowly, if given) on a plain TCP connection and reads one answer:
 * for what fetch cannot send (a Content-Length it will not honour, a malformed request line, a body
 * that trickles).
 */
export function rawRequest(
  baseUrl: string,
  head: string,
  opts: { trickle?: string; trickleEveryMs?: number; waitForCloseMs?: number } = {},
): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let data = '';
    let timer: NodeJS.Timeout | undefined;
    let answered: Omit<RawAnswer, 'closed'> | undefined;
    const finish = (closed: boolean) => {
      clearInterval(timer);
      if (answered) resolve({ ...answered, closed });
      else reject(new Error(`no complete answer; got ${JSON.stringify(data)}`));
      socket.destroy();
    };
    socket.setEncoding('latin1');
    socket.on('connect', () => {
      socket.write(head, 'latin1');
      if (opts.trickle) {
        let i = 0;
        timer = setInterval(() => {
          if (i >= opts.trickle!.length || socket.destroyed) return clearInterval(timer);
          socket.write(opts.trickle![i++]!);
        }, opts.trickleEveryMs ?? 200);
      }
    });
    socket.on('data', (chunk: string) => {
      data += chunk;
      const end = data.indexOf('\r\n\r\n');
      if (end < 0 || answered) return;
      const [statusLine, ...lines] = data.slice(0, end).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      const length = Number(headers['content-length'] ?? 0);
      if (data.length - end - 4 < length) return;
      answered = {
        status: Number(statusLine!.split(' ')[1]),
        headers,
        body: data.slice(end + 4, end + 4 + length),
      };
      // Give the server a moment to close the connection, as it says it will.
      setTimeout(() => finish(socket.destroyed || socket.readableEnded), opts.waitForCloseMs ?? 500);
    });
    socket.on('end', () => finish(true));
    socket.on('error', (err) => (answered ? finish(true) : reject(err)));
  });
}
