import type { TripStatus } from '@tripdesk/shared';
import { ApiError } from '../api/api-error.ts';

/** The trips screen's filters, as the clerk set them; empty means "any". */
export interface TripFilters {
  readonly status: TripStatus | '';
  readonly q: string;
}

/**
 * True when the server has no such route at all (an older server), as opposed to no such trip: the
 * server's catch-all says "There is no GET /… in this API."
 */
export function isMissingRoute(error: unknown): boolean {
  return (
    error instanceof ApiError && error.code === 'not_found' && /^There is no [A-Z]+ \//.test(error.detail)
  );
}
