import { useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { multiplyMoney, type Trip } from '@tripdesk/shared';
import { formatInstant, formatMoney } from '../ui/formats.ts';
import { soldPolicyInWords } from '../ui/policy-words.ts';
import { ITEM_KIND, itemDetails, itemTitle } from '../trips/trip-words.ts';
import { isMissingRoute } from '../trips/trip-queries.ts';
import type { ReceiptOutputResult, TripdeskBridge } from '../../../bridge/bridge.d.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { tripKeys } from '../api/query-keys.ts';
import './Receipt.css';
import { call } from '../api/call.ts';

/**
 * The receipt of a paid trip, ready to print or save as PDF from the print dialog. The server's own
 * receipt (`GET /api/trips/{id}/receipt.html`) is shown when the server has it, in a sandboxed frame
 * that runs no script; a server without it gets the receipt drawn here from the trip.
 *
 * In the desktop app the server's receipt goes to the main process instead (`desktop`, the preload
 * bridge): Print opens the system print dialog, Save as PDF writes an A4 PDF where the clerk chooses.
 */
export function ReceiptDialog({
  trip,
  invoice,
  onClose,
  desktop = window.tripdesk ?? null,
}: {
  trip: Trip;
  /** One of the trip's invoices (`payments[].invoiceNumber`); default the sale's. */
  invoice?: string;
  onClose: () => void;
  desktop?: Pick<TripdeskBridge, 'printReceipt' | 'saveReceiptPdf'> | null;
}) {
  const frame = useRef<HTMLIFrameElement>(null);
  const receipt = useQuery({
    queryKey: tripKeys.receipt(trip.id, invoice),
    queryFn: () =>
      call('getTripReceiptDocument', {
        params: { tripId: trip.id },
        ...(invoice ? { query: { invoice } } : {}),
      }),
    staleTime: Infinity,
  });
  const ownReceipt = receipt.isError && isMissingRoute(receipt.error);

  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ReceiptOutputResult | null>(null);

  const print = () => {
    const view = frame.current?.contentWindow;
    if (receipt.isSuccess && view) view.print();
    else window.print();
  };

  const output = (send: (html: string) => Promise<ReceiptOutputResult>) => {
    if (!receipt.isSuccess || busy) return;
    setBusy(true);
    setOutcome(null);
    send(receipt.data)
      .catch((error: unknown) => ({
        ok: false as const,
        message: error instanceof Error ? error.message : String(error),
      }))
      .then(setOutcome)
      .finally(() => setBusy(false));
  };
  // The bridge prints the server's receipt; the one drawn here (no server receipt) prints as before.
  const viaDesktop = desktop != null && !receipt.isError;
  const waiting = receipt.isPending || busy || undefined;

  return (
    <Dialog title={`Receipt · ${trip.customer.name}`} onClose={onClose} size="full">
      <div className="receipt-actions no-print">
        {viaDesktop ? (
          <>
            <button
              type="button"
              className="button button-primary"
              onClick={() => output((html) => desktop.printReceipt(html))}
              aria-disabled={waiting}
              data-autofocus
            >
              Print
            </button>
            <button
              type="button"
              className="button"
              onClick={() =>
                output((html) =>
                  desktop.saveReceiptPdf(
                    html,
                    `receipt-${invoice ?? trip.payment?.invoiceNumber ?? trip.id}.pdf`,
                  ),
                )
              }
              aria-disabled={waiting}
            >
              Save as PDF
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              if (!receipt.isPending) print();
            }}
            aria-disabled={receipt.isPending || undefined}
            data-autofocus
          >
            Print or save as PDF
          </button>
        )}
        <button type="button" className="button button-quiet" onClick={onClose}>
          Close
        </button>
      </div>
      {outcome?.ok && outcome.path ? (
        <p className="muted no-print" role="status">
          Saved to {outcome.path}
        </p>
      ) : null}
      {outcome && !outcome.ok && outcome.message !== 'cancelled' ? (
        <p className="form-error no-print" role="alert">
          {outcome.message}
        </p>
      ) : null}
      {receipt.isPending ? <p className="muted">Loading the receipt…</p> : null}
      {receipt.isSuccess ? (
        <iframe
          ref={frame}
          className="receipt-frame"
          title={`Receipt for trip ${trip.id}`}
          srcDoc={receipt.data}
          // Scripts never run in it; same origin only so that Print can reach its window.
          sandbox="allow-same-origin allow-modals"
          // A click into the receipt moves the keyboard into the frame: Escape must still close.
          onLoad={(event) =>
            event.currentTarget.contentDocument?.addEventListener('keydown', (key) => {
              if (key.key === 'Escape') onClose();
            })
          }
        />
      ) : null}
      {receipt.isError && !ownReceipt ? (
        <div className="form-error no-print" role="alert">
          <p>{receipt.error.message} The receipt below is drawn from the trip instead.</p>
          <button type="button" className="button button-small" onClick={() => void receipt.refetch()}>
            Try again
          </button>
        </div>
      ) : null}
      {receipt.isError ? <TripReceipt trip={trip} /> : null}
    </Dialog>
  );
}

/**
 * A receipt drawn from the trip: what was sold, for how much and on which cancellation terms (as sold,
 * in the words of the server's receipt), and the payment. Printed alone.
 */
export function TripReceipt({ trip }: { trip: Trip }) {
  const payment = trip.payment;
  const sold = trip.items.filter((i) => i.status !== 'released' && i.status !== 'expired');
  return (
    <article className="receipt printable" aria-label="Receipt">
      <header className="receipt-head">
        <p className="brand-mark">Tripdesk</p>
        <h3>Receipt{payment ? ` · Invoice ${payment.invoiceNumber}` : ''}</h3>
      </header>
      <dl className="receipt-facts">
        <dt>Customer</dt>
        <dd>
          {trip.customer.name}, {trip.customer.email}
          {trip.customer.phone ? `, ${trip.customer.phone}` : ''}
        </dd>
        <dt>Trip</dt>
        <dd className="mono">{trip.id}</dd>
        {payment ? (
          <>
            <dt>Paid</dt>
            <dd>{formatInstant(payment.paidAt)}</dd>
            <dt>Transaction</dt>
            <dd className="mono">{payment.transactionId}</dd>
          </>
        ) : null}
      </dl>
      <table className="data-table receipt-lines">
        <caption className="visually-hidden">What was sold</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col" className="num">
              Price
            </th>
          </tr>
        </thead>
        <tbody>
          {sold.map((item) => (
            <tr key={item.id}>
              <td>
                <strong>
                  {ITEM_KIND[item.type]}: {itemTitle(item)}
                </strong>
                <span className="cell-sub">{itemDetails(item).join(' · ')}</span>
                {(item.extras ?? []).map((x) => (
                  <span className="cell-sub" key={x.code}>
                    + {x.name} × {x.quantity}: {formatMoney(multiplyMoney(x.price, x.quantity))}
                  </span>
                ))}
                {item.cancellationPolicy ? (
                  <span className="cell-sub receipt-terms">Cancellation: {soldPolicyInWords(item)}</span>
                ) : null}
              </td>
              <td className="num">{formatMoney(item.price)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total{payment ? ' paid' : ''}</th>
            <td className="num cell-strong">{formatMoney(payment?.amount ?? trip.total)}</td>
          </tr>
        </tfoot>
      </table>
    </article>
  );
}
