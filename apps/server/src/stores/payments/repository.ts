import type { Knex } from 'knex';

/** The only code that touches the payments store's database. */
export class PaymentsRepository {
  readonly knex: Knex;
  constructor(knex: Knex) {
    this.knex = knex;
  }
}
