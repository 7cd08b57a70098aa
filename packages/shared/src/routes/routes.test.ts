import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Trip, TripList } from '../trips.ts';
import {
  answerCodes,
  apiRoutes,
  expressPath,
  pathWith,
  type RouteBody,
  type RouteParams,
  type RouteResponse,
  type RouteSpec,
} from './index.ts';

const entries = Object.entries(apiRoutes) as [string, RouteSpec][];

describe('the route table', () => {
  it('has one action per method and path', () => {
    const keys = entries.map(([, r]) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('parses exactly the parameters its path names', () => {
    for (const [id, r] of entries) {
      const named = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(Object.keys(r.params?.shape ?? {}).sort(), id).toEqual(named);
    }
  });

  it('names who may call every action that needs a token', () => {
    for (const [id, r] of entries) {
      if (r.access !== 'public') expect(r.access.length, id).toBeGreaterThan(0);
      if (r.rolesCheckedBy) expect(r.access, id).not.toBe('public');
    }
  });

  it('infers a client’s types per operationId', () => {
    expectTypeOf<RouteResponse<'getTrip'>>().toEqualTypeOf<Trip>();
    expectTypeOf<RouteResponse<'listTrips'>>().toEqualTypeOf<TripList>();
    expectTypeOf<RouteResponse<'removeTripItem'>>().toEqualTypeOf<undefined>();
    expectTypeOf<RouteParams<'getTrip'>>().toEqualTypeOf<{ tripId: string }>();
    expectTypeOf<RouteBody<'getTrip'>>().toEqualTypeOf<undefined>();
  });
});

describe('route helpers', () => {
  it('converts and fills paths', () => {
    expect(expressPath('/api/trips/{tripId}/items/{itemId}')).toBe('/api/trips/:tripId/items/:itemId');
    expect(pathWith('/api/trips/{tripId}/items/{itemId}', { tripId: 'trp 1', itemId: 'a/b' })).toBe(
      '/api/trips/trp%201/items/a%2Fb',
    );
    expect(() => pathWith('/api/trips/{tripId}', {})).toThrow(/tripId/);
  });

  it('adds the codes every action of a kind shares', () => {
    expect(answerCodes(apiRoutes.payTrip).sort()).toEqual(
      [
        'forbidden',
        'not_found',
        'payment_declined',
        'invalid_transition',
        'hold_expired',
        'unauthenticated',
        'validation_failed',
        'payload_too_large',
        'unsupported_media_type',
        'idempotency_conflict',
        'idempotency_key_reused',
        'idempotency_key_missing',
        'rate_limited',
        'service_unavailable',
      ].sort(),
    );
    expect(answerCodes(apiRoutes.getOpenApiDocument)).toEqual(['rate_limited']);
    expect(answerCodes(apiRoutes.getHealth)).toEqual(['rate_limited']);
  });
});
