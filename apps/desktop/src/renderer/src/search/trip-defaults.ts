import {
  daysBetween,
  addDays,
  type CarLocation,
  type FlightItem,
  type HotelItem,
  type Item,
  type Trip,
} from '@tripdesk/shared';
import { guestsOf } from '../trip-builder/traveller-drafts.ts';
import type { CarDraft, HotelDraft } from './search-store.ts';

/** The calendar date an instant is written with (its own offset's date: local at that airport). */
const dateOf = (instant: string | undefined) => instant?.slice(0, 10);

/** An item still part of the sale: held or sold, not released, lapsed or cancelled. */
const standing = (i: Item) => i.status !== 'released' && i.status !== 'expired' && i.status !== 'cancelled';

/** The first stay of the trip still standing: its dates are the trip's, most likely. */
export function stayOf(trip: Trip | undefined): HotelItem | undefined {
  return (trip?.items ?? []).find((i): i is HotelItem => i.type === 'hotel' && standing(i));
}

/** A round trip as searched: out from `from` to `to` on `date`, back from `to` on `returnDate`. */
export interface RoundTripPlan {
  readonly from: string;
  readonly to: string;
  readonly date: string;
  readonly returnDate: string;
}

/**
 * The trip's outbound flight (the first to leave) and its return (a later one leaving from where the
 * outbound lands), among the flights still standing. With a round trip searched, a return held before
 * its outbound is the return, not an outbound from the destination.
 */
export function flightsOf(
  trip: Trip | undefined,
  plan: RoundTripPlan | null = null,
): { outbound?: FlightItem; back?: FlightItem } {
  const flights = (trip?.items ?? [])
    .filter((i): i is FlightItem => i.type === 'flight' && standing(i))
    .filter((f) => f.departureAt)
    .sort((a, b) => Date.parse(a.departureAt!) - Date.parse(b.departureAt!));
  const first = flights[0];
  if (first && plan && first.from === plan.to && first.to === plan.from) return { back: first };
  const outbound = first;
  const back = outbound ? flights.find((f) => f !== outbound && f.from === outbound.to) : undefined;
  return { ...(outbound ? { outbound } : {}), ...(back ? { back } : {}) };
}

/** The rental station at an airport: its code is the airport's, or starts with it (LHR, LHR-A). */
export function stationAt(
  airport: string | undefined,
  locations: readonly CarLocation[],
): CarLocation | undefined {
  if (!airport) return undefined;
  return locations.find((l) => l.code === airport) ?? locations.find((l) => l.code.startsWith(`${airport}-`));
}

/**
 * The hotel and car searches once a flight is held: the hotel in the destination's city for the nights
 * between landing and the return flight, guests the trip's travellers; the car at the arrival airport's
 * station from landing to the return. A return not held yet is the round trip's searched return date
 * (`plan`), an outbound not held yet its departure date; with neither, as many nights as the form had.
 */
export function defaultsAfterFlight(
  trip: Trip | undefined,
  held: FlightItem,
  locations: readonly CarLocation[],
  hotel: HotelDraft,
  car: CarDraft,
  plan: RoundTripPlan | null = null,
): { hotel: HotelDraft; car: CarDraft } {
  const isBack = (f: FlightItem) => plan !== null && f.from === plan.to && f.to === plan.from;
  const found = flightsOf(trip, plan);
  // The trip as read may not list the flight just held yet.
  const outbound = found.outbound ?? (isBack(held) ? undefined : held);
  const back = found.back ?? (isBack(held) ? held : undefined);
  const destination = outbound?.to ?? back?.from;
  const planned = plan && plan.to === destination ? plan : null;
  const arrive = dateOf(outbound?.arrivalAt) ?? planned?.date;
  const leave = dateOf(back?.departureAt) ?? planned?.returnDate;
  const station = stationAt(destination, locations);
  // The hotel's city: the station's, else the airport's as sold.
  const city = station?.city ?? (outbound?.destination ?? back?.origin)?.city;
  const nights = Math.max(1, daysBetween(hotel.checkIn, hotel.checkOut) || 1);
  const checkIn = arrive ?? hotel.checkIn;
  const checkOut = leave && leave > checkIn ? leave : addDays(checkIn, nights);
  const guests = guestsOf(trip?.travellers);
  return {
    hotel: {
      ...hotel,
      ...(city ? { city, hotel: null } : {}),
      checkIn,
      checkOut,
      ...(guests > 0 ? { guests: String(guests) } : {}),
    },
    car: { ...car, ...(station ? { location: station.code } : {}), pickUp: checkIn, dropOff: checkOut },
  };
}
