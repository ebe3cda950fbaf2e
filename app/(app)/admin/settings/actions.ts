'use server';
import { revalidatePath } from 'next/cache';
import { updateFundingSettings, updateMarkingRules, updateProgressSettings, updateReminderSettings } from '@/lib/dal';
import { FundingSettings } from '@/lib/funding/settings';
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

// issue 20: the funding rules' numbers.
export async function updateFundingSettingsAction(input: unknown) {
  const viewer = await requireRole('admin');
  const result = await runFormAction(FundingSettings, input, async (data) => {
    await updateFundingSettings(viewer, data);
    return null;
  });
  if (result.ok) revalidatePath('/admin/settings');
  return result;
}
