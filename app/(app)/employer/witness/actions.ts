'use server';
import { revalidatePath } from 'next/cache';
import { signWitnessStatement } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { WitnessSignInput } from '@/lib/evidence/witness-schemas';
import { runFormAction } from '@/lib/forms/run-action';

export async function signWitnessAction(input: unknown) {
  const viewer = await requireRole('employer');
  const result = await runFormAction(WitnessSignInput, input, async (data) => (await signWitnessStatement(viewer, data)).rowVersion);
  if (result.ok) revalidatePath('/employer', 'layout');
  return result;
}
