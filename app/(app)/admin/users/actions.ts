'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { rowVersion } from '@/lib/forms/fields';
import { createUser, setUserActive, unlockUser, updateUser } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { UserInput, UserUpdate } from '@/lib/admin/schemas';
import { runFormAction } from '@/lib/forms/run-action';

export async function createUserAction(input: unknown) {
  const viewer = await requireRole('admin');
  const result = await runFormAction(UserInput, input, async (data) => (await createUser(viewer, data)).id);
  if (result.ok) revalidatePath('/admin/users');
  return result;
}

export async function updateUserAction(input: unknown) {
  const viewer = await requireRole('admin');
  const result = await runFormAction(UserUpdate, input, async (data) => (await updateUser(viewer, data)).version);
  if (result.ok) revalidatePath('/admin/users');
  return result;
}

const SetActive = z.object({ id: z.uuid(), active: z.boolean(), version: rowVersion() });

export async function setUserActiveAction(input: unknown) {
  const viewer = await requireRole('admin');
  const result = await runFormAction(SetActive, input, (data) => setUserActive(viewer, data));
  if (result.ok) revalidatePath('/admin/users');
  return result;
}

const Unlock = z.object({ id: z.uuid() });

/** Lifts the sign-in throttle on a user's email (their failed sign-ins are forgotten); audited in the DAL. */
export async function unlockUserAction(input: unknown) {
  const viewer = await requireRole('admin');
  const result = await runFormAction(Unlock, input, (data) => unlockUser(viewer, data));
  if (result.ok) revalidatePath('/admin/users');
  return result;
}
