import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Stores } from '../stores/index.ts';
import type { PaymentGateway } from './gateway.ts';
import { LocalPaymentGateway } from './local-gateway.ts';
import { createStripeClient, StripePaymentGateway } from './stripe-gateway.ts';

export * from './gateway.ts';
export { LocalPaymentGateway } from './local-gateway.ts';
export { createStripeClient, StripePaymentGateway, stripeIdempotencyKey } from './stripe-gateway.ts';
export {
  RECONCILED_STRIPE_EVENTS,
  STRIPE_WEBHOOK_PATH,
  stripeWebhookRoutes,
  type StripeEventSink,
  type StripePaymentEvent,
} from './stripe-webhook.ts';

/** The gateway PAYMENT_GATEWAY names: `local` (embedded, the default) or `stripe`. */
export function createPaymentGateway(
  config: Pick<Config, 'paymentGateway' | 'stripe'>,
  stores: Pick<Stores, 'gateway'>,
  clock: Clock,
): PaymentGateway {
  if (config.paymentGateway === 'local') return new LocalPaymentGateway(stores.gateway, clock);
  if (!config.stripe) {
    // loadConfig refuses this already; a hand-built config must not fall back to fake money.
    throw new Error('PAYMENT_GATEWAY=stripe needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET');
  }
  return new StripePaymentGateway(
    createStripeClient({ secretKey: config.stripe.secretKey, apiBase: config.stripe.apiBase }),
  );
}
