import { termsAsSold, type CancellationPolicy, type Money } from '@tripdesk/shared';
import { formatDayTimeIn, formatInstant, formatMoney, localTimeZone, zoneNameAt } from './formats.ts';

/**
 * A cancellation policy in the desk’s words: the one place that phrases an offer’s terms, before it
 * is held (search results, hold dialogs), read from the structured policy so that offers compare at a
 * glance. A sold item reads as it was sold (`soldPolicyInWords`).
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
 * The terms written on a sold item, as the server wrote them at sale (its description, then until when
 * it is free and the fee it keeps): the same words as the receipt, with money and instants as the desk
 * writes them. Not re-derived here, so the trip's page, the cancel dialogs and the receipt cannot differ.
 */
export function soldPolicyInWords(item: {
  readonly cancellationPolicy?: CancellationPolicy | undefined;
}): string | null {
  if (!item.cancellationPolicy) return null;
  return termsAsSold(item.cancellationPolicy, { money: formatMoney, instant: formatInstant });
}
