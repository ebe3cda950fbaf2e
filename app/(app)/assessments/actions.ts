'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { markWrittenAnswer, scheduleSitting, setExtraTime, startAssessment, submitAssessment, uploadBlueprint } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { runFormAction } from '@/lib/forms/run-action';
import { ExtraTimeInput, SittingInput, StartRequest, WrittenMarkInput } from '@/lib/assessments/schemas';
import { AppError } from '@/lib/errors';
import { safeText } from '@/lib/forms/safe-text';

/** A plain form post from the confirmation page (no script needed): start or resume a paper, then open it in exam mode. */
export async function startAssessmentAction(formData: FormData) {
  const viewer = await requireRole('apprentice');
  // An action is a public endpoint: anything may arrive, not only the form's FormData (a 500 before).
  if (!(formData instanceof FormData)) redirect(`/apprentice/assessments?problem=${encodeURIComponent('That request could not be read. Choose the paper again.')}`);
  const sittingId = formData.get('sittingId');
  const which = sittingId ? { sittingId: String(sittingId) } : { blueprintKey: String(formData.get('blueprintKey') ?? '') };
  let id: string;
  try {
    // Empty, a NUL in the key, a sitting id that is not one, no confirmation: a message, not a 500 (and no start).
    const parsed = StartRequest.safeParse({ ...which, confirm: String(formData.get('confirm') ?? '') });
    if (!parsed.success) throw new AppError('invalid', parsed.error.issues[0]?.message ?? 'Choose the paper again.');
    id = (await startAssessment(viewer, which)).id;
  } catch (e) {
    if (e instanceof AppError) redirect(`/apprentice/assessments?problem=${encodeURIComponent(e.userMessage)}`);
    throw e;
  }
  redirect(`/assessments/${id}/sit`);
}

export async function submitAssessmentAction(id: string) {
  const viewer = await requireRole('apprentice');
  const result = await runFormAction(z.uuid(), id, async () => (await submitAssessment(viewer, id)).status);
  revalidatePath('/', 'layout');
  return result;
}

export async function scheduleSittingAction(input: unknown) {
  const viewer = await requireRole('trainer', 'admin');
  const result = await runFormAction(SittingInput, input, async (data) => (await scheduleSitting(viewer, data)).id);
  if (result.ok) revalidatePath('/trainer/assessments');
  return result;
}

export async function markWrittenAction(input: unknown) {
  const viewer = await requireRole('trainer');
  const result = await runFormAction(WrittenMarkInput, input, async (data) => (await markWrittenAnswer(viewer, data)).grade ?? 'pending');
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}

export async function setExtraTimeAction(input: unknown) {
  const viewer = await requireRole('trainer', 'admin');
  const result = await runFormAction(ExtraTimeInput, input, async (data) => (await setExtraTime(viewer, data)).version);
  if (result.ok) revalidatePath('/apprenticeships');
  return result;
}

const BlueprintUpload = z.object({ definition: safeText({ label: 'blueprint', max: 200_000, maxMessage: 'A blueprint is at most 200,000 characters.' }).min(2, 'Paste the blueprint’s JSON or choose a file.') });
export async function uploadBlueprintAction(input: unknown) {
  const viewer = await requireRole('trainer', 'admin');
  const result = await runFormAction(BlueprintUpload, input, async (data) => {
    const r = await uploadBlueprint(viewer, data);
    return `${r.key} version ${r.version}`;
  });
  if (result.ok) revalidatePath('/assessments/blueprints');
  return result;
}
