'use server';
import { revalidatePath } from 'next/cache';
import { reviewOtjEntry } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { runFormAction } from '@/lib/forms/run-action';
import { OtjReview } from '@/lib/otj/schemas';

export async function reviewOtjEntryAction(input: unknown) {
  const viewer = await requireRole('trainer');
  const result = await runFormAction(OtjReview, input, async (data) => (await reviewOtjEntry(viewer, data)).status);
  if (result.ok) revalidatePath('/apprenticeships/[id]/otj', 'page');
  return result;
}
