import { feeAtPercent, zonedTimeToInstant, type CancellationPolicy, type Money } from '@tripdesk/shared';

/**
 * The cancellation terms written on an item when it is sold (a snapshot: a later change of terms never
 * changes what this customer is refunded). The cancel issue applies them; here they are only decided.
 */

/** Hotels hand out rooms from this local time on the day of arrival; the 48 hours count back from it. */
const HOTEL_CHECK_IN_TIME = { hour: 15, minute: 0 };
const HOTEL_FREE_CANCELLATION_HOURS = 48;

/** Free until 48 h before check-in (15:00 on the arrival day, hotel time); after that the first night is charged. */
export function hotelPolicy(opts: {
  checkIn: string;
  timezone: string;
  /** The first night: nightly rate × rooms. */
  firstNight: Money;
}): CancellationPolicy {
  const checkInAt = zonedInstant(
    opts.checkIn,
    HOTEL_CHECK_IN_TIME.hour,
    HOTEL_CHECK_IN_TIME.minute,
    opts.timezone,
  );
  const freeUntil = new Date(checkInAt.getTime() - HOTEL_FREE_CANCELLATION_HOURS * 3_600_000);
  return {
    refundable: true,
    freeUntil: freeUntil.toISOString(),
    fee: opts.firstNight,
    description:
      `Free cancellation until ${HOTEL_FREE_CANCELLATION_HOURS} hours before check-in ` +
      `(${opts.checkIn} 15:00 hotel time); after that the first night is charged.`,
  };
}

/** What a W (premium economy) fare keeps on cancellation: half of what was paid, its extras included. */
const W_FEE_PERCENT = 50;

/**
 * By fare class: J (and F) fully refundable until departure, W refunds half of what was paid (the fare
 * and its extras alike), Y and any other class are non-refundable, the conservative default for a
 * class whose terms we do not know. `price` is the item's price with its extras when held; a search's
 * offer passes the fare alone, and its `feePercent` lets the hold dialog follow the extras chosen.
 */
export function flightPolicy(opts: {
  fareClass: string;
  departureAt: string;
  price: Money;
}): CancellationPolicy {
  const code = opts.fareClass.toUpperCase();
  if (code === 'J' || code === 'F') {
    return {
      refundable: true,
      freeUntil: opts.departureAt,
      description: 'Fully refundable until departure.',
    };
  }
  if (code === 'W') {
    return {
      refundable: true,
      fee: feeAtPercent(opts.price, W_FEE_PERCENT),
      feePercent: W_FEE_PERCENT,
      description: 'Half the price, extras included, is refunded on cancellation.',
    };
  }
  return { refundable: false, description: 'Non-refundable fare.' };
}

/**
 * Free until pick-up, then the whole rental is charged. Rental locations carry no time zone, so pick-up
 * is the start of the pick-up day in UTC.
 */
export function carPolicy(opts: { pickUp: string }): CancellationPolicy {
  return {
    refundable: true,
    freeUntil: new Date(`${opts.pickUp}T00:00:00.000Z`).toISOString(),
    description: 'Free cancellation until pick-up; after that the rental is charged in full.',
  };
}

/**
 * The instant when the wall clock in `timeZone` shows `date` at `hour:minute` (the shared conversion,
 * whose zone formatters are cached: this runs for every row of a hotel search).
 */
export function zonedInstant(date: string, hour: number, minute: number, timeZone: string): Date {
  const pad = (n: number) => String(n).padStart(2, '0');
  return zonedTimeToInstant(date, `${pad(hour)}:${pad(minute)}`, timeZone);
}
