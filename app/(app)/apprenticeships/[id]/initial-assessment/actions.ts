'use server';
import { revalidatePath } from 'next/cache';
import { confirmInitialAssessment } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { runFormAction } from '@/lib/forms/run-action';
import { ConfirmAssessmentInput } from '@/lib/initial-assessment/schemas';

export async function confirmInitialAssessmentAction(input: unknown) {
  const viewer = await requireRole('trainer');
  const result = await runFormAction(ConfirmAssessmentInput, input, async (data) => (await confirmInitialAssessment(viewer, data)).rowVersion);
  if (result.ok) revalidatePath('/trainer');
  return result;
}
