import { payTripRequestSchemaFor } from '@tripdesk/shared';
import type { PaySaga } from '../../paying/pay-saga.ts';
import type { ReceiptService } from '../../paying/receipts.ts';
import { responded, type Handlers } from '../mount.ts';
import { renderReceiptDocument } from '../receipt-document.ts';

/** Paying a trip (API.md "Trips") and its receipt (extension), for every signed-in role within its scope. */
export function paymentHandlers(saga: PaySaga, receipts: ReceiptService) {
  return {
    // The idempotency middleware refuses /pay without a key, and the table requires one: belt and braces.
    payTrip: {
      body: payTripRequestSchemaFor(saga.gatewayName),
      handle: ({ user, params, body, idempotencyKey }) =>
        saga.pay(user, params.tripId, body.paymentMethodId, idempotencyKey!),
    },
    getTripReceipt: ({ user, params, query }) => receipts.receipt(user, params.tripId, query.invoice),
    getTripReceiptDocument: async ({ user, params, query, res }) => {
      const receipt = await receipts.receipt(user, params.tripId, query.invoice);
      res
        .type('text/html; charset=utf-8')
        .setHeader('Cache-Control', 'no-store')
        .send(renderReceiptDocument(receipt));
      return responded;
    },
  } satisfies Handlers<'payTrip' | 'getTripReceipt' | 'getTripReceiptDocument'>;
}
