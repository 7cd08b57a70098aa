/**
 * Room numbers as an admin types them: ranges ("301-320", "A01-A12"), lists ("101, 102, 105") or
 * both, one per line or separated by commas. Parsed here so that a typo shows before anything is sent.
 */

/** The most rooms one request may carry (the shared schema's limit). */
export const MAX_ROOMS_AT_ONCE = 2000;
const MAX_ROOM_NUMBER_LENGTH = 20;

export type RoomNumbersParse =
  { readonly ok: true; readonly numbers: readonly string[] } | { readonly ok: false; readonly error: string };

const RANGE = /^([A-Za-z]*)(\d+)\s*[-–]\s*([A-Za-z]*)(\d+)$/;
const PLAIN_NUMBER = /^[A-Za-z]?\d+[A-Za-z]?$/;

function expandRange(token: string, match: RegExpExecArray): RoomNumbersParse {
  const [, prefix = '', fromText = '', toPrefix = '', toText = ''] = match;
  if (toPrefix !== '' && toPrefix !== prefix) {
    return { ok: false, error: `“${token}” mixes two prefixes; write ranges like A01-A12.` };
  }
  const from = Number(fromText);
  const to = Number(toText);
  if (to < from) return { ok: false, error: `“${token}” runs backwards; write the lower number first.` };
  if (to - from + 1 > MAX_ROOMS_AT_ONCE) {
    return { ok: false, error: `“${token}” is more than ${MAX_ROOMS_AT_ONCE} rooms.` };
  }
  // "01-12" keeps its zero padding: rooms 01 … 12, not 1 … 12.
  const width = fromText.startsWith('0') ? fromText.length : 0;
  const numbers: string[] = [];
  for (let n = from; n <= to; n++) numbers.push(`${prefix}${String(n).padStart(width, '0')}`);
  return { ok: true, numbers };
}

export function parseRoomNumbers(text: string): RoomNumbersParse {
  const tokens: string[] = [];
  for (const part of text.split(/[,;\n]+/)) {
    const token = part.trim();
    if (token === '') continue;
    const words = token.split(/\s+/);
    // "301 302 303" is three rooms; "Suite 3" is one.
    if (words.length > 1 && words.every((w) => PLAIN_NUMBER.test(w) || RANGE.test(w))) tokens.push(...words);
    else tokens.push(token);
  }
  if (tokens.length === 0) return { ok: false, error: 'Enter the room numbers, e.g. 301-320 or 101, 102.' };

  const numbers: string[] = [];
  const seen = new Set<string>();
  for (const token of tokens) {
    const range = RANGE.exec(token);
    const expanded = range ? expandRange(token, range) : ({ ok: true, numbers: [token] } as const);
    if (!expanded.ok) return expanded;
    for (const number of expanded.numbers) {
      if (number.length > MAX_ROOM_NUMBER_LENGTH) {
        return { ok: false, error: `“${number}” is longer than ${MAX_ROOM_NUMBER_LENGTH} characters.` };
      }
      if (seen.has(number)) return { ok: false, error: `Room ${number} is listed twice.` };
      seen.add(number);
      numbers.push(number);
    }
  }
  if (numbers.length > MAX_ROOMS_AT_ONCE) {
    return { ok: false, error: `That is ${numbers.length} rooms; at most ${MAX_ROOMS_AT_ONCE} at once.` };
  }
  return { ok: true, numbers };
}

/** A list of rooms in a few words: "301–320, 401, 402" (consecutive numbers folded into ranges). */
export function describeRoomNumbers(numbers: readonly string[]): string {
  const parts: string[] = [];
  let runStart: string | null = null;
  let runEnd: string | null = null;
  const flush = () => {
    if (runStart === null || runEnd === null) return;
    parts.push(runStart === runEnd ? runStart : `${runStart}–${runEnd}`);
  };
  for (const number of numbers) {
    if (runEnd !== null && isNext(runEnd, number)) {
      runEnd = number;
      continue;
    }
    flush();
    runStart = number;
    runEnd = number;
  }
  flush();
  return parts.join(', ');
}

function isNext(previous: string, next: string): boolean {
  const a = /^(.*?)(\d+)$/.exec(previous);
  const b = /^(.*?)(\d+)$/.exec(next);
  if (!a || !b || a[1] !== b[1]) return false;
  const [from, to] = [a[2] ?? '', b[2] ?? ''];
  // Zero-padded numbers run at one width: 09 is followed by 10, but 009 is not followed by 10.
  if ((from.startsWith('0') || to.startsWith('0')) && from.length !== to.length) return false;
  return Number(to) === Number(from) + 1;
}
