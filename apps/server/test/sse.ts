/** A server-sent events reader for tests: fetch + a stream reader, parsed per the HTML standard (§9.2.6). */

export interface SseMessage {
  readonly id?: string;
  readonly event?: string;
  readonly data?: string;
  readonly retry?: number;
  /** Comment lines (`: ...`), without the colon and the one space after it. */
  readonly comments: readonly string[];
}

export interface SseStream {
  readonly status: number;
  readonly headers: Headers;
  /** Every message so far, in order. */
  readonly messages: readonly SseMessage[];
  /** Resolves when the server ends the stream (or the test closes it). */
  readonly ended: Promise<void>;
  /** The first message (from the start of the stream) that matches; waits up to `timeoutMs` for it. */
  waitFor(match: (m: SseMessage) => boolean, timeoutMs?: number): Promise<SseMessage>;
  /** The data of the `event:` messages so far, parsed. */
  events(): { id: number; type: string; data: any }[];
  close(): void;
  /** The body, when the answer was not a stream. */
  readonly text?: string;
}

export async function openStream(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const abort = new AbortController();
  const res = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  const messages: SseMessage[] = [];
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of [...waiters]) w();
  };
  if (!res.headers.get('content-type')?.startsWith('text/event-stream')) {
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      messages,
      ended: Promise.resolve(),
      text,
      waitFor: () => Promise.reject(new Error(`not a stream: ${res.status} ${text}`)),
      events: () => [],
      close: () => {},
    };
  }
  let done = false;
  const ended = (async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done: finished } = await reader.read();
        if (finished) break;
        buffer += value;
        let cut: RegExpExecArray | null;
        while ((cut = /\r?\n\r?\n/.exec(buffer))) {
          messages.push(parseBlock(buffer.slice(0, cut.index)));
          buffer = buffer.slice(cut.index + cut[0].length);
        }
        notify();
      }
    } catch {
      /* aborted by close() */
    } finally {
      done = true;
      notify();
    }
  })();
  return {
    status: res.status,
    headers: res.headers,
    messages,
    ended,
    waitFor(match, timeoutMs = 10_000) {
      return new Promise<SseMessage>((resolve, reject) => {
        const check = () => {
          const found = messages.find(match);
          if (found) {
            finish();
            resolve(found);
          } else if (done) {
            finish();
            reject(new Error(`stream ended without the message; got ${JSON.stringify(messages)}`));
          }
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(messages)}`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    events() {
      return messages
        .filter((m) => m.event !== undefined)
        .map((m) => ({ id: Number(m.id), type: m.event!, data: JSON.parse(m.data ?? 'null') }));
    },
    close() {
      abort.abort();
    },
  };
}

function parseBlock(block: string): SseMessage {
  const comments: string[] = [];
  const data: string[] = [];
  let id: string | undefined;
  let event: string | undefined;
  let retry: number | undefined;
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith(':')) {
      comments.push(line.slice(1).replace(/^ /, ''));
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'retry') retry = Number(value);
  }
  return {
    comments,
    ...(id !== undefined ? { id } : {}),
    ...(event !== undefined ? { event } : {}),
    ...(data.length ? { data: data.join('\n') } : {}),
    ...(retry !== undefined ? { retry } : {}),
  };
}
