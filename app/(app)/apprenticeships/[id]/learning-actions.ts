'use server';
import { revalidatePath } from 'next/cache';
import { endLearningBreak, recordOutcome, startLearningBreak } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { runFormAction } from '@/lib/forms/run-action';
import { BreakEndInput, BreakStartInput, OutcomeInput } from '@/lib/funding/schemas';

// issue 20: breaks in learning, withdrawal and completion, recorded by the assigned trainer or an admin.

export async function startLearningBreakAction(input: unknown) {
  const viewer = await requireRole('trainer', 'admin');
  const result = await runFormAction(BreakStartInput, input, async (data) => (await startLearningBreak(viewer, data)).version);
  if (result.ok) revalidatePath('/apprenticeships');
  return result;
}

export async function endLearningBreakAction(input: unknown) {
  const viewer = await requireRole('trainer', 'admin');
  const result = await runFormAction(BreakEndInput, input, async (data) => (await endLearningBreak(viewer, data)).version);
  if (result.ok) revalidatePath('/apprenticeships');
  return result;
}

export async function recordOutcomeAction(input: unknown) {
  const viewer = await requireRole('trainer', 'admin');
  const result = await runFormAction(OutcomeInput, input, async (data) => (await recordOutcome(viewer, data)).version);
  if (result.ok) revalidatePath('/apprenticeships');
  return result;
}
