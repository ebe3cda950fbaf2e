'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { rowVersion } from '@/lib/forms/fields';
import { createEvidence, submitEvidence, updateEvidence } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { EvidenceInput, EvidenceUpdate } from '@/lib/evidence/schemas';
import { runFormAction } from '@/lib/forms/run-action';

export async function createEvidenceAction(input: unknown) {
  const viewer = await requireRole('apprentice');
  // No revalidatePath here or on update: drafts save automatically while the apprentice types, and a
  // revalidation would re-render the page under them. Dynamic pages are fetched fresh on navigation.
  return runFormAction(EvidenceInput, input, async (data) => (await createEvidence(viewer, data)).id);
}

export async function updateEvidenceAction(input: unknown) {
  const viewer = await requireRole('apprentice');
  return runFormAction(EvidenceUpdate, input, async (data) => (await updateEvidence(viewer, data)).rowVersion);
}

export async function submitEvidenceAction(input: unknown) {
  const viewer = await requireRole('apprentice');
  const result = await runFormAction(z.object({ id: z.uuid(), rowVersion: rowVersion() }), input, (data) => submitEvidence(viewer, data));
  if (result.ok) revalidatePath('/apprentice/evidence');
  return result;
}
