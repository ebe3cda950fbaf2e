'use server';
import { revalidatePath } from 'next/cache';
import { saveInitialAssessment } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { runFormAction } from '@/lib/forms/run-action';
import { SelfAssessmentInput } from '@/lib/initial-assessment/schemas';

export async function saveInitialAssessmentAction(input: unknown) {
  const viewer = await requireRole('apprentice');
  const result = await runFormAction(SelfAssessmentInput, input, async (data) => {
    const saved = await saveInitialAssessment(viewer, data);
    return { rowVersion: saved.rowVersion, submitted: saved.submitted };
  });
  if (result.ok && result.data.submitted) revalidatePath('/apprentice');
  return result;
}
