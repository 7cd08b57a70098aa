import { z } from 'zod';

/**
 * What the admin's lists per hotel, flight or car location share (extras, taxes and fees): a lowercase
 * code per entry, a name people read, and a list replaced whole in which each code appears once.
 */
export const CatalogCodeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'a lowercase code: letters, digits, _ and -');

export const CatalogNameSchema = z.string().trim().min(1).max(80);

/** A list of at most `max` entries, each code at most once (the second one is named at its path). */
export function catalogList<T extends z.ZodType<{ code: string }>>(entry: T, max: number) {
  return z
    .array(entry)
    .max(max)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((e, i) => {
        if (seen.has(e.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `${e.code} twice` });
        seen.add(e.code);
      });
    });
}
