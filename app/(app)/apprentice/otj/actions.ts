'use server';
import { revalidatePath } from 'next/cache';
import { confirmPracticeTime, createOtjEntry, deleteOtjEntry, updateOtjEntry } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { runFormAction } from '@/lib/forms/run-action';
import { OtjDelete, OtjInput, OtjUpdate, PracticeTimeConfirm } from '@/lib/otj/schemas';

export async function createOtjEntryAction(input: unknown) {
  const viewer = await requireRole('apprentice');
  const result = await runFormAction(OtjInput, input, async (data) => (await createOtjEntry(viewer, data)).id);
  if (result.ok) revalidatePath('/apprentice/otj');
  return result;
}

export async function updateOtjEntryAction(input: unknown) {
  const viewer = await requireRole('apprentice');
  const result = await runFormAction(OtjUpdate, input, async (data) => (await updateOtjEntry(viewer, data)).rowVersion);
  if (result.ok) revalidatePath('/apprentice/otj');
  return result;
}

export async function deleteOtjEntryAction(input: unknown) {
  const viewer = await requireRole('apprentice');
  const result = await runFormAction(OtjDelete, input, async (data) => (await deleteOtjEntry(viewer, data)).id);
  if (result.ok) revalidatePath('/apprentice/otj');
  return result;
}

export async function confirmPracticeTimeAction(input: unknown) {
  const viewer = await requireRole('apprentice');
  const result = await runFormAction(PracticeTimeConfirm, input, async (data) => confirmPracticeTime(viewer, data));
  if (result.ok) revalidatePath('/apprentice/otj');
  return result;
}
