import type { z } from 'zod';
import { FieldError } from '@/lib/errors';
import { isFieldIssue } from './fields';

/**
 * `schema.parse(input)` for the data access layer, which parses again what an action already checked
 * (it may be called from elsewhere: a route, a script, a test). A refusal in words becomes a FieldError on
 * its field: shown beside the field, a 400 from a route, never a 500. That is the safe-text guard's (an NHS
 * number, a NUL, a lone surrogate: lib/forms/safe-text.ts) first, then a field type's (a date out of its
 * window, '' for a number, 2^40 for a row version: lib/forms/fields.ts), then any other rule written for
 * people (a custom refinement: "the planned end date must be after the start date"). Anything else (a
 * value of the wrong type, which no form sends) throws the ZodError, as before.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues as (z.core.$ZodIssue & { params?: Record<string, unknown> })[];
  const inWords =
    issues.find((i) => i.params?.safeText) ?? issues.find(isFieldIssue) ?? issues.find((i) => i.code === 'custom');
  if (inWords) throw new FieldError(String(inWords.path[0] ?? 'input'), inWords.message);
  throw result.error;
}
