import { describe, expect, it } from 'vitest';
import { CreateUserRequestSchema } from './users.ts';
import { MIN_PASSWORD_LENGTH, passwordProblem, passwordRule, passwordStem } from './password-policy.ts';

/** A stand-in for the server's list of common passwords. */
const common = new Set(['password', 'password1', '12345678', 'qwerty123', 'summer', 'letmein']);
const isCommon = (p: string) => common.has(p);

describe('passwordProblem', () => {
  it.each([
    ['password', 'agent', /most common/],
    ['Password1', 'agent', /most common/],
    ['Summer2026!', 'agent', /most common/],
    ['12345678', 'agent', /sequence/],
    ['abcdefghij', 'frontdesk', /sequence/],
    ['87654321', 'agent', /sequence/],
    ['aaaaaaaa', 'agent', /repeat/],
    ['abcabcabc', 'agent', /repeat/],
    ['1212121212', 'agent', /repeat/],
    ['short1!', 'agent', /at least 8 characters for an agent/],
    ['eleven char', 'admin', /at least 12 characters for an administrator/],
    ['ann.smith@example.test', 'agent', /email/],
    ['my ANN.SMITH@EXAMPLE.TEST pw', 'agent', /email/],
    ['ann.smith2026', 'agent', /email/],
  ] as const)('refuses %j for %s', (password, role, why) => {
    expect(passwordProblem(password, { role, email: 'ann.smith@example.test' }, isCommon)).toMatch(why);
  });

  it.each([
    ['demo-agent-2026', 'agent'],
    ['correct horse battery', 'admin'],
    ['desk-password-1', 'frontdesk'],
    ['Zürich, Friday 7', 'agent'],
    ['🙂🙃🙂🙃 moons!', 'agent'],
  ] as const)('accepts %j for %s', (password, role) => {
    expect(passwordProblem(password, { role, email: 'desk@example.test' }, isCommon)).toBeUndefined();
  });

  it('counts characters, not UTF-16 units, against the minimum', () => {
    // Seven emoji are seven characters (fourteen UTF-16 units): too short.
    expect(passwordProblem('🙂🙃🙂🙃🙂🙃🙂', { role: 'agent' })).toMatch(/at least 8/);
  });

  it('says the rule in words for each role', () => {
    expect(passwordRule('admin')).toBe(
      `At least ${MIN_PASSWORD_LENGTH.admin} characters; not a common password, nor the email.`,
    );
    expect(passwordRule('agent')).toMatch(/^At least 8 characters/);
    expect(passwordStem('Summer2026!')).toBe('summer');
  });

  it('is part of the create-user schema, except the list the server adds', () => {
    const base = { email: 'new@example.test', name: 'New', role: 'admin' as const };
    const weak = CreateUserRequestSchema.safeParse({ ...base, password: 'elevenchars' });
    expect(weak.error?.issues).toEqual([
      expect.objectContaining({
        path: ['password'],
        message: 'Use at least 12 characters for an administrator.',
      }),
    ]);
    expect(CreateUserRequestSchema.safeParse({ ...base, password: 'a long enough phrase' }).success).toBe(
      true,
    );
  });
});
