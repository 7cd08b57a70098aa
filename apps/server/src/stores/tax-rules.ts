import type { Knex } from 'knex';
import { MAX_PRICE_MINOR, type TaxPer, type TaxRule } from '@tripdesk/shared';
import { asInt } from './knex.ts';
import { inTransaction } from './transactions.ts';

/**
 * The taxes and fees an admin set for an owner of an inventory store (hotel, flight, car location), in
 * order. No rows: no taxes. The three stores create the same table from here; each store's own
 * migration file calls it.
 */
export async function createTaxRulesTable(knex: Knex): Promise<void> {
  await knex.schema.createTable('tax_rules', (t) => {
    t.text('owner_id').notNullable();
    t.integer('position').notNullable();
    t.text('code').notNullable();
    t.text('name').notNullable();
    // A percentage in basis points (1000 = 10 %), or a fixed amount with its currency and basis.
    t.integer('rate_bp').nullable();
    t.boolean('included').notNullable().defaultTo(false);
    t.bigInteger('amount').nullable();
    t.text('currency').nullable();
    t.text('per').nullable();
    t.primary(['owner_id', 'code']);
    t.check('(rate_bp is null) <> (amount is null)', {}, 'tax_rules_percent_or_amount');
    t.check('rate_bp is null or (rate_bp > 0 and rate_bp <= 5000)', {}, 'tax_rules_rate_bounded');
    t.check(
      `amount is null or (amount >= 0 and amount <= ${MAX_PRICE_MINOR})`,
      {},
      'tax_rules_amount_bounded',
    );
    t.check(
      '(amount is null) = (currency is null) and (amount is null) = (per is null)',
      {},
      'tax_rules_fee_whole',
    );
    t.check(
      "per is null or per in ('booking', 'person', 'night', 'person-night', 'day')",
      {},
      'tax_rules_per_known',
    );
  });
}

export async function dropTaxRulesTable(knex: Knex): Promise<void> {
  await knex.schema.dropTable('tax_rules');
}

interface TaxRuleRow {
  owner_id: string;
  position: number | string;
  code: string;
  name: string;
  rate_bp: number | string | null;
  included: boolean | number;
  amount: number | string | null;
  currency: string | null;
  per: TaxPer | null;
}

const toRule = (r: TaxRuleRow): TaxRule =>
  r.rate_bp !== null
    ? {
        code: r.code,
        name: r.name,
        percent: asInt(r.rate_bp) / 100,
        included: r.included === true || r.included === 1,
      }
    : {
        code: r.code,
        name: r.name,
        amount: { amount: asInt(r.amount), currency: r.currency! },
        per: r.per!,
      };

export class TaxRulesRepository {
  readonly knex: Knex;
  readonly #reader: Knex;

  constructor(knex: Knex, reader: Knex) {
    this.knex = knex;
    this.#reader = reader;
  }

  async rules(ownerId: string): Promise<TaxRule[]> {
    return (await this.rulesOf([ownerId], this.knex)).get(ownerId) ?? [];
  }

  /** The rules of those owners that have any (for a page of search results). */
  async rulesOf(ownerIds: readonly string[], k: Knex = this.#reader): Promise<Map<string, TaxRule[]>> {
    const out = new Map<string, TaxRule[]>();
    const ids = [...new Set(ownerIds)];
    if (ids.length === 0) return out;
    const rows = (await k('tax_rules')
      .whereIn('owner_id', ids)
      .orderBy([{ column: 'owner_id' }, { column: 'position' }])) as TaxRuleRow[];
    for (const r of rows) {
      const list = out.get(r.owner_id) ?? [];
      list.push(toRule(r));
      out.set(r.owner_id, list);
    }
    return out;
  }

  /** Replaces the owner's rules in one transaction. */
  async setRules(ownerId: string, items: readonly TaxRule[]): Promise<TaxRule[]> {
    await inTransaction(this.knex, async (trx) => {
      await trx('tax_rules').where({ owner_id: ownerId }).delete();
      if (items.length > 0) {
        await trx('tax_rules').insert(
          items.map((r, i) => ({
            owner_id: ownerId,
            position: i,
            code: r.code,
            name: r.name,
            rate_bp: r.percent === undefined ? null : Math.round(r.percent * 100),
            included: r.percent !== undefined && r.included === true,
            amount: r.amount?.amount ?? null,
            currency: r.amount?.currency ?? null,
            per: r.amount ? (r.per ?? 'booking') : null,
          })),
        );
      }
    });
    return this.rules(ownerId);
  }
}
