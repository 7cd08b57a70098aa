import type { Migration } from '../../migrations.ts';
import { migration as createTrips } from './20261121120000_create_trips.ts';
import { migration as createTripItems } from './20261121120100_create_trip_items.ts';
import { migration as createTripEvents } from './20261121120200_create_trip_events.ts';
import { migration as createGatewayTransactions } from './20261121130000_create_gateway_transactions.ts';
import { migration as createGatewayRefunds } from './20261121130100_create_gateway_refunds.ts';
import { migration as createStripeWebhookEvents } from './20261121130200_create_stripe_webhook_events.ts';
import { migration as createPayments } from './20261121140000_create_payments.ts';
import { migration as createPaySagas } from './20261121140100_create_pay_sagas.ts';
import { migration as createRefunds } from './20261121140200_create_refunds.ts';
import { migration as createInvoiceCounters } from './20261121140300_create_invoice_counters.ts';
import { migration as tripItemsHoldId } from './20261121150000_trip_items_hold_id.ts';
import { migration as createItemCancellations } from './20261121150100_create_item_cancellations.ts';
import { migration as createItemChanges } from './20261121150200_create_item_changes.ts';
import { migration as createSupplementRefunds } from './20261121150300_create_supplement_refunds.ts';
import { migration as createOutbox } from './20261122100000_create_outbox.ts';
import { migration as createOutboxDeliveries } from './20261122100100_create_outbox_deliveries.ts';
import { migration as indexTripsHoldExpiresAt } from './20261122100200_index_trips_hold_expires_at.ts';
import { migration as createConsistencyChecks } from './20261122400000_create_consistency_checks.ts';
import { migration as createHoldReservations } from './20261204100000_create_hold_reservations.ts';
import { migration as tripAmountsBigint } from './20261204100100_trip_amounts_bigint.ts';
import { migration as tripItemsHoldUnits } from './20261204100200_trip_items_hold_units.ts';
import { migration as backfillTripItemsHoldUnits } from './20261204100300_backfill_trip_items_hold_units.ts';
import { migration as tripItemsTravel } from './20261204200000_trip_items_travel.ts';
import { migration as backfillTripItemsTravel } from './20261204200100_backfill_trip_items_travel.ts';
import { migration as indexTripsListOrder } from './20261204200200_index_trips_list_order.ts';
import { migration as tripsTravellers } from './20261204230000_trips_travellers.ts';
import { migration as paymentsPayRound } from './20261205100000_payments_pay_round.ts';

export const migrations: readonly Migration[] = [
  createTrips,
  createTripItems,
  createTripEvents,
  createGatewayTransactions,
  createGatewayRefunds,
  createStripeWebhookEvents,
  createPayments,
  createPaySagas,
  createRefunds,
  createInvoiceCounters,
  tripItemsHoldId,
  createItemCancellations,
  createItemChanges,
  createSupplementRefunds,
  createOutbox,
  createOutboxDeliveries,
  indexTripsHoldExpiresAt,
  createConsistencyChecks,
  createHoldReservations,
  tripAmountsBigint,
  tripItemsHoldUnits,
  backfillTripItemsHoldUnits,
  tripItemsTravel,
  backfillTripItemsTravel,
  indexTripsListOrder,
  tripsTravellers,
  paymentsPayRound,
];
