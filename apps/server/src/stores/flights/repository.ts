import type { Knex } from 'knex';
import { insertInBatches } from '../bulk-insert.ts';
import { dialectOf } from '../knex.ts';

export interface NewFlight {
  readonly id: string;
  readonly flightNumber: string;
  /** IATA airport codes. */
  readonly origin: string;
  readonly destination: string;
  /** UTC instants in `Date#toISOString` form. */
  readonly departureAt: string;
  readonly arrivalAt: string;
  readonly createdAt: string;
}

export interface NewFareClass {
  readonly flightId: string;
  readonly code: string;
  readonly name: string;
  /** Minor units of `currency`. */
  readonly priceAmount: number;
  readonly currency: string;
  /** Units for sale: the number of `seats`. */
  readonly capacity: number;
  readonly seats: readonly string[];
}

/** A catalog written at once (demo data, imports): flights and their fare classes. */
export interface FlightCatalog {
  readonly flights: readonly NewFlight[];
  readonly fareClasses: readonly NewFareClass[];
}

export interface FlightCatalogCounts {
  readonly flights: number;
  readonly fareClasses: number;
  readonly seatAssignments: number;
}

/** The only code that touches the flights store's database. */
export class FlightsRepository {
  readonly knex: Knex;
  constructor(knex: Knex) {
    this.knex = knex;
  }

  /** Writes a whole catalog in one transaction of batched multi-row inserts: all of it or none. */
  async insertCatalog(catalog: FlightCatalog): Promise<void> {
    await this.knex.transaction((trx) => insertFlightCatalog(trx, catalog));
  }

  /**
   * Like `insertCatalog`, into a store without flights only; false, and nothing written, otherwise.
   * On PostgreSQL the check and the inserts hold a lock on `flights`, so two servers starting together
   * write the catalog once (SQLite has one writer per data folder).
   */
  async insertCatalogIfEmpty(catalog: FlightCatalog): Promise<boolean> {
    return this.knex.transaction(async (trx) => {
      if (dialectOf(trx) === 'pg') await trx.raw('lock table flights in share row exclusive mode');
      if (await trx('flights').first('id')) return false;
      await insertFlightCatalog(trx, catalog);
      return true;
    });
  }

  /** Rows per table; `seatAssignments` are the seats held or booked right now. */
  async countCatalog(): Promise<FlightCatalogCounts> {
    const row = (await this.knex.first({
      flights: this.knex('flights').count('*'),
      fareClasses: this.knex('fare_classes').count('*'),
      seatAssignments: this.knex('seat_assignments').count('*'),
    })) as Record<keyof FlightCatalogCounts, number | string>;
    // pg returns count(*) as a bigint string.
    return {
      flights: Number(row.flights),
      fareClasses: Number(row.fareClasses),
      seatAssignments: Number(row.seatAssignments),
    };
  }
}

async function insertFlightCatalog(trx: Knex.Transaction, catalog: FlightCatalog): Promise<void> {
  await insertInBatches(
    trx,
    'flights',
    catalog.flights.map((f) => ({
      id: f.id,
      flight_number: f.flightNumber,
      origin: f.origin,
      destination: f.destination,
      departure_at: f.departureAt,
      arrival_at: f.arrivalAt,
      created_at: f.createdAt,
    })),
  );
  // Many flights share one seat map: serialise each map once.
  const seatsJson = new Map<readonly string[], string>();
  await insertInBatches(
    trx,
    'fare_classes',
    catalog.fareClasses.map((c) => {
      let seats = seatsJson.get(c.seats);
      if (seats === undefined) {
        seats = JSON.stringify(c.seats);
        seatsJson.set(c.seats, seats);
      }
      return {
        flight_id: c.flightId,
        code: c.code,
        name: c.name,
        price_amount: c.priceAmount,
        currency: c.currency,
        capacity: c.capacity,
        seats,
      };
    }),
  );
}
