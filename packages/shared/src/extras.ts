import { z } from 'zod';
import { CatalogCodeSchema, CatalogNameSchema, catalogList } from './catalog-lists.ts';
import { PriceSchema } from './money.ts';
import type { ItemType } from './state-machines.ts';

/**
 * The extras catalogue (extension): what a hotel, a flight or a car location sells beside the item, as
 * its admin set it, else the built-in list. A request names an extra by code; the server prices it.
 */

/** What one unit of an extra is counted over. */
export const ExtraBasisSchema = z.enum(['stay', 'night', 'person', 'person-night', 'day']).meta({
  id: 'ExtraBasis',
  description:
    'One unit is: `stay` once per room (hotel), per booking (flight) or per rental (car); `night` per ' +
    'room per night; `person` per guest or passenger; `person-night` per guest per night; `day` per ' +
    'rental day.',
});
export type ExtraBasis = z.infer<typeof ExtraBasisSchema>;

/** The bases each item type's extras may be priced on. */
export const EXTRA_BASES: Readonly<Record<ItemType, readonly ExtraBasis[]>> = {
  hotel: ['stay', 'night', 'person', 'person-night'],
  flight: ['person', 'stay'],
  car: ['day', 'stay'],
};

/** The most of one extra any hold may ask for, whatever the limit set. */
export const MAX_EXTRA_QUANTITY = 20;

export const ExtraOfferSchema = z
  .object({
    code: CatalogCodeSchema,
    name: CatalogNameSchema,
    basis: ExtraBasisSchema,
    price: PriceSchema,
    maxQuantity: z
      .int()
      .min(1)
      .max(MAX_EXTRA_QUANTITY)
      .optional()
      .meta({
        description:
          'For `stay` (flight, car), `day` and `night` extras: how many one hold may take (default 1; a ' +
          'hotel `stay` or `night` extra is at most one per room). Per-person extras are bounded by the people.',
      }),
  })
  .meta({ id: 'ExtraOffer' });
export type ExtraOffer = z.infer<typeof ExtraOfferSchema>;

export const ExtrasCatalogSchema = z
  .object({
    custom: z
      .boolean()
      .meta({ description: 'False: the built-in list, as every new hotel, flight or location gets.' }),
    items: z.array(ExtraOfferSchema),
  })
  .meta({ id: 'ExtrasCatalog' });
export type ExtrasCatalog = z.infer<typeof ExtrasCatalogSchema>;

export const SetExtrasCatalogRequestSchema = z
  .object({
    items: catalogList(ExtraOfferSchema, 20),
  })
  .meta({ id: 'SetExtrasCatalogRequest' });
export type SetExtrasCatalogRequest = z.infer<typeof SetExtrasCatalogRequestSchema>;
