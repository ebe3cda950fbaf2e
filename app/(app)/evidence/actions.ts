'use server';
import { revalidatePath } from 'next/cache';
import { getNextToMark, markEvidence, overrideEvidenceDecision } from '@/lib/dal';
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

/** "Save and next": the same decision, then the next piece waiting in the queue (null: the queue is empty). */
export async function markEvidenceAndNextAction(input: unknown) {
  const viewer = await requireRole('trainer');
  const result = await runFormAction(MarkInput, input, async (data) => {
    const { rowVersion } = await markEvidence(viewer, data);
    return { rowVersion, next: await getNextToMark(viewer, data.id) };
  });
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}

export async function overrideEvidenceAction(input: unknown) {
  const viewer = await requireRole('admin');
  const result = await runFormAction(OverrideInput, input, async (data) => (await overrideEvidenceDecision(viewer, data)).rowVersion);
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}
