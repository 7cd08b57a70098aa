import type { Migration } from '../../migrations.ts';

/**
 * One row per hold of rooms (ARCHITECTURE.md, "Inventory as counted rows"): `id` is the trip item's id
 * (payments store; no foreign key across stores). While `held`, its rooms are counted in room_nights.held
 * on every night from check_in up to check_out; once `booked`, in room_nights.booked. The other statuses
 * are final and count nowhere.
 */
export const migration: Migration = {
  name: '20261121120000_create_hotel_holds',
  async up(knex) {
    await knex.schema.createTable('hotel_holds', (t) => {
      t.text('id').notNullable().primary();
      t.text('room_type_id').notNullable().references('id').inTable('room_types');
      t.text('hotel_id').notNullable().references('id').inTable('hotels');
      t.text('check_in').notNullable();
      t.text('check_out').notNullable();
      t.integer('rooms').notNullable();
      t.text('status').notNullable();
      t.text('expires_at').notNullable();
      t.text('created_at').notNullable();
      t.text('updated_at').notNullable();
      // The sweeper's query: held holds by expiry.
      t.index(['status', 'expires_at'], 'hotel_holds_status_expires_at_index');
      // A placement's lazy release of expired holds of the same room type.
      t.index(['room_type_id', 'status', 'expires_at'], 'hotel_holds_room_type_status_index');
      t.check(
        "status in ('held', 'booked', 'released', 'expired', 'cancelled')",
        {},
        'hotel_holds_status_known',
      );
      t.check('rooms >= 1', {}, 'hotel_holds_rooms_positive');
      t.check("check_in like '____-__-__' and check_out like '____-__-__'", {}, 'hotel_holds_dates');
      t.check('check_out > check_in', {}, 'hotel_holds_check_out_after_check_in');
      t.check("expires_at like '____-__-__T__:__:__.___Z'", {}, 'hotel_holds_expires_at_iso');
      t.check("created_at like '____-__-__T__:__:__.___Z'", {}, 'hotel_holds_created_at_iso');
      t.check("updated_at like '____-__-__T__:__:__.___Z'", {}, 'hotel_holds_updated_at_iso');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('hotel_holds');
  },
};
