import { z } from 'zod';
import { CatalogCodeSchema, CatalogNameSchema, catalogList } from './catalog-lists.ts';
import { money, MoneySchema, PriceSchema, type Money } from './money.ts';
import type { ItemType } from './state-machines.ts';

/**
 * Taxes and fees (extension): what a hotel, a flight or a car location adds to, or includes in, its
 * prices, as its admin set them. A percentage is of the price with extras; a fixed fee counts per
 * booking, person, night, person-night or rental day. Every quote shows them line by line, items keep
 * them as sold, receipts itemise them.
 */

export const TaxPerSchema = z.enum(['booking', 'person', 'night', 'person-night', 'day']).meta({
  id: 'TaxPer',
  description:
    'What a fixed fee counts over: the booking (a room for the stay, a flight booking, a rental), each ' +
    'guest or passenger, each room-night, each guest-night, each rental day.',
});
export type TaxPer = z.infer<typeof TaxPerSchema>;

/** What each item type's fixed fees may count over. */
export const TAX_PER: Readonly<Record<ItemType, readonly TaxPer[]>> = {
  hotel: ['booking', 'person', 'night', 'person-night'],
  flight: ['booking', 'person'],
  car: ['booking', 'day'],
};

/** The highest percentage a tax may be. */
export const MAX_TAX_PERCENT = 50;

export const TaxRuleSchema = z
  .object({
    code: CatalogCodeSchema,
    name: CatalogNameSchema,
    percent: z
      .number()
      .positive()
      .max(MAX_TAX_PERCENT)
      .refine(
        (p) => Number.isInteger(Math.round(p * 100)) && Math.abs(p * 100 - Math.round(p * 100)) < 1e-9,
        'at most two decimals',
      )
      .optional()
      .meta({
        description: 'A percentage of the price with extras, e.g. 10 or 7.5. Either this or `amount`.',
      }),
    included: z.boolean().optional().meta({
      description: 'For a percentage: already in the price (VAT), else added to it. Default false.',
    }),
    amount: PriceSchema.optional().meta({
      description: 'A fixed fee, counted `per`. Either this or `percent`.',
    }),
    per: TaxPerSchema.optional().meta({ description: 'With `amount`: what it counts over.' }),
  })
  .superRefine((r, ctx) => {
    if ((r.percent === undefined) === (r.amount === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['percent'], message: 'give either percent or amount' });
    }
    if (r.amount !== undefined && r.per === undefined) {
      ctx.addIssue({ code: 'custom', path: ['per'], message: 'say what the fee counts over' });
    }
    if (r.amount !== undefined && r.included) {
      ctx.addIssue({ code: 'custom', path: ['included'], message: 'a fixed fee is always added' });
    }
  })
  .meta({ id: 'TaxRule' });
export type TaxRule = z.infer<typeof TaxRuleSchema>;

export const TaxRulesSchema = z.object({ items: z.array(TaxRuleSchema) }).meta({ id: 'TaxRules' });
export type TaxRules = z.infer<typeof TaxRulesSchema>;

export const SetTaxRulesRequestSchema = z
  .object({
    items: catalogList(TaxRuleSchema, 10),
  })
  .meta({ id: 'SetTaxRulesRequest' });
export type SetTaxRulesRequest = z.infer<typeof SetTaxRulesRequestSchema>;

/** One tax or fee of a quote or an item, as charged. */
export const TaxLineSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    amount: MoneySchema,
    included: z.boolean().meta({ description: 'True: already in the price (VAT); false: added to it.' }),
  })
  .meta({ id: 'TaxLine' });
export type TaxLine = z.infer<typeof TaxLineSchema>;

/** The size of what is taxed. */
export interface TaxBasis {
  readonly itemType: ItemType;
  /** The price with extras, before any tax is added. */
  readonly price: Money;
  readonly nights: number;
  readonly days: number;
  readonly rooms: number;
  /** Guests × rooms, or passengers. */
  readonly people: number;
}

/**
 * The taxes of a price, line by line, and what they add to it. A percentage is rounded to the minor
 * unit (half up); an included one is the part of the price it is (p / (100 + p) of it). Rules whose
 * currency is not the price's are left out, never converted.
 */
export function taxLines(rules: readonly TaxRule[], b: TaxBasis): { lines: TaxLine[]; added: number } {
  const lines: TaxLine[] = [];
  let added = 0;
  const price = b.price.amount;
  for (const r of rules) {
    let amount: number;
    let included = false;
    if (r.percent !== undefined) {
      const bp = Math.round(r.percent * 100);
      included = r.included === true;
      amount = included ? Math.round((price * bp) / (10_000 + bp)) : Math.round((price * bp) / 10_000);
    } else {
      if (!r.amount || r.amount.currency !== b.price.currency) continue;
      amount = r.amount.amount * count(r.per ?? 'booking', b);
    }
    if (!included) added += amount;
    lines.push({ code: r.code, name: r.name, amount: money(amount, b.price.currency), included });
  }
  return { lines, added };
}

function count(per: TaxPer, b: TaxBasis): number {
  switch (per) {
    case 'booking':
      return b.itemType === 'hotel' ? b.rooms : 1;
    case 'person':
      return b.people;
    case 'night':
      return b.nights * b.rooms;
    case 'person-night':
      return b.people * b.nights;
    case 'day':
      return b.days;
  }
}
