import {
  formatMoney,
  termsAsSold,
  type CancellationPolicy,
  type Extra,
  type Money,
  type Receipt,
  type TaxLine,
} from '@tripdesk/shared';

/**
 * The receipt as a printable HTML invoice: one self-contained page (inline CSS, no scripts, no images
 * or fonts from elsewhere), A4 when printed, so the desktop can print it or save it as PDF as is.
 */
export function renderReceiptDocument(r: Receipt): string {
  const lines = r.lines
    .map(
      (l) => `
        <tr>
          <td>
            <div class="item">${esc(l.description)}</div>
            ${l.extras.map((e) => `<div class="extra">${esc(extraText(e))}</div>`).join('')}
            ${(l.taxes ?? []).map((t) => `<div class="extra">${esc(taxText(t))}</div>`).join('')}
            ${l.cancellationPolicy ? `<div class="terms">Cancellation: ${esc(terms(l.cancellationPolicy))}</div>` : ''}
          </td>
          <td>${esc(label(l.status))}</td>
          <td class="amount">${money(l.price)}</td>
        </tr>`,
    )
    .join('');
  const refunds = r.refunds
    .map(
      (f) => `
        <tr>
          <td>${esc(f.reason ?? 'Refund')}${f.itemId ? ` <span class="muted">(item ${esc(f.itemId)})</span>` : ''}</td>
          <td>${esc(date(f.refundedAt))}</td>
          <td>${esc(label(f.status))}</td>
          <td class="amount">−${money(f.amount)}</td>
        </tr>`,
    )
    .join('');
  const c = r.customer;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Invoice ${esc(r.invoiceNumber)}</title>
<style>
  @page { size: A4; margin: 16mm; }
  * { box-sizing: border-box; }
  body { margin: 0; background: #f1f1f3; color: #18181b;
    font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
  main { max-width: 800px; margin: 24px auto; background: #fff; padding: 40px 48px;
    box-shadow: 0 1px 4px rgba(0, 0, 0, 0.12); }
  header { display: flex; justify-content: space-between; gap: 24px; align-items: flex-start;
    border-bottom: 2px solid #18181b; padding-bottom: 16px; margin-bottom: 24px; }
  h1 { font-size: 28px; margin: 0 0 4px; letter-spacing: 0.02em; }
  h2 { font-size: 12px; text-transform: uppercase; letter-spacing: 0.08em; color: #52525b; margin: 0 0 6px; }
  dl { display: grid; grid-template-columns: auto auto; gap: 2px 16px; margin: 0; }
  dt { color: #52525b; }
  dd { margin: 0; text-align: right; font-weight: 600; }
  .parties { display: flex; gap: 48px; margin-bottom: 24px; }
  .parties p { margin: 0; }
  table { width: 100%; border-collapse: collapse; margin-bottom: 24px; }
  th { text-align: left; font-size: 12px; text-transform: uppercase; letter-spacing: 0.06em; color: #52525b;
    border-bottom: 1px solid #a1a1aa; padding: 6px 8px; }
  td { padding: 8px; border-bottom: 1px solid #e4e4e7; vertical-align: top; }
  .amount { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
  .extra { color: #52525b; font-size: 13px; padding-left: 12px; }
  .terms { color: #52525b; font-size: 12px; margin-top: 4px; }
  tfoot td { border-bottom: none; padding-top: 6px; padding-bottom: 2px; }
  tfoot tr.grand td { font-size: 16px; font-weight: 700; border-top: 2px solid #18181b; padding-top: 10px; }
  .muted { color: #71717a; }
  footer { margin-top: 32px; font-size: 12px; color: #71717a; border-top: 1px solid #e4e4e7; padding-top: 12px; }
  @media print {
    body { background: #fff; }
    main { margin: 0; padding: 0; max-width: none; box-shadow: none; }
    tr { break-inside: avoid; }
  }
</style>
</head>
<body>
<main>
  <header>
    <div>
      <h1>Invoice</h1>
      <div class="muted">Tripdesk</div>
    </div>
    <dl>
      <dt>Invoice number</dt><dd>${esc(r.invoiceNumber)}</dd>
      <dt>Invoice date</dt><dd>${esc(date(r.issuedAt))}</dd>
      <dt>Trip</dt><dd>${esc(r.tripId)}</dd>
    </dl>
  </header>
  <section class="parties">
    <div>
      <h2>Billed to</h2>
      <p>${esc(c.name)}</p>
      <p>${esc(c.email)}</p>
      ${c.phone ? `<p>${esc(c.phone)}</p>` : ''}
    </div>
    <div>
      <h2>Paid by</h2>
      <p>${esc(r.payer.name)}</p>
      <p>${esc(brand(r.payment.method.brand))} ending in ${esc(r.payment.method.last4)}</p>
      <p class="muted">${esc(date(r.payment.paidAt))}</p>
    </div>
  </section>
  <table>
    <thead><tr><th>Item</th><th>Status</th><th class="amount">Amount</th></tr></thead>
    <tbody>${lines}
    </tbody>
    <tfoot>
      <tr class="grand"><td colspan="2">Total paid</td><td class="amount">${money(r.total)}</td></tr>
      ${r.taxTotal ? `<tr><td colspan="2">of which taxes and fees</td><td class="amount">${money(r.taxTotal)}</td></tr>` : ''}
      ${
        r.refunds.length > 0
          ? `<tr><td colspan="2">Refunded</td><td class="amount">−${money(r.refunded)}</td></tr>
      <tr><td colspan="2"><strong>Balance</strong></td><td class="amount"><strong>${money(r.balance)}</strong></td></tr>`
          : ''
      }
    </tfoot>
  </table>
  ${
    r.refunds.length > 0
      ? `<h2>Refunds</h2>
  <table>
    <thead><tr><th>Reason</th><th>Date</th><th>Status</th><th class="amount">Amount</th></tr></thead>
    <tbody>${refunds}
    </tbody>
  </table>`
      : ''
  }
  <footer>
    Payment ${esc(r.payment.transactionId)} (${esc(r.payment.gateway)}), ${esc(label(r.payment.status))}.
    All amounts in ${esc(r.total.currency)}.
  </footer>
</main>
</body>
</html>
`;
}

function money(m: Money): string {
  return esc(formatMoney(m, 'en-US'));
}

/** The terms as they were sold: the server's own words and figures, instants in UTC as on the whole page. */
function terms(policy: CancellationPolicy): string {
  return termsAsSold(policy, { money: (m) => formatMoney(m, 'en-US'), instant: date });
}

function taxText(t: TaxLine): string {
  return `${t.name}${t.included ? ' (included)' : ''}: ${money(t.amount)}`;
}

function extraText(e: Extra): string {
  return `+ ${e.name}${e.quantity > 1 ? ` × ${e.quantity}` : ''} (${formatMoney(e.price, 'en-US')} each)`;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'UTC',
});

function date(iso: string): string {
  return `${dateFormat.format(new Date(iso))} UTC`;
}

/** `checked_in` → `Checked in`, `partially_refunded` → `Partially refunded`. */
function label(status: string): string {
  const words = status.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const BRANDS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  jcb: 'JCB',
  diners: 'Diners Club',
  unionpay: 'UnionPay',
};

function brand(b: string): string {
  return BRANDS[b.toLowerCase()] ?? label(b);
}

/** Every text that reaches the page goes through here: names and reasons are typed by people. */
function esc(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
