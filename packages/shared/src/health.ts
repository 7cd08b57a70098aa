import { z } from 'zod';

export const StoreNameSchema = z.enum(['users', 'hotels', 'flights', 'cars', 'payments']);
export type StoreName = z.infer<typeof StoreNameSchema>;
export const STORE_NAMES = StoreNameSchema.options;

const StoreStatus = z.string().meta({ description: '`ok`, or the error that store reports.' });

export const HealthResponseSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    stores: z.object({
      users: StoreStatus,
      hotels: StoreStatus,
      flights: StoreStatus,
      cars: StoreStatus,
      payments: StoreStatus,
    }),
    version: z.string().optional(),
  })
  .meta({ id: 'Health' });
export type HealthResponse = z.infer<typeof HealthResponseSchema>;
