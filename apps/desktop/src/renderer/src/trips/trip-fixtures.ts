import type { CarItem, FlightItem, HotelItem, Trip } from '@tripdesk/shared';

/** Trips as the server answers them, for the component tests of the selling screens. */

export const NOW = Date.parse('2026-11-21T10:00:00.000Z');
const at = (secondsFromNow: number) => new Date(NOW + secondsFromNow * 1000).toISOString();
const usd = (amount: number) => ({ amount, currency: 'USD' });

export function hotelItem(over: Partial<HotelItem> = {}): HotelItem {
  return {
    id: 'itm_hotel',
    type: 'hotel',
    status: 'held',
    price: usd(49_500),
    holdExpiresAt: at(1800),
    hotelId: 'htl_1',
    hotelName: 'Hotel Park Marylebone',
    roomTypeId: 'rmt_1',
    roomTypeName: 'Standard Queen',
    checkIn: '2026-12-05',
    checkOut: '2026-12-08',
    rooms: 1,
    guests: 2,
    extras: [{ code: 'breakfast', name: 'Breakfast (per guest per night)', price: usd(5400), quantity: 2 }],
    specialRequests: 'Quiet room',
    ...over,
  };
}

export function flightItem(over: Partial<FlightItem> = {}): FlightItem {
  return {
    id: 'itm_flight',
    type: 'flight',
    status: 'held',
    price: usd(48_300),
    holdExpiresAt: at(1790),
    flightId: 'flt_1',
    flightNumber: 'BA16',
    from: 'JFK',
    to: 'LHR',
    // As the server writes them: each airport's own offset; a late flight landing the next day.
    departureAt: '2026-12-05T18:45:00-05:00',
    arrivalAt: '2026-12-06T07:10:00+00:00',
    fareClass: 'Y',
    passengers: [{ name: 'Grace Hopper', seat: '33A' }],
    seats: ['33A'],
    extras: [],
    ...over,
  };
}

export function carItem(over: Partial<CarItem> = {}): CarItem {
  return {
    id: 'itm_car',
    type: 'car',
    status: 'held',
    price: usd(12_900),
    holdExpiresAt: at(1780),
    locationCode: 'LHR-A',
    category: 'ECMR',
    pickUp: '2026-12-05',
    dropOff: '2026-12-08',
    extras: [],
    ...over,
  };
}

export function heldTrip(over: Partial<Trip> = {}): Trip {
  const items = over.items ?? [hotelItem(), flightItem(), carItem()];
  const total = items
    .filter((i) => i.status !== 'released' && i.status !== 'expired')
    .reduce((sum, i) => sum + i.price.amount, 0);
  return {
    id: 'trp_1',
    status: 'held',
    customer: { name: 'Grace Hopper', email: 'grace@example.com' },
    items,
    total: usd(total),
    holdExpiresAt: at(1780),
    createdBy: 'usr_agent',
    createdAt: at(-60),
    events: [
      { at: at(-60), type: 'trip.created', actor: 'usr_agent', to: 'open' },
      { at: at(-50), type: 'item.held', actor: 'usr_agent', to: 'held', itemId: 'itm_hotel' },
      { at: at(-50), type: 'trip.held', actor: 'usr_agent', from: 'open', to: 'held' },
    ],
    ...over,
  };
}

export function paidTrip(trip: Trip = heldTrip()): Trip {
  return {
    ...trip,
    status: 'confirmed',
    holdExpiresAt: undefined,
    items: trip.items.map((i) => ({ ...i, status: 'confirmed', holdExpiresAt: undefined })),
    payment: {
      transactionId: 'txn_1',
      invoiceNumber: 'INV-2026-000001',
      amount: trip.total,
      status: 'captured',
      gateway: 'local',
      paidAt: at(10),
    },
  };
}

/** The Date header of an answer made at `ms` on the server's clock. */
export function dateHeader(ms: number): string {
  return new Date(ms).toUTCString();
}
