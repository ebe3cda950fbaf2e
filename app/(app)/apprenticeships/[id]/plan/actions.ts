'use server';
import { revalidatePath } from 'next/cache';
import { changeTrainingPlan, draftTrainingPlan, signTrainingPlan, updateTrainingPlan } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { runFormAction } from '@/lib/forms/run-action';
import { PlanChangeInput, PlanDraftInput, PlanEditInput, PlanSignInput } from '@/lib/training-plan/schemas';

// issue 20: training plan. Each action re-checks who asks; the data access layer decides what they may reach.
export async function draftPlanAction(input: unknown) {
  const viewer = await requireRole('trainer');
  const result = await runFormAction(PlanDraftInput, input, async (data) => (await draftTrainingPlan(viewer, data)).version);
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}

export async function updatePlanAction(input: unknown) {
  const viewer = await requireRole('trainer');
  const result = await runFormAction(PlanEditInput, input, async (data) => (await updateTrainingPlan(viewer, data)).rowVersion);
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}

export async function signPlanAction(input: unknown) {
  const viewer = await requireRole('apprentice', 'employer', 'trainer');
  const result = await runFormAction(PlanSignInput, input, async (data) => (await signTrainingPlan(viewer, data)).final);
  // Home pages list plans to sign.
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}

export async function changePlanAction(input: unknown) {
  const viewer = await requireRole('trainer');
  const result = await runFormAction(PlanChangeInput, input, async (data) => (await changeTrainingPlan(viewer, data)).version);
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}
