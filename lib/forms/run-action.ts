import 'server-only';
import { z } from 'zod';
import { AppError, FieldError } from '@/lib/errors';
import type { FormResult } from './result';

/**
 * The body of every form action: validate with the same zod schema as the browser, run the
 * data-access call, and turn expected refusals into messages. Anything unexpected is logged and
 * rethrown, so the error page shows a plain sentence, never a stack trace.
 */
export async function runFormAction<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  work: (data: z.input<S>) => Promise<T>,
): Promise<FormResult<T>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]> };
  try {
    // The DAL parses again (it may be called from elsewhere), so pass what was typed.
    return { ok: true, data: await work(input as z.input<S>) };
  } catch (e) {
    if (e instanceof FieldError) return { ok: false, fieldErrors: { [e.field]: [e.userMessage] } };
    if (e instanceof AppError) return { ok: false, message: e.userMessage };
    throw e;
  }
}
