/** The admin's hotel list filter: the list query's fields, each left out for "any". */
export interface HotelFilter {
  readonly city?: string;
  readonly q?: string;
  readonly limit?: number;
  readonly offset?: number;
  /** "Show retired": the list's `includeRetired=true`. */
  readonly includeRetired?: 'true';
}
