import type { Knex } from 'knex';
import { DatedHolds, type DatedHoldRow, type EndedDatedHold } from '../dated-holds.ts';
import { type HoldEnd, type HoldStatus, type InvariantViolation } from '../holds.ts';
import { forShare } from '../transactions.ts';

/** A category of cars at a location as the booking engine sells it (a car_fleets row). */
export interface FleetForSale {
  readonly locationCode: string;
  readonly locationName: string;
  readonly city: string;
  readonly category: string;
  /** The lowest daily rate among the category's cars there: what a customer pays. */
  readonly dailyRateAmount: number;
  readonly currency: string;
  /** Cars of the category at the location. */
  readonly capacity: number;
}

export interface CarHold {
  /** The trip item's id. */
  readonly id: string;
  readonly locationCode: string;
  readonly category: string;
  readonly pickUp: string;
  /** Exclusive. */
  readonly dropOff: string;
  readonly cars: number;
  readonly status: HoldStatus;
  readonly expiresAt: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface PlaceCarHold {
  readonly id: string;
  readonly locationCode: string;
  readonly category: string;
  readonly pickUp: string;
  readonly dropOff: string;
  readonly expiresAt: Date;
  readonly now: Date;
  readonly actor: string;
}

/** A hold that ran out: which days of which category came free. */
export interface ExpiredCarHold {
  readonly hold: CarHold;
  readonly days: readonly string[];
}

const toHold = (r: DatedHoldRow): CarHold => ({
  id: r.id,
  locationCode: String(r.location_code),
  category: String(r.category),
  pickUp: String(r.pick_up),
  dropOff: String(r.drop_off),
  cars: Number(r.cars),
  status: r.status,
  expiresAt: r.expires_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/**
 * Holds of rental cars (ARCHITECTURE.md, "Inventory as counted rows"): the only code that touches
 * car_holds, and car_days for the booking engine. Each method is one transaction.
 */
export class CarHoldsRepository {
  readonly knex: Knex;
  readonly #holds: DatedHolds;

  constructor(knex: Knex) {
    this.knex = knex;
    this.#holds = new DatedHolds(knex, {
      holds: 'car_holds',
      counted: 'car_days',
      date: 'day',
      unit: ['location_code', 'category'],
      start: 'pick_up',
      end: 'drop_off',
      quantity: 'cars',
      async readUnit(trx, unit) {
        const row = (await forShare(
          trx,
          trx('car_fleets')
            .first('capacity')
            .where({ location_code: unit.location_code, category: unit.category }),
        )) as { capacity: number } | undefined;
        if (!row) return undefined;
        const location = (await trx('car_locations')
          .first('retired_at')
          .where({ code: unit.location_code })) as { retired_at: string | null } | undefined;
        return {
          capacity: Number(row.capacity),
          columns: {},
          retired: (location?.retired_at ?? null) !== null,
        };
      },
      async firstClosedDate(trx, unit, start, end) {
        const row = (await trx('car_category_closures')
          .where({ location_code: unit.location_code, category: unit.category })
          .where('from_day', '<', end)
          .where('to_day', '>', start)
          .orderBy('from_day')
          .first('from_day')) as { from_day: string } | undefined;
        return row && (row.from_day < start ? start : row.from_day);
      },
    });
  }

  async fleetForSale(locationCode: string, category: string): Promise<FleetForSale | undefined> {
    const row = (await this.knex('car_fleets as f')
      .join('car_locations as l', 'l.code', 'f.location_code')
      .first(
        'f.location_code',
        'f.category',
        'f.capacity',
        'f.daily_rate_amount',
        'f.currency',
        'l.name',
        'l.city',
      )
      .where({ 'f.location_code': locationCode, 'f.category': category })) as
      Record<string, string | number> | undefined;
    if (!row) return undefined;
    return {
      locationCode: String(row.location_code),
      locationName: String(row.name),
      city: String(row.city),
      category: String(row.category),
      dailyRateAmount: Number(row.daily_rate_amount),
      currency: String(row.currency),
      capacity: Number(row.capacity),
    };
  }

  /**
   * Holds one car of the category on every day from pick-up up to drop-off, all or nothing; throws
   * HoldRefusedError (`unknown_unit`, `sold_out`) and writes nothing when it cannot.
   */
  async placeHold(p: PlaceCarHold): Promise<CarHold> {
    return toHold(
      await this.#holds.place({
        id: p.id,
        unit: { location_code: p.locationCode, category: p.category },
        start: p.pickUp,
        end: p.dropOff,
        quantity: 1,
        expiresAt: p.expiresAt,
        now: p.now,
        actor: p.actor,
      }),
    );
  }

  /** held → booked, only before the hold's expiry; true if it did. */
  confirmHold(id: string, now: Date, actor = 'system'): Promise<boolean> {
    return this.#holds.confirm(id, now, actor);
  }

  /** held → `reason`, the car goes back; false (and nothing changed) when the hold is not held. */
  releaseHold(id: string, reason: HoldEnd, now: Date, actor = 'system'): Promise<boolean> {
    return this.#holds.release(id, reason, now, actor);
  }

  /** booked → cancelled, the car goes back; false when the hold is not booked. */
  cancelBooking(id: string, now: Date, actor = 'system'): Promise<boolean> {
    return this.#holds.cancel(id, now, actor);
  }

  async expireDueHolds(now: Date, limit: number, actor = 'system:sweeper'): Promise<ExpiredCarHold[]> {
    return (await this.#holds.expireDue(now, limit, actor)).map((e: EndedDatedHold) => ({
      hold: toHold(e.row),
      days: e.dates,
    }));
  }

  async findHold(id: string): Promise<CarHold | undefined> {
    const row = await this.#holds.find(id);
    return row && toHold(row);
  }

  holdStatuses(ids: readonly string[]): Promise<Map<string, HoldStatus>> {
    return this.#holds.statuses(ids);
  }

  /** Rows of car_days or car_holds breaking the invariant; empty when all is well. */
  checkInvariant(): Promise<InvariantViolation[]> {
    return this.#holds.checkInvariant();
  }
}
