import type { Migration } from '../../migrations.ts';
import { migration as createTrips } from './20261121120000_create_trips.ts';
import { migration as createTripItems } from './20261121120100_create_trip_items.ts';
import { migration as createTripEvents } from './20261121120200_create_trip_events.ts';
import { migration as createGatewayTransactions } from './20261121130000_create_gateway_transactions.ts';
import { migration as createGatewayRefunds } from './20261121130100_create_gateway_refunds.ts';
import { migration as createStripeWebhookEvents } from './20261121130200_create_stripe_webhook_events.ts';

export const migrations: readonly Migration[] = [
  createTrips,
  createTripItems,
  createTripEvents,
  createGatewayTransactions,
  createGatewayRefunds,
  createStripeWebhookEvents,
];
