import { sumMoney, type TaxLine } from '@tripdesk/shared';
import { formatMoney } from './formats.ts';

/**
 * Taxes and fees in a line: what is added first ("+ $14.00 taxes and fees: City tax $14.00"), then what
 * the price already includes ("incl. VAT 10% $21.82").
 */
export function taxesInWords(taxes: readonly TaxLine[]): string {
  const added = taxes.filter((t) => !t.included);
  const included = taxes.filter((t) => t.included);
  const parts: string[] = [];
  if (added.length > 0) {
    const total = sumMoney(
      added.map((t) => t.amount),
      added[0]!.amount.currency,
    );
    parts.push(
      `+ ${formatMoney(total)} taxes and fees (${added.map((t) => `${t.name} ${formatMoney(t.amount)}`).join(', ')})`,
    );
  }
  if (included.length > 0) {
    parts.push(`incl. ${included.map((t) => `${t.name} ${formatMoney(t.amount)}`).join(', ')}`);
  }
  return parts.join('; ');
}

/** What the added taxes come to, or null when none are added. */
export function addedTaxes(taxes: readonly TaxLine[] | undefined) {
  const added = (taxes ?? []).filter((t) => !t.included);
  return added.length > 0
    ? sumMoney(
        added.map((t) => t.amount),
        added[0]!.amount.currency,
      )
    : null;
}
