import type { FlightAvailabilityRow } from '@tripdesk/shared';
import type { PolicyContext } from '../ui/policy-words.ts';

/** A flight's free-cancellation deadline is read on the origin airport's clock: "06:45 JFK time". */
export function flightPolicyContext(row: FlightAvailabilityRow): PolicyContext {
  return {
    price: row.totalPrice ?? row.price,
    ...(row.origin ? { timeZone: row.origin.timeZone, zoneName: `${row.from} time` } : {}),
  };
}
