'use server';
import { revalidatePath } from 'next/cache';
import { activateEdition, remarkAttempts } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { AppError } from '@/lib/errors';

export type ActionAnswer = { ok: true; message: string } | { ok: false; message: string };

export async function activateEditionAction(id: unknown, expectedEffects: unknown): Promise<ActionAnswer> {
  const viewer = await requireRole('admin');
  if (typeof id !== 'string' || typeof expectedEffects !== 'number' || !Number.isInteger(expectedEffects) || expectedEffects < 0) return { ok: false, message: 'That request could not be read. Reload the page and try again.' };
  try {
    const report = await activateEdition(viewer, id, expectedEffects);
    revalidatePath('/admin/classifications');
    return { ok: true, message: `${report.edition.name} is now the active ${report.edition.scheme === 'icd10' ? 'ICD-10' : 'OPCS-4'} edition. New marks use it; stored marks are unchanged.` };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, message: e.userMessage };
    throw e;
  }
}

export async function remarkAttemptsAction(): Promise<ActionAnswer> {
  const viewer = await requireRole('admin');
  try {
    const r = await remarkAttempts(viewer);
    revalidatePath('/admin/classifications');
    const skipped = r.skipped.length ? ` ${r.skipped.length} case${r.skipped.length === 1 ? '' : 's'} could not be re-marked because ${r.skipped.length === 1 ? 'its key is' : 'their keys are'} not complete in the active editions: ${r.skipped.map((s) => s.caseId).join(', ')}.` : '';
    return { ok: true, message: `Re-marked ${r.remarked.toLocaleString('en-GB')} attempt${r.remarked === 1 ? '' : 's'}; each keeps its original mark beside the new one.${skipped}` };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, message: e.userMessage };
    throw e;
  }
}
