'use server';
import { revalidatePath } from 'next/cache';
import { requestWitnessStatement } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { WitnessRequestInput } from '@/lib/evidence/witness-schemas';
import { runFormAction } from '@/lib/forms/run-action';

export async function requestWitnessAction(input: unknown) {
  const viewer = await requireRole('apprentice');
  const result = await runFormAction(WitnessRequestInput, input, async (data) => (await requestWitnessStatement(viewer, data)).id);
  if (result.ok) revalidatePath(`/apprentice/evidence/${(input as { evidenceId: string }).evidenceId}`);
  return result;
}
