import { type CalendarDate } from '@tripdesk/shared';
import { formatStayDate } from '../ui/formats.ts';
/** The tape chart's rows and labels: which lane each stay takes, and what each cell says. */

export interface TapeRoomType {
  readonly id: string;
  readonly name: string;
  readonly roomNumbers: readonly string[];
}

export type TapeStatus = 'confirmed' | 'checked_in' | 'checked_out';

export interface TapeBooking {
  /** The stay (trip item) id. */
  readonly id: string;
  readonly tripId: string;
  readonly guest: string;
  readonly roomTypeId: string;
  /** Rooms given at check-in; empty while the stay waits for its room. */
  readonly roomNumbers: readonly string[];
  /** Rooms booked: what an unassigned stay takes from the type's count. */
  readonly rooms: number;
  readonly checkIn: CalendarDate;
  /** Exclusive: the morning the guest leaves. */
  readonly checkOut: CalendarDate;
  readonly status: TapeStatus;
}

/** A room out of order or out of service over nights `from` ≤ night < `to`: it is not sold then. */
export interface TapeOutOfOrder {
  readonly id: string;
  readonly roomNumber: string;
  readonly from: CalendarDate;
  /** Exclusive: the night the room is back. */
  readonly to: CalendarDate;
  readonly kind: 'out_of_order' | 'out_of_service';
  readonly reason?: string | undefined;
}

export const OUT_OF_ORDER_WORDS: Readonly<Record<TapeOutOfOrder['kind'], string>> = {
  out_of_order: 'Out of order',
  out_of_service: 'Out of service',
};

/** "Out of order: leaking pipe" — the kind, and the reason when there is one. */
export const outOfOrderWords = (p: TapeOutOfOrder) =>
  `${OUT_OF_ORDER_WORDS[p.kind]}${p.reason ? `: ${p.reason}` : ''}`;

export const ROW_HEIGHT = 28;
export const DAY_WIDTH = 44;
export const LABEL_WIDTH = 150;
export const HEADER_HEIGHT = 52;

export type ChartRow =
  | {
      readonly kind: 'type';
      readonly key: string;
      readonly type: TapeRoomType;
      readonly free: readonly number[];
    }
  | {
      readonly kind: 'unassigned';
      readonly key: string;
      readonly type: TapeRoomType;
      readonly lane: number;
      readonly bookings: readonly TapeBooking[];
    }
  | {
      readonly kind: 'room';
      readonly key: string;
      readonly type: TapeRoomType;
      readonly number: string;
      readonly bookings: readonly TapeBooking[];
      /** Periods the room is out of order or out of service. */
      readonly outOfOrder: readonly TapeOutOfOrder[];
    };

/** How a stay's status reads in labels and titles. */
export const STATUS_WORDS: Readonly<Record<TapeStatus, string>> = {
  confirmed: 'expected',
  checked_in: 'in house',
  checked_out: 'checked out',
};

export const covers = (b: TapeBooking, date: CalendarDate) => b.checkIn <= date && date < b.checkOut;
const outOn = (p: TapeOutOfOrder, date: CalendarDate) => p.from <= date && date < p.to;

/** Packs stays without a room into as few lanes as possible, none overlapping in a lane. */
function lanes(bookings: readonly TapeBooking[]): TapeBooking[][] {
  const sorted = [...bookings].sort((a, b) => (a.checkIn < b.checkIn ? -1 : a.checkIn > b.checkIn ? 1 : 0));
  const result: TapeBooking[][] = [];
  for (const booking of sorted) {
    const lane = result.find((l) =>
      l.every((b) => b.checkOut <= booking.checkIn || booking.checkOut <= b.checkIn),
    );
    if (lane) lane.push(booking);
    else result.push([booking]);
  }
  return result;
}

/**
 * Rooms of the type free each night: its rooms less those out of order that night and those the stays
 * in house or expected take. Below zero when more stays are sold than the type has rooms in order
 * (overbooking): the desk must walk someone.
 */
