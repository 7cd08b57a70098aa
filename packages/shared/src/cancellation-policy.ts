import { z } from 'zod';
import { InstantSchema } from './dates.ts';
import { MoneySchema, type Money } from './money.ts';

// Its own module: trips (sold items) and availability (offers) both carry it, and trips imports availability.

/**
 * The cancellation terms as they were when the item was sold. A snapshot, so that a later change
 * of the hotel's or airline's terms never changes what this customer is refunded.
 */
export const CancellationPolicySchema = z
  .object({
    refundable: z.boolean().meta({ description: 'False: nothing is refunded once paid.' }),
    freeUntil: InstantSchema.optional().meta({
      description: 'Cancelled before this instant: refunded in full.',
    }),
    fee: MoneySchema.optional().meta({
      description: 'Kept when cancelled after freeUntil; absent: the whole price is kept.',
    }),
    feePercent: z
      .int()
      .min(1)
      .max(100)
      .optional()
      .meta({
        description:
          'Extension: the fee is this share of what is paid for the item, extras included (the refund ' +
          'rounded down to the minor unit). On an offer, `fee` is it on the price before extras: the fee ' +
          'the hold writes grows with the extras chosen.',
      }),
    description: z.string().optional().meta({ description: 'The terms in words, as shown to the customer.' }),
  })
  .meta({ id: 'CancellationPolicy' });
export type CancellationPolicy = z.infer<typeof CancellationPolicySchema>;

/** `percent` of `price` kept as a fee: the refund is rounded down, so the fee is what is left of it. */
export function feeAtPercent(price: Money, percent: number): Money {
  const refund = Math.floor((price.amount * (100 - percent)) / 100);
  return { amount: price.amount - refund, currency: price.currency };
}

/**
 * The terms an offer's hold would write at `price` (the offer's price with the extras chosen): a fee
 * that is a share of the price follows it; any other policy is the same at any price.
 */
export function policyAtPrice(policy: CancellationPolicy, price: Money): CancellationPolicy {
  if (policy.feePercent === undefined) return policy;
  return { ...policy, fee: feeAtPercent(price, policy.feePercent) };
}
