import type { z } from 'zod';
import type { FieldError } from '@tripdesk/shared';
import { validationFailed } from '../errors.ts';

type Part = 'body' | 'query' | 'params' | 'headers';

/** Issues of a zod error as API.md's `errors: [{ path, message }]`, paths prefixed by the request part. */
export function fieldErrors(error: z.ZodError, part: Part): FieldError[] {
  return error.issues.map((issue) => ({
    path: [part, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

/** Parses a part of the request with its shared schema; unknown fields are stripped by the schema. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, part: Part): z.output<S> {
  const result = schema.safeParse(value ?? (part === 'body' ? undefined : {}));
  if (result.success) return result.data;
  const errors = fieldErrors(result.error, part);
  const first = errors[0];
  const detail =
    value === undefined && part === 'body'
      ? 'The request needs a JSON body.'
      : `${errors.length} problem${errors.length === 1 ? '' : 's'} with the ${part}${first ? `: ${first.path} ${first.message}` : ''}.`;
  throw validationFailed(detail, errors);
}
