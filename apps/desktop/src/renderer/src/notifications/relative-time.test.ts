import { describe, expect, it } from 'vitest';
import { relativeTime } from './relative-time.ts';

describe('relativeTime', () => {
  const at = '2026-11-22T10:00:00.000Z';
  const later = (seconds: number) => Date.parse(at) + seconds * 1000;
  it('says how long ago, in the largest unit that fits', () => {
    expect(relativeTime(at, later(10))).toBe('just now');
    expect(relativeTime(at, later(60))).toBe('1 minute ago');
    expect(relativeTime(at, later(5 * 60))).toBe('5 minutes ago');
    expect(relativeTime(at, later(2 * 3600))).toBe('2 hours ago');
    expect(relativeTime(at, later(26 * 3600))).toBe('yesterday');
    expect(relativeTime(at, later(15 * 86_400))).toBe('2 weeks ago');
  });
});
