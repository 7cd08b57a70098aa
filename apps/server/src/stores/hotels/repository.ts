import type { Knex } from 'knex';

/** The only code that touches the hotels store's database. */
export class HotelsRepository {
  readonly knex: Knex;
  constructor(knex: Knex) {
    this.knex = knex;
  }
}
