'use server';
import { revalidatePath } from 'next/cache';
import { markEvidence, overrideEvidenceDecision } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { MarkInput, OverrideInput } from '@/lib/evidence/marking-schemas';
import { runFormAction } from '@/lib/forms/run-action';

export async function markEvidenceAction(input: unknown) {
  const viewer = await requireRole('trainer');
  const result = await runFormAction(MarkInput, input, async (data) => (await markEvidence(viewer, data)).rowVersion);
  // The layout's queue count changes too.
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}

export async function overrideEvidenceAction(input: unknown) {
  const viewer = await requireRole('admin');
  const result = await runFormAction(OverrideInput, input, async (data) => (await overrideEvidenceDecision(viewer, data)).rowVersion);
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}
