'use server';
import { revalidatePath } from 'next/cache';
import { markAllNotificationsRead, updateNotificationPreferences } from '@/lib/dal';
import { requireViewer } from '@/lib/dal/session';
import { runFormAction } from '@/lib/forms/run-action';
import { PreferencesForm } from '@/lib/notifications/preferences';

export async function markAllReadAction() {
  const viewer = await requireViewer();
  await markAllNotificationsRead(viewer);
  // The bell in the layout counts them too.
  revalidatePath('/', 'layout');
}

export async function updatePreferencesAction(input: unknown) {
  const viewer = await requireViewer();
  const result = await runFormAction(PreferencesForm, input, async (data) => {
    await updateNotificationPreferences(viewer, data);
    return null;
  });
  if (result.ok) revalidatePath('/notifications/settings');
  return result;
}
