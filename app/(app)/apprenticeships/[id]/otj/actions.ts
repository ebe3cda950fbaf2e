'use server';
import { revalidatePath } from 'next/cache';
import { acceptOtjEntries, reviewOtjEntry } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { runFormAction } from '@/lib/forms/run-action';
import { OtjBulkAccept, OtjReview } from '@/lib/otj/schemas';

export async function reviewOtjEntryAction(input: unknown) {
  const viewer = await requireRole('trainer');
  const result = await runFormAction(OtjReview, input, async (data) => (await reviewOtjEntry(viewer, data)).status);
  if (result.ok) revalidatePath('/apprenticeships/[id]/otj', 'page');
  return result;
}

/** Several entries accepted at once with one comment: all or nothing (the DAL's one transaction). */
export async function acceptOtjEntriesAction(input: unknown) {
  const viewer = await requireRole('trainer');
  const result = await runFormAction(OtjBulkAccept, input, async (data) => (await acceptOtjEntries(viewer, data)).accepted);
  if (result.ok) revalidatePath('/apprenticeships/[id]/otj', 'page');
  return result;
}
