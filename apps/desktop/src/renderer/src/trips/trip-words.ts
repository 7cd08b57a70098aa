import type { Item, ItemStatus, ItemType, TripEvent, TripStatus } from '@tripdesk/shared';
import { describeCarCategory } from '../search/car-categories.ts';
import { formatFlightLine, formatFlightTimes, formatInstant, formatStay, plural } from '../ui/formats.ts';
import { taxesInWords } from '../ui/tax-words.ts';

/** Trips and items in the words of the desk. */

export const TRIP_STATUS_WORDS: Readonly<Record<TripStatus, string>> = {
  open: 'Open',
  held: 'Held, awaiting payment',
  confirmed: 'Paid',
  completed: 'Completed',
  expired: 'Expired',
  cancelled: 'Cancelled',
};

export const ITEM_STATUS_WORDS: Readonly<Record<ItemStatus, string>> = {
  held: 'Held',
  confirmed: 'Confirmed',
  checked_in: 'Checked in',
  checked_out: 'Checked out',
  released: 'Removed',
  expired: 'Hold lost',
  cancelled: 'Cancelled',
};

/** Tone of a status badge: good (sold), warn (waiting), bad (gone), quiet (done). */
export function statusTone(status: TripStatus | ItemStatus): 'good' | 'warn' | 'bad' | 'quiet' {
  switch (status) {
    case 'confirmed':
    case 'checked_in':
      return 'good';
    case 'held':
    case 'open':
      return 'warn';
    case 'expired':
    case 'cancelled':
      return 'bad';
    default:
      return 'quiet';
  }
}

export const ITEM_KIND: Readonly<Record<ItemType, string>> = {
  hotel: 'Hotel stay',
  flight: 'Flight',
  car: 'Car rental',
};

/** One line naming the item: the hotel and room, the flight and route, the car and station. */
export function itemTitle(item: Item): string {
  switch (item.type) {
    case 'hotel':
      return `${item.hotelName ?? 'Hotel'} · ${item.roomTypeName ?? 'room'}`;
    case 'flight': {
      const route = item.from && item.to ? ` ${item.from} → ${item.to}` : '';
      return `${item.flightNumber ?? 'Flight'}${route}`;
    }
    case 'car':
      return `${describeCarCategory(item.category)} at ${item.locationCode}`;
  }
}

/** The item's particulars: dates, guests, fare class and seats, rental days. */
export function itemDetails(item: Item): string[] {
  // Taxes and fees as sold, after what the item is.
  const taxes = item.taxes && item.taxes.length > 0 ? [taxesInWords(item.taxes)] : [];
  return [...whatItIs(item), ...taxes];
}

function whatItIs(item: Item): string[] {
  switch (item.type) {
    case 'hotel':
      return [
        formatStay(item.checkIn, item.checkOut, 'night'),
        `${plural(item.rooms, 'room')}, ${plural(item.guests, 'guest')} per room`,
        ...(item.roomNumber ? [`Room ${item.roomNumber}`] : []),
      ];
    case 'flight':
      return [
        // Local times at each airport, as the boarding pass says.
        ...(item.departureAt && item.arrivalAt
          ? [formatFlightLine(formatFlightTimes(item.departureAt, item.arrivalAt), item.from, item.to)]
          : item.departureAt
            ? [`Departs ${formatInstant(item.departureAt)}`]
            : []),
        `Fare class ${item.fareClass}`,
        item.passengers
          .map((p) => (p.seat ? `${p.name} (seat ${p.seat})` : `${p.name} (seat assigned at check-in)`))
          .join(', '),
      ];
    case 'car':
      return [
        `Category ${item.category}`,
        formatStay(item.pickUp, item.dropOff, 'day'),
        ...(item.driver ? [`Driver ${item.driver}`] : []),
      ];
  }
}

/** Words for a history line's type: `item.held` → `Item held`. Unknown types are spelled out. */
const EVENT_WORDS: Readonly<Record<string, string>> = {
  'trip.created': 'Trip opened',
  'trip.open': 'Trip emptied',
  'trip.held': 'Trip on hold',
  'trip.confirmed': 'Trip paid and confirmed',
  'trip.items_paid': 'Added items paid',
  'trip.paid': 'Trip paid',
  'trip.completed': 'Trip completed',
  'trip.expired': 'Trip expired: every hold ran out',
  'trip.cancelled': 'Trip cancelled',
  'item.held': 'held',
  'item.released': 'removed; its hold was released',
  'item.expired': 'hold ran out; released to inventory',
  'item.confirmed': 'confirmed',
  'item.cancelled': 'cancelled',
  'item.checked_in': 'checked in',
  'item.checked_out': 'checked out',
  'item.changed': 'changed',
  'payment.declined': 'Payment declined',
  'payment.failed': 'Payment failed; nothing was charged',
  'refund.pending': 'Refund requested',
  'refund.succeeded': 'Refund paid back',
  'refund.failed': 'Refund failed',
};

function spelledOut(type: string): string {
  const text = type.replaceAll('.', ' ').replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What a history line says happened. Item lines name the item when the trip still lists it. */
export function eventWords(event: TripEvent, items: readonly Item[]): string {
  const words = EVENT_WORDS[event.type];
  if (event.type.startsWith('item.')) {
    const item = items.find((i) => i.id === event.itemId);
    const subject = item ? `${ITEM_KIND[item.type]} ${itemTitle(item)}` : 'Item';
    return `${subject} ${words ?? spelledOut(event.type.slice(5)).toLowerCase()}`;
  }
  return words ?? spelledOut(event.type);
}

/** Who did it: the clerk themself, the system's own jobs, or another user by id. */
export function actorWords(actor: string, currentUserId: string): string {
  if (actor === currentUserId) return 'you';
  if (actor === 'system:sweeper') return 'system (hold expiry)';
  if (actor.startsWith('system')) return 'system';
  return actor;
}
