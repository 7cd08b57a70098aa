import type { HotelListQuery } from '@tripdesk/shared';

/** The admin's hotel list filter: the list query's fields, each left out for "any". */
export type HotelFilter = Partial<HotelListQuery>;
