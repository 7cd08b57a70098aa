import type { ApiError } from '../api/api-error.ts';
import { formatLongDate } from '../ui/formats.ts';

/**
 * `409 capacity_in_use` in the desk's words, naming the night when the server says which one:
 * removing rooms cannot leave a night with more rooms sold than remain.
 */
export function capacityInUseMessage(error: ApiError, units: 'rooms' | 'cars'): string {
  const date = error.extensions.date;
  const inUse = error.extensions.inUse;
  const when =
    typeof date === 'string'
      ? ` on ${units === 'rooms' ? 'the night of ' : ''}${formatLongDate(date)}${typeof inUse === 'number' ? ` (${inUse} in use)` : ''}`
      : ' on some dates';
  const after =
    typeof date === 'string' ? (units === 'rooms' ? 'after that night' : 'after that day') : 'later';
  return units === 'rooms'
    ? `Those rooms cannot be removed: rooms of this type are held or sold${when}, and fewer would remain. Remove fewer rooms, or try again ${after}.`
    : `That car cannot be removed: cars of this category are held or rented${when}, and fewer would remain. Try again ${after}.`;
}
