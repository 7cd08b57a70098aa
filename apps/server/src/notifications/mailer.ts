import { createTransport } from 'nodemailer';

/** One email: both bodies, and a Message-ID of our own so a receiver can tell a duplicate. */
export interface MailMessage {
  readonly messageId: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface Mailer {
  /** Resolves when the server accepted the message; rejects with a MailError otherwise. */
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** Why a send failed; `permanent` when trying again cannot help (the server refused the recipient). */
export class MailError extends Error {
  readonly permanent: boolean;
  constructor(message: string, permanent: boolean, cause?: unknown) {
    super(message, { cause });
    this.name = 'MailError';
    this.permanent = permanent;
  }
}

export interface SmtpMailerOptions {
  readonly url: string;
  readonly from: string;
  /** Milliseconds; short, so a dead or silent server fails the attempt fast inside the worker. */
  readonly connectionTimeoutMs?: number;
  readonly greetingTimeoutMs?: number;
  readonly socketTimeoutMs?: number;
}

/**
 * Notification email through SMTP (nodemailer), from SMTP_URL: `smtp://` (STARTTLS when the server
 * offers it) or `smtps://` (TLS from the start), with `user:pass@` when the server wants a login. One
 * connection per message: the worker sends a few at a time, and nothing is left open between ticks.
 */
export function createSmtpMailer(opts: SmtpMailerOptions): Mailer {
  const url = new URL(opts.url);
  const secure = url.protocol === 'smtps:';
  const user = decodeURIComponent(url.username);
  const transport = createTransport({
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(user ? { auth: { user, pass: decodeURIComponent(url.password) } } : {}),
    connectionTimeout: opts.connectionTimeoutMs ?? 10_000,
    greetingTimeout: opts.greetingTimeoutMs ?? 10_000,
    socketTimeout: opts.socketTimeoutMs ?? 30_000,
    dnsTimeout: 10_000,
  });
  return {
    async send(m) {
      try {
        await transport.sendMail({
          from: opts.from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html,
          messageId: m.messageId,
        });
      } catch (err) {
        const e = err as { code?: string; responseCode?: number; message?: string };
        // A recipient the server refuses outright (5xx to RCPT TO) is refused again next time.
        const permanent = e.code === 'EENVELOPE' && (e.responseCode ?? 0) >= 500;
        throw new MailError(e.message ?? String(err), permanent, err);
      }
    },
    close() {
      transport.close();
    },
  };
}