export function freeRooms(
  type: TapeRoomType,
  bookings: readonly TapeBooking[],
  dates: readonly CalendarDate[],
  outOfOrder: readonly TapeOutOfOrder[] = [],
): number[] {
  const live = bookings.filter((b) => b.roomTypeId === type.id && b.status !== 'checked_out');
  const rooms = new Set(type.roomNumbers);
  const out = outOfOrder.filter((p) => rooms.has(p.roomNumber));
  return dates.map(
    (d) =>
      type.roomNumbers.length -
      new Set(out.filter((p) => outOn(p, d)).map((p) => p.roomNumber)).size -
      live.filter((b) => covers(b, d)).reduce((n, b) => n + Math.max(b.rooms, b.roomNumbers.length), 0),
  );
}

/** Nights where a room type has more stays than rooms, by type then date, with how many too many. */
export function overbookedNights(
  roomTypes: readonly TapeRoomType[],
  bookings: readonly TapeBooking[],
  dates: readonly CalendarDate[],
  outOfOrder: readonly TapeOutOfOrder[] = [],
): { type: TapeRoomType; date: CalendarDate; by: number }[] {
  return roomTypes.flatMap((type) =>
    freeRooms(type, bookings, dates, outOfOrder).flatMap((free, i) =>
      free < 0 ? [{ type, date: dates[i]!, by: -free }] : [],
    ),
  );
}

export function chartRows(
  roomTypes: readonly TapeRoomType[],
  bookings: readonly TapeBooking[],
  dates: readonly CalendarDate[],
  outOfOrder: readonly TapeOutOfOrder[] = [],
): ChartRow[] {
  const rows: ChartRow[] = [];
  const outByRoom = new Map<string, TapeOutOfOrder[]>();
  for (const p of outOfOrder) outByRoom.set(p.roomNumber, [...(outByRoom.get(p.roomNumber) ?? []), p]);
  for (const type of roomTypes) {
    const ofType = bookings.filter((b) => b.roomTypeId === type.id);
    const free = freeRooms(type, ofType, dates, outOfOrder);
    rows.push({ kind: 'type', key: `type:${type.id}`, type, free });
    lanes(ofType.filter((b) => b.roomNumbers.length === 0)).forEach((lane, i) =>
      rows.push({ kind: 'unassigned', key: `lane:${type.id}:${i}`, type, lane: i, bookings: lane }),
    );
    const byRoom = new Map<string, TapeBooking[]>();
    for (const b of ofType) for (const n of b.roomNumbers) byRoom.set(n, [...(byRoom.get(n) ?? []), b]);
    for (const number of type.roomNumbers) {
      rows.push({
        kind: 'room',
        key: `room:${number}`,
        type,
        number,
        bookings: byRoom.get(number) ?? [],
        outOfOrder: outByRoom.get(number) ?? [],
      });
    }
  }
  return rows;
}

export function rowLabel(row: ChartRow): string {
  if (row.kind === 'type') return `${row.type.name}, ${row.type.roomNumbers.length} rooms`;
  if (row.kind === 'unassigned') return `${row.type.name}, no room yet`;
  return `Room ${row.number}`;
}

export function cellLabel(row: ChartRow, col: number, date: CalendarDate): string {
  const day = formatStayDate(date);
  if (row.kind === 'type') {
    const free = row.free[col] ?? 0;
    if (free < 0) return `${row.type.name}, ${day}: overbooked by ${-free}`;
    return `${row.type.name}, ${day}: ${free} of ${row.type.roomNumbers.length} free`;
  }
  const booking = row.bookings.find((b) => covers(b, date));
  const where = row.kind === 'room' ? `Room ${row.number}` : `${row.type.name}, no room yet`;
  const out = row.kind === 'room' ? row.outOfOrder.find((p) => outOn(p, date)) : undefined;
  const outWords = out
    ? `${outOfOrderWords(out)}, ${formatStayDate(out.from)} to ${formatStayDate(out.to)}`
    : null;
  if (!booking) return `${where}, ${day}: ${outWords ?? (row.kind === 'room' ? 'free' : 'nothing')}`;
  return `${where}, ${day}: ${booking.guest}, ${STATUS_WORDS[booking.status]}, ${formatStayDate(booking.checkIn)} to ${formatStayDate(booking.checkOut)}${outWords ? `; ${outWords}` : ''}`;
}
