'use server';
import { revalidatePath } from 'next/cache';
import { updateProgressSettings } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { ProgressSettingsForm } from '@/lib/progress/settings';
import { runFormAction } from '@/lib/forms/run-action';

export async function updateProgressSettingsAction(input: unknown) {
  const viewer = await requireRole('admin');
  const result = await runFormAction(ProgressSettingsForm, input, async (data) => {
    await updateProgressSettings(viewer, data);
    return null;
  });
  if (result.ok) revalidatePath('/admin/settings');
  return result;
}
