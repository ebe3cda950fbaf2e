'use server';
import { revalidatePath } from 'next/cache';
import { createEvidenceFromPractice } from '@/lib/dal';
import { PracticeEvidenceInput } from '@/lib/evidence/schemas';
import { requireRole } from '@/lib/dal/session';
import { runFormAction } from '@/lib/forms/run-action';

export async function practiceToEvidenceAction(input: unknown) {
  const viewer = await requireRole('apprentice');
  const result = await runFormAction(PracticeEvidenceInput, input, (data) => createEvidenceFromPractice(viewer, data));
  if (result.ok) revalidatePath('/apprentice/evidence');
  return result;
}
