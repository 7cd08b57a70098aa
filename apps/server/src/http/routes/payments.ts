import { Router } from 'express';
import { payTripRequestSchemaFor, TripParamsSchema } from '@tripdesk/shared';
import { DomainError } from '../../errors.ts';
import type { PaySaga } from '../../paying/pay-saga.ts';
import type { ReceiptService } from '../../paying/receipts.ts';
import { currentUser } from '../auth.ts';
import { renderReceiptDocument } from '../receipt-document.ts';
import { parse } from '../validate.ts';

/** Paying a trip (API.md "Trips") and its receipt (extension), for every signed-in role within its scope. */
export function paymentRoutes(saga: PaySaga, receipts: ReceiptService): Router {
  const r = Router();
  const payBody = payTripRequestSchemaFor(saga.gatewayName);
  r.post('/api/trips/:tripId/pay', async (req, res) => {
    const { tripId } = parse(TripParamsSchema, req.params, 'params');
    const body = parse(payBody, req.body, 'body');
    // The idempotency middleware refuses /pay without a key; this is the belt to its braces.
    const key = req.get('idempotency-key');
    if (!key) throw new DomainError('idempotency_key_missing', 'Send an Idempotency-Key header.');
    res.json(await saga.pay(currentUser(req), tripId, body.paymentMethodId, key));
  });
  r.get('/api/trips/:tripId/receipt', async (req, res) => {
    const { tripId } = parse(TripParamsSchema, req.params, 'params');
    res.json(await receipts.receipt(currentUser(req), tripId));
  });
  r.get('/api/trips/:tripId/receipt.html', async (req, res) => {
    const { tripId } = parse(TripParamsSchema, req.params, 'params');
    const receipt = await receipts.receipt(currentUser(req), tripId);
    res
      .type('text/html; charset=utf-8')
      .setHeader('Cache-Control', 'no-store')
      .send(renderReceiptDocument(receipt));
  });
  return r;
}
