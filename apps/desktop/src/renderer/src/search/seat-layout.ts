import type { SeatMap, SeatStatus } from '@tripdesk/shared';

/**
 * A cabin drawn from the seat list alone: rows by number, seat letters across, and aisles where the
 * usual layout for that many seats abreast puts them (3-3 on a narrow-body, 3-3-3 on a wide-body…).
 */

export interface SeatCell {
  readonly seat: string;
  readonly row: number;
  readonly letter: string;
  readonly status: SeatStatus;
  readonly position: 'window' | 'aisle' | 'middle';
}

export interface CabinRow {
  readonly row: number;
  /** One entry per letter of the cabin; null where this row has no seat of that letter. */
  readonly cells: readonly (SeatCell | null)[];
}

export interface CabinLayout {
  readonly letters: readonly string[];
  /** Seats abreast in each block between aisles, e.g. [3, 3]. */
  readonly blocks: readonly number[];
  readonly rows: readonly CabinRow[];
}

/** Seats abreast → seats per block, left to right. */
const BLOCKS: Readonly<Record<number, readonly number[]>> = {
  1: [1],
  2: [1, 1],
  3: [1, 2],
  4: [2, 2],
  5: [2, 3],
  6: [3, 3],
  7: [2, 3, 2],
  8: [2, 4, 2],
  9: [3, 3, 3],
  10: [3, 4, 3],
};

function blocksFor(letters: readonly string[]): readonly number[] {
  // Wide-body business cabins are 1-2-1 (A, D G, K): every seat on an aisle.
  if (letters.length === 4 && letters[0] === 'A' && letters[3] === 'K') return [1, 2, 1];
  return BLOCKS[letters.length] ?? [letters.length];
}

const SEAT_PATTERN = /^(\d+)([A-Z])$/;

export function cabinLayout(seats: SeatMap['seats']): CabinLayout {
  const parsed = seats.flatMap((s) => {
    const m = SEAT_PATTERN.exec(s.seat);
    return m ? [{ seat: s.seat, row: Number(m[1]), letter: m[2] as string, status: s.status }] : [];
  });
  const letters = [...new Set(parsed.map((s) => s.letter))].sort();
  const blocks = blocksFor(letters);
  // Window seats are the outer letters; aisle seats the ones next to a block boundary.
  const aisleIndexes = new Set<number>();
  let edge = 0;
  blocks.forEach((size, i) => {
    if (i > 0) aisleIndexes.add(edge);
    edge += size;
    if (i < blocks.length - 1) aisleIndexes.add(edge - 1);
  });
  const position = (letter: string): SeatCell['position'] => {
    const i = letters.indexOf(letter);
    if (i === 0 || i === letters.length - 1) return 'window';
    return aisleIndexes.has(i) ? 'aisle' : 'middle';
  };
  const byRow = new Map<number, Map<string, SeatCell>>();
  for (const s of parsed) {
    const row = byRow.get(s.row) ?? new Map<string, SeatCell>();
    row.set(s.letter, { ...s, position: position(s.letter) });
    byRow.set(s.row, row);
  }
  const rows = [...byRow.entries()]
    .sort(([a], [b]) => a - b)
    .map(([row, cells]) => ({ row, cells: letters.map((l) => cells.get(l) ?? null) }));
  return { letters, blocks, rows };
}

/** Index of the block a letter column belongs to, for drawing the aisles. */
export function blockOf(layout: CabinLayout, column: number): number {
  let edge = 0;
  for (let i = 0; i < layout.blocks.length; i++) {
    edge += layout.blocks[i] ?? 0;
    if (column < edge) return i;
  }
  return layout.blocks.length - 1;
}
