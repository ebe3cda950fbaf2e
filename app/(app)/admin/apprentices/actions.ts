'use server';
import { revalidatePath } from 'next/cache';
import { assignTrainer, createApprentice, unassignTrainer, updateApprenticeship } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { ApprenticeInput, ApprenticeshipUpdate, AssignmentInput } from '@/lib/admin/schemas';
import { runFormAction } from '@/lib/forms/run-action';

export async function createApprenticeAction(input: unknown) {
  const viewer = await requireRole('admin');
  const result = await runFormAction(ApprenticeInput, input, async (data) => (await createApprentice(viewer, data)).apprenticeshipId);
  if (result.ok) revalidatePath('/admin/apprentices');
  return result;
}

export async function updateApprenticeshipAction(input: unknown) {
  const viewer = await requireRole('admin');
  const result = await runFormAction(ApprenticeshipUpdate, input, async (data) => (await updateApprenticeship(viewer, data)).version);
  if (result.ok) revalidatePath('/admin/apprentices');
  return result;
}

export async function assignTrainerAction(input: unknown) {
  const viewer = await requireRole('admin');
  const result = await runFormAction(AssignmentInput, input, (data) => assignTrainer(viewer, data));
  if (result.ok) revalidatePath('/admin/apprentices');
  return result;
}

export async function unassignTrainerAction(input: unknown) {
  const viewer = await requireRole('admin');
  const result = await runFormAction(AssignmentInput, input, (data) => unassignTrainer(viewer, data));
  if (result.ok) revalidatePath('/admin/apprentices');
  return result;
}
