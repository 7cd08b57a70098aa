import type { Knex } from 'knex';

/** The only code that touches the cars store's database. */
export class CarsRepository {
  readonly knex: Knex;
  constructor(knex: Knex) {
    this.knex = knex;
  }
}
