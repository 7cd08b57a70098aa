import { z } from 'zod';
import { CalendarDateSchema, daysBetween, isCalendarDate } from './dates.ts';
import { CustomerSchema, HotelItemSchema } from './trips.ts';
import { IdSchema } from './users.ts';

/**
 * The front desk's day: who arrives, who is in the house, who leaves. Dates are the hotel's own
 * calendar dates (its time zone), never the server's.
 */

/** `GET /api/hotels/{hotelId}/stays?date=` */
export const StaysQuerySchema = z
  .object({
    date: z
      .preprocess((v) => (v === '' ? undefined : v), CalendarDateSchema.optional())
      .meta({ description: 'The hotel’s calendar date; default today in the hotel’s time zone.' }),
  })
  .meta({ id: 'StaysQuery' });
export type StaysQuery = z.infer<typeof StaysQuerySchema>;

/** One stay on the desk's lists: the hotel item with the trip and the guest it belongs to. */
export const StaySchema = z
  .object({
    tripId: IdSchema,
    customer: CustomerSchema,
    item: HotelItemSchema,
  })
  .meta({ id: 'Stay' });
export type Stay = z.infer<typeof StaySchema>;

/** `200` of `GET /api/hotels/{hotelId}/stays`. */
export const StaysSchema = z
  .object({
    hotelId: IdSchema,
    date: CalendarDateSchema,
    arrivals: z.array(StaySchema).meta({
      description: 'Confirmed stays whose checkIn is the date, not checked in yet: who is still expected.',
    }),
    inHouse: z.array(StaySchema).meta({
      description: 'Checked-in stays that are in the house on the night of the date.',
    }),
    departures: z.array(StaySchema).meta({
      description:
        'Checked-in stays whose checkOut is the date, or earlier (overdue): who still has to check out.',
    }),
  })
  .meta({ id: 'Stays' });
export type Stays = z.infer<typeof StaysSchema>;

/** Longest range one `bookings` request may cover: two months, what the room chart shows and more. */
export const MAX_BOOKINGS_DAYS = 62;

/** `GET /api/hotels/{hotelId}/bookings?from=&to=`: `to` exclusive, after `from`, at most 62 days on. */
export const HotelBookingsQuerySchema = z
  .object({
    from: CalendarDateSchema.meta({ description: 'First date of the range (the hotel’s calendar).' }),
    to: CalendarDateSchema.meta({
      description: `Exclusive end of the range: after \`from\`, at most ${MAX_BOOKINGS_DAYS} days on.`,
    }),
  })
  .superRefine((q, ctx) => {
    // Object checks run even when a field already failed; a malformed date was reported there.
    if (!isCalendarDate(q.from) || !isCalendarDate(q.to)) return;
    const days = daysBetween(q.from, q.to);
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    else if (days > MAX_BOOKINGS_DAYS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_BOOKINGS_DAYS} days after from` });
  })
  .meta({ id: 'HotelBookingsQuery' });
export type HotelBookingsQuery = z.infer<typeof HotelBookingsQuerySchema>;

/** `200` of `GET /api/hotels/{hotelId}/bookings`. */
export const HotelBookingsSchema = z
  .object({
    hotelId: IdSchema,
    from: CalendarDateSchema,
    to: CalendarDateSchema,
    stays: z.array(StaySchema).meta({
      description:
        'Confirmed, checked-in and checked-out stays of the hotel with a night in [from, to) ' +
        '(checkIn < to and checkOut > from), by check-in date.',
    }),
  })
  .meta({ id: 'HotelBookings' });
export type HotelBookings = z.infer<typeof HotelBookingsSchema>;

/** `POST /api/trips/{tripId}/items/{itemId}/check-in`; without `roomNumber` the desk assigns a free room. */
export const CheckInRequestSchema = z
  .object({
    roomNumber: z.string().trim().min(1).max(20).optional().meta({
      description: 'A room of the item’s room type, free tonight; omit to let the server pick one.',
    }),
  })
  .prefault({})
  .meta({ id: 'CheckInRequest' });
export type CheckInRequest = z.infer<typeof CheckInRequestSchema>;
