import type { z } from 'zod';
import { FieldError } from '@/lib/errors';

/**
 * `schema.parse(input)` for the data access layer, which parses again what an action already checked
 * (it may be called from elsewhere). A refusal by the safe-text guard (an NHS number, a NUL, a lone
 * surrogate: lib/forms/safe-text.ts) becomes a FieldError on that field, as the layer's own
 * patient-identifier checks always were: shown beside the field, a 400 from a route, never a 500.
 * Any other invalid input throws the ZodError, as before.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const guarded = result.error.issues.find((i) => (i as { params?: { safeText?: boolean } }).params?.safeText);
  if (guarded) throw new FieldError(String(guarded.path[0] ?? 'input'), guarded.message);
  throw result.error;
}
