import type { DatedConsistency } from '../stores/consistency.ts';
import type { CheckContext, ConsistencyCheck, Tally } from './check.ts';

/** 1. Inventory counters agree with their holds (and, for flights, seat rows); a drifted one is recounted. */
export const inventoryCountsCheck: ConsistencyCheck = {
  name: 'inventory_counts',
  title:
    'Inventory counters: on every counted row 0 ≤ held, 0 ≤ booked, held + booked ≤ capacity (plus the ' +
    'room type’s overbooking allowance on a room night), and the counters equal what the holds (and, ' +
    'for flights, the seat rows) say.',
  run: inventoryCounts,
};

async function inventoryCounts(ctx: CheckContext, t: Tally, repair: boolean): Promise<void> {
  const c = ctx.stores.consistency;
  for (const [store, repo, entity] of [
    ['hotels', c.hotels, 'room_night'],
    ['cars', c.cars, 'car_day'],
  ] as const) {
    let after: string[] | undefined;
    for (;;) {
      const rows = await repo.scanCounted(after, ctx.batch);
      for (const row of rows) {
        const id = repo.keyColumns.map((k) => row.key[k]).join('/');
        const wrong = counterProblems(row);
        if (wrong.length === 0) continue;
        const drifted = row.held !== row.heldByHolds || row.booked !== row.bookedByHolds;
        if (!repair || !drifted) {
          t.problem(store, entity, id, wrong.join('; ') + (drifted ? '' : '; not repairable by a recount'));
          continue;
        }
        const outcome = await repo.recount(row.key, (found) => {
          const recount = { held: found.heldByHolds, booked: found.bookedByHolds };
          if (found.held === recount.held && found.booked === recount.booked) return undefined;
          return keepsInvariant(recount, found.capacity + found.allowance) ? recount : undefined;
        });
        const found = outcome.found;
        if (!found) continue;
        if (outcome.written) {
          t.problem(
            store,
            entity,
            id,
            `${counterProblems(found).join('; ')}; recounted from its holds to held ${found.heldByHolds}, booked ${found.bookedByHolds}`,
            true,
          );
          ctx.logger.warn({ store, key: row.key, before: found }, 'consistency check: recounted a counter');
        } else if (counterProblems(found).length > 0) {
          t.problem(
            store,
            entity,
            id,
            `${counterProblems(found).join('; ')}; not repaired: the recount would break held + booked ≤ capacity`,
          );
        }
      }
      t.checked += rows.length;
      if (rows.length < ctx.batch) break;
      after = repo.keyColumns.map((k) => rows[rows.length - 1]!.key[k]!);
    }
    await holdsWithoutRows(ctx, t, store, repo);
  }
  await fareClasses(ctx, t, repair);
}

async function holdsWithoutRows(
  ctx: CheckContext,
  t: Tally,
  store: 'hotels' | 'cars',
  repo: DatedConsistency,
): Promise<void> {
  let after = '';
  for (;;) {
    const scan = await repo.scanHoldRows(after, ctx.batch);
    t.checked += scan.checked;
    for (const h of scan.missing) {
      t.problem(
        store,
        repo.holdsTable.replace(/s$/, ''),
        h.id,
        `${h.status} over ${h.dates} dates, but only ${h.rows} of them have a counted row`,
      );
    }
    if (scan.checked < ctx.batch || !scan.last) break;
    after = scan.last;
  }
}

