'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createEvidence, submitEvidence, updateEvidence } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { EvidenceInput, EvidenceUpdate } from '@/lib/evidence/schemas';
import { runFormAction } from '@/lib/forms/run-action';

export async function createEvidenceAction(input: unknown) {
  const viewer = await requireRole('apprentice');
  const result = await runFormAction(EvidenceInput, input, async (data) => (await createEvidence(viewer, data)).id);
  if (result.ok) revalidatePath('/apprentice/evidence');
  return result;
}

export async function updateEvidenceAction(input: unknown) {
  const viewer = await requireRole('apprentice');
  const result = await runFormAction(EvidenceUpdate, input, async (data) => (await updateEvidence(viewer, data)).rowVersion);
  if (result.ok) revalidatePath('/apprentice/evidence');
  return result;
}

export async function submitEvidenceAction(input: unknown) {
  const viewer = await requireRole('apprentice');
  const result = await runFormAction(z.object({ id: z.uuid(), rowVersion: z.number().int() }), input, (data) => submitEvidence(viewer, data));
  if (result.ok) revalidatePath('/apprentice/evidence');
  return result;
}
