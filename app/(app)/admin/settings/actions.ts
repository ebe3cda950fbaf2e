'use server';
import { revalidatePath } from 'next/cache';
import { updateMarkingRules, updateProgressSettings, updateReminderSettings } from '@/lib/dal';
import { ReminderSettings } from '@/lib/reminders/settings';
import { MarkingRulesForm, rulesFromForm } from '@/lib/coding/marking-rules-form';
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

export async function updateMarkingRulesAction(input: unknown) {
  const viewer = await requireRole('admin');
  const result = await runFormAction(MarkingRulesForm, input, async (data) => {
    await updateMarkingRules(viewer, rulesFromForm(MarkingRulesForm.parse(data)));
    return null;
  });
  if (result.ok) revalidatePath('/admin/settings');
  return result;
}

export async function updateReminderSettingsAction(input: unknown) {
  const viewer = await requireRole('admin');
  const result = await runFormAction(ReminderSettings, input, async (data) => {
    await updateReminderSettings(viewer, data);
    return null;
  });
  if (result.ok) revalidatePath('/admin/settings');
  return result;
}
