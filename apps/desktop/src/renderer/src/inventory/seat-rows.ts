/**
 * A fare class's seats as the admin describes a cabin: rows ("1-3", "20-28, 30") times seat letters
 * ("ACDF", "A-F", "A B C"). The letter I is skipped in "A-K" ranges, as airlines do, so that it is
 * never mistaken for 1.
 */

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const MAX_ROW = 999;

export function parseSeatRows(text: string): Parsed<number[]> {
  const rows: number[] = [];
  const seen = new Set<number>();
  const parts = text.split(/[,;\s]+/).filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, error: 'Enter the rows, e.g. 1-3 or 20-28, 30.' };
  for (const part of parts) {
    const range = /^(\d+)[-–](\d+)$/.exec(part);
    const single = /^\d+$/.test(part) ? Number(part) : null;
    const [from, to] = range ? [Number(range[1]), Number(range[2])] : [single, single];
    if (from === null || to === null)
      return { ok: false, error: `“${part}” is not a row number or a range.` };
    if (from < 1 || to > MAX_ROW) return { ok: false, error: `Rows run from 1 to ${MAX_ROW}.` };
    if (to < from) return { ok: false, error: `“${part}” runs backwards; write the lower row first.` };
    for (let row = from; row <= to; row++) {
      if (seen.has(row)) return { ok: false, error: `Row ${row} is listed twice.` };
      seen.add(row);
      rows.push(row);
    }
  }
  return { ok: true, value: rows };
}

export function parseSeatLetters(text: string): Parsed<string[]> {
  const compact = text.toUpperCase().replace(/[\s,]+/g, '');
  if (compact === '') return { ok: false, error: 'Enter the seat letters, e.g. ABCDEF or A-F.' };
  const letters: string[] = [];
  for (let i = 0; i < compact.length; i++) {
    const c = compact[i]!;
    if (compact[i + 1] === '-' || compact[i + 1] === '–') {
      const end = compact[i + 2];
      if (!end || !/[A-Z]/.test(end) || end < c)
        return { ok: false, error: `“${compact}” has a range that does not read like A-F.` };
      for (let code = c.charCodeAt(0); code <= end.charCodeAt(0); code++) {
        const letter = String.fromCharCode(code);
        if (letter !== 'I' || c === 'I' || end === 'I') letters.push(letter);
      }
      i += 2;
      continue;
    }
    if (!/[A-Z]/.test(c)) return { ok: false, error: `“${c}” is not a seat letter; use A to Z.` };
    letters.push(c);
  }
  const dup = letters.find((l, i) => letters.indexOf(l) !== i);
  if (dup) return { ok: false, error: `Seat letter ${dup} is listed twice.` };
  return { ok: true, value: letters };
}

/** Every seat of the rows and letters, row by row: 1A 1B … 2A … */
export function seatsOf(rows: readonly number[], letters: readonly string[]): string[] {
  return rows.flatMap((row) => letters.map((letter) => `${row}${letter}`));
}

/** Seat labels in cabin order: by row number, then letter. */
export function compareSeats(a: string, b: string): number {
  const ra = Number.parseInt(a, 10);
  const rb = Number.parseInt(b, 10);
  return ra !== rb ? ra - rb : a.localeCompare(b);
}
