'use server';
import { revalidatePath } from 'next/cache';
import { confirmGateway, recordProgressReview, signProgressReview } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { runFormAction } from '@/lib/forms/run-action';
import { GatewayConfirmInput, ReviewInput, ReviewSignInput } from '@/lib/reviews/schemas';

export async function recordReviewAction(input: unknown) {
  const viewer = await requireRole('trainer');
  const result = await runFormAction(ReviewInput, input, async (data) => (await recordProgressReview(viewer, data)).id);
  // Home pages list reviews due and to sign; the progress pages show the next review date.
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}

export async function signReviewAction(input: unknown) {
  const viewer = await requireRole('apprentice', 'employer');
  const result = await runFormAction(ReviewSignInput, input, async (data) => (await signProgressReview(viewer, data)).final);
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}

export async function confirmGatewayAction(input: unknown) {
  const viewer = await requireRole('apprentice', 'trainer', 'employer');
  const result = await runFormAction(GatewayConfirmInput, input, async (data) => (await confirmGateway(viewer, data)).role);
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}
