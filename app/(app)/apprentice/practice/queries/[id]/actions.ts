'use server';
import { submitQueryAttempt } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { runFormAction } from '@/lib/forms/run-action';
import { QueryAttemptInput } from '@/lib/query-practice/schemas';

export async function submitQueryAttemptAction(input: unknown) {
  const viewer = await requireRole('apprentice');
  return runFormAction(QueryAttemptInput, input, async (data) => ({ id: (await submitQueryAttempt(viewer, data)).id }));
}
