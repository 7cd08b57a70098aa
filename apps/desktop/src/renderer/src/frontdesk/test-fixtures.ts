import { addDays, todayIn, type HotelDetail, type HotelItem, type Stay, type Stays } from '@tripdesk/shared';

/** A small hotel for the front desk's component tests; dates are relative to today at the hotel. */

export const HOTEL_ID = 'htl_1';
export const TIME_ZONE = 'Europe/Rome';
export const today = () => todayIn(TIME_ZONE, new Date());

export const hotel: HotelDetail = {
  id: HOTEL_ID,
  name: 'Wren Pantheon Hotel',
  city: 'Rome',
  country: 'IT',
  timezone: TIME_ZONE,
  amenities: [],
  roomTypes: [
    {
      id: 'rmt_dk',
      hotelId: HOTEL_ID,
      name: 'Deluxe King',
      maxOccupancy: 2,
      nightlyRate: { amount: 20900, currency: 'USD' },
      capacity: 4,
      roomNumbers: ['412', '413', '414', '415'],
      amenities: [],
    },
  ],
};

export function stay(id: string, guest: string, over: Partial<HotelItem> = {}): Stay {
  return {
    tripId: `trp_${id}`,
    customer: { name: guest, email: `${id}@example.com` },
    item: {
      id: `itm_${id}`,
      type: 'hotel',
      status: 'confirmed',
      price: { amount: 62700, currency: 'USD' },
      hotelId: HOTEL_ID,
      roomTypeId: 'rmt_dk',
      roomTypeName: 'Deluxe King',
      checkIn: today(),
      checkOut: addDays(today(), 3),
      rooms: 1,
      guests: 2,
      ...over,
    },
  };
}

export function stays(
  lists: Partial<Pick<Stays, 'arrivals' | 'inHouse' | 'departures'>>,
  date = today(),
): Stays {
  return { hotelId: HOTEL_ID, date, arrivals: [], inHouse: [], departures: [], ...lists };
}

export const staysUrl = (date = today()) => `/api/hotels/${HOTEL_ID}/stays?date=${date}`;