async function fareClasses(ctx: CheckContext, t: Tally, repair: boolean): Promise<void> {
  const repo = ctx.stores.consistency.flights;
  let after: string[] | undefined;
  for (;;) {
    const rows = await repo.scanFareClasses(after, ctx.batch);
    for (const row of rows) {
      const id = `${row.key.flight_id}/${row.key.code}`;
      const wrong = fareClassProblems(row);
      if (wrong.length === 0) continue;
      // Recountable when the holds and the seat rows agree with each other: the counters are the odd one out.
      const recountable =
        row.heldByHolds === row.heldSeats &&
        row.bookedByHolds === row.bookedSeats &&
        (row.held !== row.heldByHolds || row.booked !== row.bookedByHolds);
      if (!repair || !recountable) {
        t.problem(
          'flights',
          'fare_class',
          id,
          wrong.join('; ') + (recountable ? '' : '; not repairable by a recount'),
        );
        continue;
      }
      const outcome = await repo.recountFareClass(row.key, (found) => {
        const recount = { held: found.heldByHolds, booked: found.bookedByHolds };
        if (found.heldSeats !== recount.held || found.bookedSeats !== recount.booked) return undefined;
        if (found.held === recount.held && found.booked === recount.booked) return undefined;
        return keepsInvariant(recount, found.capacity) ? recount : undefined;
      });
      const found = outcome.found;
      if (!found) continue;
      if (outcome.written) {
        t.problem(
          'flights',
          'fare_class',
          id,
          `${fareClassProblems(found).join('; ')}; recounted from its holds to held ${found.heldByHolds}, booked ${found.bookedByHolds}`,
          true,
        );
        ctx.logger.warn({ key: row.key, before: found }, 'consistency check: recounted a fare class');
      } else if (fareClassProblems(found).length > 0) {
        t.problem('flights', 'fare_class', id, `${fareClassProblems(found).join('; ')}; not repaired`);
      }
    }
    t.checked += rows.length;
    if (rows.length < ctx.batch) break;
    const last = rows[rows.length - 1]!.key;
    after = [last.flight_id, last.code];
  }

  let seatAfter: string[] | undefined;
  for (;;) {
    const seats = await repo.scanSeats(seatAfter, ctx.batch);
    for (const s of seats) {
      const wrong: string[] = [];
      if (s.holdStatus !== s.status)
        wrong.push(`seat ${s.status} but its hold is ${s.holdStatus ?? 'missing'}`);
      if (s.holdFareClass !== null && s.holdFareClass !== s.fareClass)
        wrong.push(`seat row of fare class ${s.fareClass}, its hold of ${s.holdFareClass}`);
      if (!s.inClass) wrong.push(`not a seat of fare class ${s.fareClass}`);
      if (wrong.length > 0)
        t.problem('flights', 'seat', `${s.flightId}/${s.seat}`, `${wrong.join('; ')} (item ${s.itemId})`);
    }
    t.checked += seats.length;
    if (seats.length < ctx.batch) break;
    const last = seats[seats.length - 1]!;
    seatAfter = [last.flightId, last.seat];
  }

  let holdAfter = '';
  for (;;) {
    const holds = await repo.scanLiveHolds(holdAfter, ctx.batch);
    for (const h of holds) {
      const listed = h.listedSeats.join(',');
      if (h.listedSeats.length !== h.passengers || listed !== h.seatRows.join(',')) {
        t.problem(
          'flights',
          'flight_hold',
          h.id,
          `${h.status} for ${h.passengers} passengers with seats ${listed || 'none'}, but its ${h.status} seat rows are ${h.seatRows.join(',') || 'none'}`,
        );
      }
    }
    t.checked += holds.length;
    if (holds.length < ctx.batch) break;
    holdAfter = holds[holds.length - 1]!.id;
  }
}

function counterProblems(r: {
  capacity: number;
  /** Room nights: the overbooking allowance; absent elsewhere. */
  allowance?: number;
  held: number;
  booked: number;
  heldByHolds: number;
  bookedByHolds: number;
}): string[] {
  const out: string[] = [];
  if (r.held < 0 || r.booked < 0) out.push(`negative count (held ${r.held}, booked ${r.booked})`);
  const allowance = r.allowance ?? 0;
  if (r.held + r.booked > r.capacity + allowance) {
    out.push(
      `held ${r.held} + booked ${r.booked} > capacity ${r.capacity}` +
        (allowance > 0 ? ` + overbooking allowance ${allowance}` : ''),
    );
  }
  if (r.held !== r.heldByHolds) out.push(`held ${r.held}, but its held holds say ${r.heldByHolds}`);
  if (r.booked !== r.bookedByHolds)
    out.push(`booked ${r.booked}, but its booked holds say ${r.bookedByHolds}`);
  return out;
}

function fareClassProblems(
  r: Parameters<typeof counterProblems>[0] & { heldSeats: number; bookedSeats: number },
): string[] {
  const out = counterProblems(r);
  if (r.held !== r.heldSeats) out.push(`held ${r.held}, but ${r.heldSeats} seat rows are held`);
  if (r.booked !== r.bookedSeats) out.push(`booked ${r.booked}, but ${r.bookedSeats} seat rows are booked`);
  return out;
}

function keepsInvariant(c: { held: number; booked: number }, capacity: number): boolean {
  return c.held >= 0 && c.booked >= 0 && c.held + c.booked <= capacity;
}
