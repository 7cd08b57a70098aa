import { z } from 'zod';
import { HealthResponseSchema } from '../health.ts';
import { signedIn, route } from './route.ts';

export const systemRoutes = {
  getHealth: route({
    method: 'get',
    path: '/api/health',
    tag: 'system',
    access: 'public',
    summary: 'Whether the server and each of its five stores work',
    success: { status: 200, description: 'Every store is `ok`.', schema: HealthResponseSchema },
    extraResponses: {
      '503': {
        description: 'A store is down; its entry holds the error.',
        schema: HealthResponseSchema,
      },
    },
  }),
  getOpenApiDocument: route({
    method: 'get',
    path: '/api/openapi.json',
    tag: 'system',
    access: 'public',
    summary: 'This document',
    usesDatabase: false,
    success: {
      status: 200,
      description: 'The OpenAPI 3.1 description of the API.',
      schema: z.looseObject({ openapi: z.string() }),
    },
  }),
  streamEvents: route({
    method: 'get',
    path: '/api/events',
    tag: 'system',
    access: signedIn,
    summary: 'Live changes, as server-sent events (extension)',
    description:
      'A `text/event-stream` that stays open. It starts with `retry: 3000` and an `: ok` comment, and ' +
      'sends a `: heartbeat` comment every 15 s so proxies keep it open. Each message has `id:` ' +
      '(increasing within one server process; no history is kept, so after a reconnect refetch what is ' +
      'on screen), `event:` (`trip.changed` or `availability.changed`) and `data:`, the event as JSON: ' +
      'ids, status and dates, never customer data (for example `{ "type": "trip.changed", "tripId": ' +
      '"…", "status": "held", "hotelIds": ["…"], "at": "…" }`), so the client refetches what it shows. ' +
      'Only changes the caller may see are sent: `trip.changed` to admins and agents, and to a front ' +
      'desk when the trip has a stay at its hotel; `availability.changed` to everyone. The stream ends ' +
      'when the session does (logout, disabled account) and when the server stops; EventSource then ' +
      'reconnects.',
    query: z.object({
      access_token: z
        .string()
        .optional()
        .meta({
          description:
            'The bearer token, for clients that cannot send an Authorization header (a browser ' +
            '`EventSource`). Used only when the header is absent; request logs redact it.',
        }),
    }),
    errors: ['service_unavailable'],
    success: {
      status: 200,
      description: 'The event stream.',
      mediaType: 'text/event-stream',
      schema: z.string().meta({ description: 'Server-sent events (HTML Living Standard, §9.2).' }),
    },
  }),
  receiveStripeWebhook: route({
    method: 'post',
    path: '/api/webhooks/stripe',
    tag: 'system',
    access: 'public',
    summary: 'Stripe’s payment events, signed (extension; called by Stripe)',
    description:
      'Called by Stripe, not by clients. Authenticated by the `Stripe-Signature` header, an HMAC of the raw ' +
      'body with STRIPE_WEBHOOK_SECRET, instead of a bearer token. `payment_intent.succeeded`, ' +
      '`payment_intent.payment_failed`, `payment_intent.canceled`, `payment_intent.amount_capturable_updated` ' +
      'and `charge.refunded` are reconciled, each event once however often it is delivered; other types are ' +
      'acknowledged and ignored. A missing, wrong or stale signature is `400 validation_failed`; `404` when ' +
      'PAYMENT_GATEWAY is not `stripe`; `409 idempotency_conflict` while the same event is being handled.',
    body: z
      .looseObject({ id: z.string(), object: z.literal('event'), type: z.string() })
      .meta({ id: 'StripeEvent', description: 'A Stripe event object, as Stripe sends it.' }),
    success: {
      status: 200,
      description: 'Received; `handled` is false for event types that are ignored.',
      schema: z.object({
        received: z.literal(true),
        handled: z.boolean(),
        duplicate: z.boolean().optional(),
      }),
    },
    errors: ['not_found', 'idempotency_conflict'],
  }),
} as const;
