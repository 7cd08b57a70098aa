import type { Knex } from 'knex';

/** The only code that touches the flights store's database. */
export class FlightsRepository {
  readonly knex: Knex;
  constructor(knex: Knex) {
    this.knex = knex;
  }
}
