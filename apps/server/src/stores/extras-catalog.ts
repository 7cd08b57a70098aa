import type { Knex } from 'knex';
import { MAX_EXTRA_QUANTITY, MAX_PRICE_MINOR, type ExtraBasis, type ExtraOffer } from '@tripdesk/shared';
import { asInt, iso } from './knex.ts';
import { inTransaction } from './transactions.ts';

/**
 * The extras catalogue of an inventory store's owners (hotels, flights, car locations): a row in
 * `extra_catalogs` marks an owner whose admin set its own list (possibly empty), its `extra_offers` are
 * that list in order. An owner without a row sells the built-in list (selling/extras.ts). The three
 * stores create the same tables from here; each store's own migration file calls it.
 */
export async function createExtrasCatalogTables(knex: Knex): Promise<void> {
  await knex.schema.createTable('extra_catalogs', (t) => {
    t.text('owner_id').notNullable().primary();
    t.text('updated_at').notNullable();
    t.check("updated_at like '____-__-__T__:__:__.___Z'", {}, 'extra_catalogs_updated_at_iso');
  });
  await knex.schema.createTable('extra_offers', (t) => {
    t.text('owner_id').notNullable().references('owner_id').inTable('extra_catalogs').onDelete('CASCADE');
    t.integer('position').notNullable();
    t.text('code').notNullable();
    t.text('name').notNullable();
    t.text('basis').notNullable();
    t.bigInteger('price_amount').notNullable();
    t.text('currency').notNullable();
    t.integer('max_quantity').nullable();
    t.primary(['owner_id', 'code']);
    t.check("basis in ('stay', 'night', 'person', 'person-night', 'day')", {}, 'extra_offers_basis_known');
    t.check(`price_amount >= 0 and price_amount <= ${MAX_PRICE_MINOR}`, {}, 'extra_offers_price_bounded');
    t.check('length(currency) = 3', {}, 'extra_offers_currency_iso');
    t.check(
      `max_quantity is null or (max_quantity >= 1 and max_quantity <= ${MAX_EXTRA_QUANTITY})`,
      {},
      'extra_offers_max_quantity_bounded',
    );
  });
}

export async function dropExtrasCatalogTables(knex: Knex): Promise<void> {
  await knex.schema.dropTable('extra_offers');
  await knex.schema.dropTable('extra_catalogs');
}

interface OfferRow {
  owner_id: string;
  position: number | string;
  code: string;
  name: string;
  basis: ExtraBasis;
  price_amount: number | string;
  currency: string;
  max_quantity: number | string | null;
}

const toOffer = (r: OfferRow): ExtraOffer => ({
  code: r.code,
  name: r.name,
  basis: r.basis,
  price: { amount: asInt(r.price_amount), currency: r.currency },
  ...(r.max_quantity === null ? {} : { maxQuantity: asInt(r.max_quantity) }),
});

/** How a store names its owners: the table and key that say one exists, and where its currency is. */
export interface ExtrasOwnerTable {
  /** e.g. `hotels` / `id`. */
  readonly table: string;
  readonly key: string;
  /** The table with the owner's prices and the column naming the owner there (its first row's currency). */
  readonly priced: { readonly table: string; readonly owner: string };
}

export class ExtrasCatalogRepository {
  readonly knex: Knex;
  readonly #reader: Knex;
  readonly #owner: ExtrasOwnerTable;

  constructor(knex: Knex, reader: Knex, owner: ExtrasOwnerTable) {
    this.knex = knex;
    this.#reader = reader;
    this.#owner = owner;
  }

  /** Whether the owner exists (retired or not). */
  async ownerExists(ownerId: string): Promise<boolean> {
    return (
      (await this.knex(this.#owner.table).where(this.#owner.key, ownerId).first(this.#owner.key)) !==
      undefined
    );
  }

  /** The currency the owner sells in (its first priced row's), undefined when it has none yet. */
  async ownerCurrency(ownerId: string): Promise<string | undefined> {
    const row = (await this.knex(this.#owner.priced.table)
      .where(this.#owner.priced.owner, ownerId)
      .orderBy('currency')
      .first('currency')) as { currency: string } | undefined;
    return row?.currency;
  }

  /** The owner's own list, in order; undefined when it sells the built-in one. */
  async catalog(ownerId: string, k: Knex = this.knex): Promise<ExtraOffer[] | undefined> {
    return (await this.catalogs([ownerId], k)).get(ownerId);
  }

  /** The own lists of those owners that have one (for a page of search results). */
  async catalogs(ownerIds: readonly string[], k: Knex = this.#reader): Promise<Map<string, ExtraOffer[]>> {
    const out = new Map<string, ExtraOffer[]>();
    const ids = [...new Set(ownerIds)];
    if (ids.length === 0) return out;
    const custom = (await k('extra_catalogs').whereIn('owner_id', ids).select('owner_id')) as {
      owner_id: string;
    }[];
    for (const c of custom) out.set(c.owner_id, []);
    if (custom.length === 0) return out;
    const rows = (await k('extra_offers')
      .whereIn(
        'owner_id',
        custom.map((c) => c.owner_id),
      )
      .orderBy([{ column: 'owner_id' }, { column: 'position' }])) as OfferRow[];
    for (const r of rows) out.get(r.owner_id)!.push(toOffer(r));
    return out;
  }

  /** Replaces the owner's list in one transaction. */
  async setCatalog(ownerId: string, items: readonly ExtraOffer[], now: Date): Promise<ExtraOffer[]> {
    await inTransaction(this.knex, async (trx) => {
      // The catalogue row first, as an upsert: it locks the owner's row, so two lists set at once take
      // turns instead of both inserting it (a unique violation, a 500, on PostgreSQL).
      await trx('extra_catalogs')
        .insert({ owner_id: ownerId, updated_at: iso(now) })
        .onConflict('owner_id')
        .merge(['updated_at']);
      await trx('extra_offers').where({ owner_id: ownerId }).delete();
      if (items.length > 0) {
        await trx('extra_offers').insert(
          items.map((e, i) => ({
            owner_id: ownerId,
            position: i,
            code: e.code,
            name: e.name,
            basis: e.basis,
            price_amount: e.price.amount,
            currency: e.price.currency,
            max_quantity: e.maxQuantity ?? null,
          })),
        );
      }
    });
    return (await this.catalog(ownerId)) ?? [];
  }

  /** Back to the built-in list. */
  async resetCatalog(ownerId: string): Promise<void> {
    await inTransaction(this.knex, async (trx) => {
      await trx('extra_offers').where({ owner_id: ownerId }).delete();
      await trx('extra_catalogs').where({ owner_id: ownerId }).delete();
    });
  }
}
