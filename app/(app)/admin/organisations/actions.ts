'use server';
import { revalidatePath } from 'next/cache';
import { createOrganisation, updateOrganisation } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { OrganisationInput, OrganisationUpdate } from '@/lib/admin/schemas';
import { runFormAction } from '@/lib/forms/run-action';

export async function createOrganisationAction(input: unknown) {
  const viewer = await requireRole('admin');
  const result = await runFormAction(OrganisationInput, input, async (data) => (await createOrganisation(viewer, data)).id);
  if (result.ok) revalidatePath('/admin/organisations');
  return result;
}

export async function updateOrganisationAction(input: unknown) {
  const viewer = await requireRole('admin');
  const result = await runFormAction(OrganisationUpdate, input, async (data) => (await updateOrganisation(viewer, data)).version);
  if (result.ok) revalidatePath('/admin/organisations');
  return result;
}
