import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * The ~49,000 most common passwords of zxcvbn-ts's dictionary (from leaked password sets), lower-cased:
 * what attackers try first, as NIST SP 800-63B asks a verifier to refuse. A well-kept package rather
 * than a list of our own; loaded once, on the first check.
 */
let common: ReadonlySet<string> | undefined;

export function isCommonPassword(lowerCased: string): boolean {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common.has(lowerCased);
}
