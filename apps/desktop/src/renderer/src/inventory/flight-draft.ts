import type { ApiError } from '../api/api-error.ts';
import { placeFieldErrors } from '../ui/form-field.tsx';
import { parseSeatLetters, parseSeatRows, seatsOf } from './seat-rows.ts';

export interface FareClassDraft {
  readonly key: number;
  code: string;
  name: string;
  amount: string;
  currency: string;
  rows: string;
  letters: string;
}

type FlightField = 'flightNumber' | 'from' | 'to' | 'departureAt' | 'arrivalAt' | 'fareClasses';
/** `flightNumber`, …, or a fare class's own field: `fc0.code`, `fc1.seats`. */
export type FieldKey = FlightField | `fc${number}.${'code' | 'name' | 'price' | 'seats'}`;

export const FALLBACK: Record<string, string> = {
  flightNumber: 'Enter an airline code and a number, e.g. BA117.',
  from: 'Pick the departure airport from the list: type its code or city, e.g. Rome.',
  to: 'Pick the arrival airport from the list: type its code or city, e.g. New York.',
  departureAt: 'Enter the departure date and local time.',
  arrivalAt: 'Enter the arrival date and local time.',
  fareClasses: 'Add at least one fare class.',
  code: 'Enter a short code such as Y or J.',
  name: 'Enter the fare class’s name, e.g. Economy.',
  price: 'Enter the price of one seat.',
  seats: 'Enter the rows and letters of this class’s seats.',
};
const fallbackOf = (key: string) => FALLBACK[key.split('.').at(-1) ?? key] ?? 'Check this field.';

export const FLIGHT_NUMBER = /^[A-Z0-9]{2,3}\d{1,4}[A-Z]?$/;

export function placeFlightErrors(error: ApiError | null) {
  return placeFieldErrors<FieldKey>(
    error,
    (path) => {
      const [head, index, field] = path.split('.');
      if (head === 'fareClasses' && index !== undefined && /^\d+$/.test(index)) {
        if (field === 'code' || field === 'name' || field === 'seats') return `fc${Number(index)}.${field}`;
        if (field === 'price') return `fc${Number(index)}.price`;
        return 'fareClasses';
      }
      const fields: readonly string[] = [
        'flightNumber',
        'from',
        'to',
        'departureAt',
        'arrivalAt',
        'fareClasses',
      ];
      return head !== undefined && fields.includes(head) ? (head as FlightField) : null;
    },
    fallbackOf,
  );
}

/** The seats a draft describes, or the words for what is wrong with its rows or letters. */
export function draftSeats(draft: FareClassDraft): string[] | string {
  const rows = parseSeatRows(draft.rows);
  if (!rows.ok) return rows.error;
  const letters = parseSeatLetters(draft.letters);
  if (!letters.ok) return letters.error;
  return seatsOf(rows.value, letters.value);
}

let nextKey = 1;
export const newDraft = (code: string, name: string, rows: string, letters: string): FareClassDraft => ({
  key: nextKey++,
  code,
  name,
  amount: '',
  currency: 'USD',
  rows,
  letters,
});
