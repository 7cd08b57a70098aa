import type { Migration } from '../../migrations.ts';

/**
 * One row per hold of a car of one category at a location (ARCHITECTURE.md, "Inventory as counted
 * rows"): `id` is the trip item's id (payments store; no foreign key across stores). While `held`, its
 * cars are counted in car_days.held on every day from pick_up up to drop_off; once `booked`, in
 * car_days.booked. The other statuses are final and count nowhere.
 */
export const migration: Migration = {
  name: '20261121120000_create_car_holds',
  async up(knex) {
    await knex.schema.createTable('car_holds', (t) => {
      t.text('id').notNullable().primary();
      t.text('location_code').notNullable().references('code').inTable('car_locations');
      t.text('category').notNullable();
      t.text('pick_up').notNullable();
      t.text('drop_off').notNullable();
      // A trip item rents one car; the column keeps the counting rule the same as hotel rooms.
      t.integer('cars').notNullable().defaultTo(1);
      t.text('status').notNullable();
      t.text('expires_at').notNullable();
      t.text('created_at').notNullable();
      t.text('updated_at').notNullable();
      // The sweeper's query: held holds by expiry.
      t.index(['status', 'expires_at'], 'car_holds_status_expires_at_index');
      // A placement's lazy release of expired holds of the same category at the location.
      t.index(['location_code', 'category', 'status', 'expires_at'], 'car_holds_fleet_status_index');
      t.check(
        "status in ('held', 'booked', 'released', 'expired', 'cancelled')",
        {},
        'car_holds_status_known',
      );
      t.check('cars >= 1', {}, 'car_holds_cars_positive');
      t.check("pick_up like '____-__-__' and drop_off like '____-__-__'", {}, 'car_holds_dates');
      t.check('drop_off > pick_up', {}, 'car_holds_drop_off_after_pick_up');
      t.check("expires_at like '____-__-__T__:__:__.___Z'", {}, 'car_holds_expires_at_iso');
      t.check("created_at like '____-__-__T__:__:__.___Z'", {}, 'car_holds_created_at_iso');
      t.check("updated_at like '____-__-__T__:__:__.___Z'", {}, 'car_holds_updated_at_iso');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('car_holds');
  },
};
