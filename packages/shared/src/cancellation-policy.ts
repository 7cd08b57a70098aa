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

/**
 * The terms written on a sold item, in the words it was sold with: the description the server wrote at
 * sale, then the figures it wrote beside it (until when it is free, the fee kept). The receipt, the
 * trip's page and the cancel dialogs all say this, each with its own way of writing money and instants.
 */
export function termsAsSold(
  policy: CancellationPolicy,
  write: { readonly money: (m: Money) => string; readonly instant: (iso: string) => string },
): string {
  const described = policy.description?.trim();
  const words = described
    ? /[.!?]$/.test(described)
      ? described
      : `${described}.`
    : !policy.refundable
      ? 'Non-refundable.'
      : policy.freeUntil === undefined && policy.fee === undefined
        ? 'Fully refundable.'
        : 'Refundable on these terms.';
  if (!policy.refundable) return words;
  const { freeUntil, fee } = policy;
  const figures =
    freeUntil !== undefined
      ? fee
        ? `Free until ${write.instant(freeUntil)}; then a ${write.money(fee)} fee.`
        : `Free until ${write.instant(freeUntil)}.`
      : fee
        ? `Cancellation fee ${write.money(fee)}.`
        : '';
  return figures ? `${words} ${figures}` : words;
}
