import type { Role } from './users.ts';

/**
 * Passwords as NIST SP 800-63B asks (§5.1.1.2): long enough, any characters, no composition rules, and
 * not one an attacker tries first: a common or breached password, a run of one character or a simple
 * sequence, or one built from the account's own email. Administrators need 12 characters, others 8.
 * The server adds a list of common passwords (too large to ship to the desk) to these rules.
 */

export const MIN_PASSWORD_LENGTH: Readonly<Record<Role, number>> = { admin: 12, agent: 8, frontdesk: 8 };
export const MAX_PASSWORD_LENGTH = 256;

const ROLE_WORDS: Readonly<Record<Role, string>> = {
  admin: 'an administrator',
  agent: 'an agent',
  frontdesk: 'a front desk user',
};

/** The rule in words, for a form's hint. */
export function passwordRule(role: Role): string {
  return `At least ${MIN_PASSWORD_LENGTH[role]} characters; not a common password, nor the email.`;
}

/** Lower-cased, and without the digits and symbols people add at the end ("Summer2026!" → "summer"). */
export function passwordStem(password: string): string {
  return password.toLowerCase().replace(/[\d\W_]+$/u, '');
}

/** Whether the password is one character, or one short group, repeated: "aaaaaaaa", "abcabcabc". */
function isRepetition(password: string): boolean {
  const chars = [...password];
  for (let period = 1; period <= 4 && period < chars.length; period++) {
    if (chars.every((c, i) => c === chars[i % period])) return true;
  }
  return false;
}

/** Whether each character follows the one before, up or down: "abcdefgh", "87654321". */
function isSequence(password: string): boolean {
  const codes = [...password.toLowerCase()].map((c) => c.codePointAt(0)!);
  const step = codes[1]! - codes[0]!;
  return (step === 1 || step === -1) && codes.every((c, i) => i === 0 || c - codes[i - 1]! === step);
}

/**
 * Why the password cannot be used, as a sentence for the person choosing it; undefined when it can.
 * `isCommon` receives the password and its stem, lower-cased (the server's list of common passwords).
 */
export function passwordProblem(
  password: string,
  context: { readonly role: Role; readonly email?: string | undefined },
  isCommon?: (lowerCased: string) => boolean,
): string | undefined {
  const min = MIN_PASSWORD_LENGTH[context.role];
  const length = [...password].length;
  if (length < min) return `Use at least ${min} characters for ${ROLE_WORDS[context.role]}.`;
  if (length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  const lower = password.toLowerCase();
  const stem = passwordStem(password);
  const email = context.email?.trim().toLowerCase();
  if (email) {
    // The address itself anywhere in it, or its name part with only digits or symbols added.
    const local = email.split('@')[0] ?? '';
    if (lower.includes(email) || lower === local || stem === local) {
      return 'Do not use the email address, or its name part, as the password.';
    }
  }
  if (isRepetition(password)) return 'Do not repeat the same characters; choose a less guessable password.';
  if (isSequence(password)) return 'Do not use a simple sequence such as abcdefgh or 12345678.';
  if (isCommon && (isCommon(lower) || (stem.length >= 4 && isCommon(stem)))) {
    return 'This is one of the most common passwords, which attackers try first. Choose another.';
  }
  return undefined;
}
