import type { CancellationPolicy, Money } from '@tripdesk/shared';
import { formatDayTimeIn, formatMoney, localTimeZone, zoneNameAt } from './formats.ts';

/**
 * A cancellation policy in the desk's words: the one place that phrases terms, for an offer before it
 * is held (search results, hold dialogs) and for a sold item (trip detail, cancel dialog). It reads the
 * structured policy, so an offer and the item it becomes read the same.
 */
export interface PolicyContext {
  /** The price the fee is part of (an offer's total before extras): a fee then reads as a share. */
  readonly price?: Money | undefined;
  /** Where the deadline is read: the hotel's zone for a stay; the desk's own otherwise. */
  readonly timeZone?: string | undefined;
  /** How that zone is named after the time, e.g. "hotel time"; default its short name ("CET"). */
  readonly zoneName?: string | undefined;
  /** What the fee is, in the trade's words, e.g. "first night" for a stay. */
  readonly feeName?: string | undefined;
}

/** The deadline of a free cancellation, e.g. "Sun 13 Dec, 15:00 hotel time". */
function deadline(instant: string, ctx: PolicyContext): string {
  const zone = ctx.timeZone ?? localTimeZone();
  const name = ctx.zoneName ?? zoneNameAt(instant, zone);
  return `${formatDayTimeIn(instant, zone)} ${name}`;
}

/** What is kept after the free period, e.g. "first night kept ($120.00)" or "$75.00 kept". */
function kept(fee: Money, ctx: PolicyContext): string {
  return ctx.feeName ? `${ctx.feeName} kept (${formatMoney(fee)})` : `${formatMoney(fee)} kept`;
}

/** "Free cancellation until Sun 13 Dec, 15:00 hotel time; then first night kept ($120.00)", "Non-refundable", "50% refundable ($75.00 fee)". */
export function policyInWords(policy: CancellationPolicy, ctx: PolicyContext = {}): string {
  if (!policy.refundable) return 'Non-refundable';
  const { freeUntil, fee } = policy;
  if (freeUntil !== undefined) {
    const free = `Free cancellation until ${deadline(freeUntil, ctx)}`;
    return fee ? `${free}; then ${kept(fee, ctx)}` : `${free}; then non-refundable`;
  }
  if (fee) {
    const price = ctx.price;
    if (price && price.currency === fee.currency && price.amount > 0 && fee.amount <= price.amount) {
      const share = Math.round(((price.amount - fee.amount) / price.amount) * 100);
      return `${share}% refundable (${formatMoney(fee)} fee)`;
    }
    return `Refundable less a ${formatMoney(fee)} fee`;
  }
  return 'Fully refundable';
}

/** A short tag for a results row, so a column of them scans at a glance. */
export function policyTag(policy: CancellationPolicy): 'free' | 'partial' | 'none' {
  if (!policy.refundable) return 'none';
  return policy.freeUntil !== undefined ? 'free' : 'partial';
}

/**
 * The terms written on a sold item, in the same words as the offer it was: its fee read against its
 * price. The item does not carry the hotel's zone, so a deadline shows in the desk's, with its name.
 */
export function soldPolicyInWords(item: {
  readonly type: string;
  readonly price: Money;
  readonly cancellationPolicy?: CancellationPolicy | undefined;
}): string | null {
  if (!item.cancellationPolicy) return null;
  return policyInWords(item.cancellationPolicy, {
    price: item.price,
    ...(item.type === 'hotel' ? { feeName: 'first night' } : {}),
  });
}
