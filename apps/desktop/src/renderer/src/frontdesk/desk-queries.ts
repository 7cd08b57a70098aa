import type { CalendarDate } from '@tripdesk/shared';

export const deskKeys = {
  all: ['frontdesk'] as const,
  stays: (hotelId: string, date: CalendarDate) => ['frontdesk', 'stays', hotelId, date] as const,
  staysOf: (hotelId: string) => ['frontdesk', 'stays', hotelId] as const,
  bookings: (hotelId: string, from: CalendarDate, to: CalendarDate) =>
    ['frontdesk', 'bookings', hotelId, from, to] as const,
  rooms: (hotelId: string, checkIn: CalendarDate, checkOut: CalendarDate, guests: number) =>
    ['frontdesk', 'rooms', hotelId, checkIn, checkOut, guests] as const,
};
