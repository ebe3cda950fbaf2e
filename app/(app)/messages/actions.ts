'use server';
import { revalidatePath } from 'next/cache';
import { editMessage, postMessage } from '@/lib/dal';
import { requireViewer } from '@/lib/dal/session';
import { runFormAction } from '@/lib/forms/run-action';
import { EditMessageInput, PostMessageInput } from '@/lib/conversations/schemas';

export async function postMessageAction(input: unknown) {
  const viewer = await requireViewer();
  const result = await runFormAction(PostMessageInput, input, async (data) => (await postMessage(viewer, data)).id);
  // The navigation's unread count and the Messages page change with every message.
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}

export async function editMessageAction(input: unknown) {
  const viewer = await requireViewer();
  const result = await runFormAction(EditMessageInput, input, async (data) => (await editMessage(viewer, data)).version);
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}
