'use server';
import { revalidatePath } from 'next/cache';
import { markQueryAttempt } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { runFormAction } from '@/lib/forms/run-action';
import { QueryMarkInput } from '@/lib/query-practice/schemas';

export async function markQueryAttemptAction(input: unknown) {
  const viewer = await requireRole('trainer', 'admin');
  const result = await runFormAction(QueryMarkInput, input, async (data) => (await markQueryAttempt(viewer, data)).rowVersion);
  if (result.ok) revalidatePath('/trainer/queries');
  return result;
}
