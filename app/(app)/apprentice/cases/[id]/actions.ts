'use server';
import { submitAttempt } from '@/lib/dal';
import { AttemptInput } from '@/lib/dal/coding';
import { requireRole } from '@/lib/dal/session';
import { runFormAction } from '@/lib/forms/run-action';

export async function submitAttemptAction(input: unknown) {
  const viewer = await requireRole('apprentice');
  return runFormAction(AttemptInput, input, async (data) => (await submitAttempt(viewer, data)).id);
}
