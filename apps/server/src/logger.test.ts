import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

describe('log redaction', () => {
  it('never writes a travel document number, a password or a token', () => {
    const lines: string[] = [];
    const log = createLogger('info', { write: (line: string) => lines.push(line) });
    const document = { type: 'passport', number: 'X1234567Q', country: 'GB', expiry: '2031-05-01' };
    log.info({ body: { travellers: [{ name: 'Ann Lee', document }] } }, 'travellers');
    log.info({ traveller: { name: 'Ann Lee', document } }, 'traveller');
    log.info({ user: { password: 'secret words', token: 'tok_abc' } }, 'user');
    const out = lines.join('\n');
    expect(lines).toHaveLength(3);
    expect(out).not.toContain('X1234567Q');
    expect(out).not.toContain('secret words');
    expect(out).toContain('Ann Lee');
    expect(out).toContain('[redacted]');
  });
});
