import { changeItemRequestSchemaFor } from '@tripdesk/shared';
import type { ChangesService } from '../../after-sale/changes.ts';
import type { Handlers } from '../mount.ts';

/**
 * Changing a sold item (extension): agents, admins, and a front desk for its own hotel's stays. Money may
 * move either way, so the table requires an Idempotency-Key, as paying does; the body takes the payment
 * method names of the configured gateway.
 */
export function changeHandlers(changes: ChangesService, gateway: 'local' | 'stripe') {
  return {
    changeTripItem: {
      body: changeItemRequestSchemaFor(gateway),
      handle: ({ user, params, body, idempotencyKey }) =>
        changes.change(user, params.tripId, params.itemId, body, idempotencyKey!),
    },
  } satisfies Handlers<'changeTripItem'>;
}
