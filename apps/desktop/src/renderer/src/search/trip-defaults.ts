import { daysBetween, addDays, type CarLocation, type FlightItem, type Trip } from '@tripdesk/shared';
import { guestsOf } from '../trip-builder/traveller-drafts.ts';
import type { CarDraft, HotelDraft } from './search-store.ts';

/** The calendar date an instant is written with (its own offset's date: local at that airport). */
const dateOf = (instant: string | undefined) => instant?.slice(0, 10);

/**
 * The trip's outbound flight (the first to leave) and its return (a later one leaving from where the
 * outbound lands), among the flights not released.
 */
export function flightsOf(trip: Trip | undefined): { outbound?: FlightItem; back?: FlightItem } {
  const flights = (trip?.items ?? [])
    .filter((i): i is FlightItem => i.type === 'flight' && i.status !== 'released' && i.status !== 'expired')
    .filter((f) => f.departureAt)
    .sort((a, b) => Date.parse(a.departureAt!) - Date.parse(b.departureAt!));
  const outbound = flights[0];
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
 * between landing and the return flight (or as many nights as the form had), guests the trip's travellers;
 * the car at the arrival airport's station from landing to the return.
 */
export function defaultsAfterFlight(
  trip: Trip | undefined,
  held: FlightItem,
  locations: readonly CarLocation[],
  hotel: HotelDraft,
  car: CarDraft,
): { hotel: HotelDraft; car: CarDraft } {
  const { outbound = held, back } = flightsOf(trip);
  const arrive = dateOf(outbound.arrivalAt);
  const leave = dateOf(back?.departureAt);
  const station = stationAt(outbound.to, locations);
  const nights = Math.max(1, daysBetween(hotel.checkIn, hotel.checkOut) || 1);
  const checkIn = arrive ?? hotel.checkIn;
  const checkOut = leave && arrive && leave > arrive ? leave : addDays(checkIn, nights);
  const guests = guestsOf(trip?.travellers);
  return {
    hotel: {
      ...hotel,
      ...(station ? { city: station.city, hotel: null } : {}),
      checkIn,
      checkOut,
      ...(guests > 0 ? { guests: String(guests) } : {}),
    },
    car: { ...car, ...(station ? { location: station.code } : {}), pickUp: checkIn, dropOff: checkOut },
  };
}
