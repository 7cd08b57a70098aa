import type { Knex } from 'knex';

/**
 * What the three inventory stores' holds repositories (hotels, flights, cars) share: hold statuses,
 * the typed refusals of a placement and the audit events. Row locks and the transaction wrapper are in
 * transactions.ts.
 */

export const HOLD_STATUSES = ['held', 'booked', 'released', 'expired', 'cancelled'] as const;
export type HoldStatus = (typeof HOLD_STATUSES)[number];

/** How a held hold ends without being booked: removed from the trip, ran out, or the trip was cancelled. */
export type HoldEnd = 'released' | 'expired' | 'cancelled';

/** Actor of the releases a placement makes of other holds that ran out (before the sweeper got to them). */
export const LAZY_EXPIRY_ACTOR = 'system:lazy-expiry';

/** Why a placement was refused. Nothing was written: the transaction rolled back. */
export type HoldRefusal =
  | { readonly reason: 'unknown_unit' }
  | { readonly reason: 'sold_out'; readonly date?: string }
  | { readonly reason: 'retired' }
  | { readonly reason: 'closed_to_sale'; readonly date: string }
  | { readonly reason: 'times_changed' }
  | { readonly reason: 'seat_taken'; readonly seats: readonly string[] }
  | { readonly reason: 'seat_not_in_class'; readonly seats: readonly string[] };

export class HoldRefusedError extends Error {
  readonly refusal: HoldRefusal;
  constructor(refusal: HoldRefusal) {
    super(`hold refused: ${refusal.reason}`);
    this.name = 'HoldRefusedError';
    this.refusal = refusal;
  }
}

/** A row the invariant query found wrong; tests expect none. */
export interface InvariantViolation {
  readonly table: string;
  readonly key: Readonly<Record<string, unknown>>;
  readonly problem: string;
}

export interface InventoryEvent {
  readonly holdId: string;
  readonly at: string;
  /** hold.placed, hold.confirmed, hold.released, hold.expired, hold.cancelled */
  readonly type: string;
  readonly actor: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** The audit rows of a change, in the change's own transaction. */
export async function recordInventoryEvents(
  trx: Knex.Transaction,
  events: readonly InventoryEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await trx('inventory_events').insert(
    events.map((e) => ({
      hold_id: e.holdId,
      at: e.at,
      type: e.type,
      actor: e.actor,
      detail: e.detail ? JSON.stringify(e.detail) : null,
    })),
  );
}
