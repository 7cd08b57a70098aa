import { describe, expect, it } from 'vitest';
import type { FlightAvailabilityRow } from '@tripdesk/shared';
import { policyInWords } from '../ui/policy-words.ts';
import { flightPolicyContext } from './flight-terms.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const row: FlightAvailabilityRow = {
  flightId: 'flt_1',
  flightNumber: 'BA178',
  from: 'JFK',
  to: 'LHR',
  departureAt: '2026-12-18T22:30:00-05:00',
  arrivalAt: '2026-12-19T10:30:00+00:00',
  origin: {
    code: 'JFK',
    name: 'John F. Kennedy International',
    city: 'New York',
    country: 'US',
    timeZone: 'America/New_York',
  },
  fareClass: 'J',
  available: 4,
  price: usd(200_000),
  cancellationPolicy: {
    refundable: true,
    freeUntil: '2026-12-19T03:30:00.000Z',
    description: 'Free cancellation until departure',
  },
};

describe('flightPolicyContext', () => {
  it('reads a flight’s free-cancellation deadline on the origin airport’s clock', () => {
    expect(policyInWords(row.cancellationPolicy!, flightPolicyContext(row))).toMatch(
      /^Free cancellation until Fri 18 Dec, 22:30 JFK time/,
    );
  });
});
