'use server';
import { revalidatePath } from 'next/cache';
import { createCohort, updateCohort } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { CohortInput, CohortUpdate } from '@/lib/admin/schemas';
import { runFormAction } from '@/lib/forms/run-action';

export async function createCohortAction(input: unknown) {
  const viewer = await requireRole('admin');
  const result = await runFormAction(CohortInput, input, async (data) => (await createCohort(viewer, data)).id);
  if (result.ok) revalidatePath('/admin/cohorts');
  return result;
}

export async function updateCohortAction(input: unknown) {
  const viewer = await requireRole('admin');
  const result = await runFormAction(CohortUpdate, input, async (data) => (await updateCohort(viewer, data)).version);
  if (result.ok) revalidatePath('/admin/cohorts');
  return result;
}
