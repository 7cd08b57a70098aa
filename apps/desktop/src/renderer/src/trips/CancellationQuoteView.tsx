import type { CancellationQuote, ItemCancellationQuote, Trip } from '@tripdesk/shared';
import { formatInstant, formatMoney } from '../ui/formats.ts';
import { soldPolicyInWords } from '../ui/policy-words.ts';
import { ITEM_KIND, itemTitle } from './trip-words.ts';

/**
 * Why the policy gives back what the quote says, in the desk's words: free until…, the fee kept,
 * non-refundable, or why the item cannot be cancelled at all. Read against the quote's own instant.
 */
export function quoteTermsInWords(line: ItemCancellationQuote, quotedAt: string): string {
  if (!line.cancellable) return `Cannot be cancelled: ${line.reason ?? 'its state does not allow it'}`;
  const policy = line.cancellationPolicy;
  if (line.status === 'held') return 'Not paid yet: the hold is released, nothing is charged.';
  if (!policy?.refundable) return 'Non-refundable: the whole price is kept.';
  const freeUntil = policy.freeUntil;
  if (freeUntil !== undefined && Date.parse(quotedAt) < Date.parse(freeUntil)) {
    return `Free cancellation until ${formatInstant(freeUntil)}: refunded in full.`;
  }
  const ended = freeUntil !== undefined ? `Free cancellation ended ${formatInstant(freeUntil)}: ` : '';
  if (line.fee.amount === 0) return `${ended}refunded in full.`;
  if (line.refund.amount === 0) return `${ended || 'Past its free cancellation: '}the whole price is kept.`;
  return `${ended}a cancellation fee of ${formatMoney(line.fee)} is kept.`;
}

/**
 * The server's cancellation quote as a table: each item with its terms in words (and as sold), its
 * price, what comes back and what is kept; the total to the card below. The trip's cancel and one
 * item's cancel show the same view.
 */
export function CancellationQuoteView({
  trip,
  quote,
  paid,
}: {
  trip: Trip;
  quote: CancellationQuote;
  paid: boolean;
}) {
  return (
    <div className="table-wrap">
      <table className="data-table quote-table">
        <caption className="visually-hidden">Refund by item</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Terms</th>
            <th scope="col" className="num">
              Price
            </th>
            <th scope="col" className="num">
              Refund
            </th>
            <th scope="col" className="num">
              Kept
            </th>
          </tr>
        </thead>
        <tbody>
          {quote.items.map((line) => {
            const item = trip.items.find((i) => i.id === line.itemId);
            const sold = soldPolicyInWords(line);
            return (
              <tr key={line.itemId}>
                <td>
                  {ITEM_KIND[line.type]}
                  <span className="cell-sub">{item ? itemTitle(item) : line.itemId}</span>
                </td>
                <td>
                  {quoteTermsInWords(line, quote.at)}
                  {sold && line.cancellable ? <span className="cell-sub">Sold as: {sold}</span> : null}
                </td>
                <td className="num">{formatMoney(line.price)}</td>
                <td className="num cell-strong">{formatMoney(line.refund)}</td>
                <td className="num">{formatMoney(line.fee)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              {paid ? 'Refunded to the card' : 'Charged'}
            </th>
            <td className="num cell-strong">{formatMoney(quote.refund)}</td>
            <td className="num">{formatMoney(quote.fee)}</td>
          </tr>
        </tfoot>
      </table>
      <p className="muted table-count">Quoted at {formatInstant(quote.at)}; cancelling now gives the same.</p>
    </div>
  );
}
