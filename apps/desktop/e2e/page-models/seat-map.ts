import type { Locator } from 'playwright-core';

/** A seat map to pick seats on: a grid of seats named "Seat 12A, window, free". */
export class SeatMap {
  readonly root: Locator;

  constructor(within: Locator, fareClass: string) {
    this.root = within.getByRole('grid', { name: `Seat map, ${fareClass}` });
  }

  seats(name: string | RegExp): Locator {
    return this.root.getByRole('button', { name });
  }

  /** The code (e.g. 12A) of a seat. */
  static async codeOf(seat: Locator): Promise<string> {
    return /^Seat (\w+),/.exec((await seat.getAttribute('aria-label'))!)![1]!;
  }
}
