import {
  ItemSchema,
  TripListSchema,
  TripSchema,
  type AddItemRequest,
  type Customer,
  type Item,
  type Trip,
  type TripStatus,
} from '@tripdesk/shared';
import { ApiError, toApiError } from '../api/api-error.ts';
import { api } from '../api/client.ts';
import { useConnection } from '../connection/connection-store.ts';

/** Trips over REST: one function per call, each answer parsed by the shared schema. */

export interface TripFilters {
  readonly status: TripStatus | '';
  readonly q: string;
}

export const tripKeys = {
  all: ['trips'] as const,
  lists: ['trips', 'list'] as const,
  list: (filters: TripFilters) => ['trips', 'list', filters] as const,
  detail: (tripId: string) => ['trips', 'detail', tripId] as const,
  cancelQuote: (tripId: string) => ['trips', 'cancel-quote', tripId] as const,
  receipt: (tripId: string) => ['trips', 'receipt', tripId] as const,
};

/** What parseAnswer needs of a zod schema. */
interface AnswerSchema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: { message: string } };
}

/** An answer the schema refuses is the server's fault, said as such, never a crash of the screen. */
export function parseAnswer<T>(schema: AnswerSchema<T>, data: unknown): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  throw toApiError(new Error(`answer does not match the contract: ${parsed.error.message}`), {
    serverUrl: useConnection.getState().serverUrl,
  });
}

/**
 * True when the server has no such route at all (an older server), as opposed to no such trip: the
 * server's catch-all says "There is no GET /… in this API."
 */
export function isMissingRoute(error: unknown): boolean {
  return (
    error instanceof ApiError && error.code === 'not_found' && /^There is no [A-Z]+ \//.test(error.detail)
  );
}

const path = (tripId: string) => `/api/trips/${encodeURIComponent(tripId)}`;

export async function fetchTrips(filters: TripFilters): Promise<Trip[]> {
  const params = {
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
  };
  const response = await api.get('/api/trips', { params });
  return parseAnswer(TripListSchema, response.data).items;
}

export async function fetchTrip(tripId: string): Promise<Trip> {
  return parseAnswer(TripSchema, (await api.get(path(tripId))).data);
}

/** Opens a trip for a customer. The key makes a retry after a lost answer open it only once. */
export async function createTrip(customer: Customer, idempotencyKey: string): Promise<Trip> {
  const response = await api.post(
    '/api/trips',
    { customer },
    { headers: { 'Idempotency-Key': idempotencyKey } },
  );
  return parseAnswer(TripSchema, response.data);
}

/** Places a hold: the item comes back `held` with its `holdExpiresAt`. */
export async function addItem(tripId: string, item: AddItemRequest, idempotencyKey: string): Promise<Item> {
  const response = await api.post(`${path(tripId)}/items`, item, {
    headers: { 'Idempotency-Key': idempotencyKey },
  });
  return parseAnswer(ItemSchema, response.data);
}

/** Releases a held item's hold at once. */
export async function removeItem(tripId: string, itemId: string): Promise<void> {
  await api.delete(`${path(tripId)}/items/${encodeURIComponent(itemId)}`);
}

/** Pays the whole trip. The key is one checkout attempt's: the same attempt retried sends the same key. */
export async function payTrip(
  tripId: string,
  paymentMethodId: string,
  idempotencyKey: string,
): Promise<Trip> {
  const response = await api.post(
    `${path(tripId)}/pay`,
    { paymentMethodId },
    // Paying can take a while when the gateway is slow; the server answers a repeat with the first outcome.
    { headers: { 'Idempotency-Key': idempotencyKey }, timeout: 60_000 },
  );
  return parseAnswer(TripSchema, response.data);
}

/** What cancelling would refund now (`GET /api/trips/{id}/cancel-quote`), as the server sends it. */
export async function fetchCancelQuote(tripId: string): Promise<unknown> {
  return (await api.get(`${path(tripId)}/cancel-quote`)).data;
}

export async function cancelTrip(tripId: string, reason: string, idempotencyKey: string): Promise<Trip> {
  const response = await api.post(`${path(tripId)}/cancel`, reason.trim() ? { reason: reason.trim() } : {}, {
    headers: { 'Idempotency-Key': idempotencyKey },
  });
  return parseAnswer(TripSchema, response.data);
}

/** The receipt as the server renders it (`GET /api/trips/{id}/receipt.html`). */
export async function fetchReceiptHtml(tripId: string): Promise<string> {
  const response = await api.get<string>(`${path(tripId)}/receipt.html`, {
    headers: { Accept: 'text/html' },
    responseType: 'text',
    // Kept as text, except a problem document, which the error handling reads as JSON.
    transformResponse: (data: unknown, headers) => {
      if (typeof data !== 'string' || !/json/.test(String(headers['content-type'] ?? ''))) return data;
      try {
        return JSON.parse(data) as unknown;
      } catch {
        return data;
      }
    },
  });
  return String(response.data);
}
