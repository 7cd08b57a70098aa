import { z } from 'zod';
import { InstantSchema } from './dates.ts';
import { MoneySchema } from './money.ts';

// Its own module: trips (sold items) and availability (offers) both carry it, and trips imports availability.

/**
 * The cancellation terms as they were when the item was sold. A snapshot, so that a later change
 * of the hotel's or airline's terms never changes what this customer is refunded.
 */
export const CancellationPolicySchema = z
  .object({
    refundable: z.boolean().meta({ description: 'False: nothing is refunded once paid.' }),
    freeUntil: InstantSchema.optional().meta({
      description: 'Cancelled before this instant: refunded in full.',
    }),
    fee: MoneySchema.optional().meta({
      description: 'Kept when cancelled after freeUntil; absent: the whole price is kept.',
    }),
    description: z.string().optional().meta({ description: 'The terms in words, as shown to the customer.' }),
  })
  .meta({ id: 'CancellationPolicy' });
export type CancellationPolicy = z.infer<typeof CancellationPolicySchema>;
