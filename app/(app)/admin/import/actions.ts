'use server';
import { revalidatePath } from 'next/cache';
import { importApprentices, type ImportResult } from '@/lib/dal/import';
import { requireRole } from '@/lib/dal/session';

const MAX_BYTES = 512 * 1024;

export async function importApprenticesAction(csvText: unknown): Promise<ImportResult> {
  const viewer = await requireRole('admin');
  if (typeof csvText !== 'string' || csvText.trim() === '')
    return { ok: false, problems: [{ line: 1, column: null, message: 'Choose a CSV file with a header row and one apprentice per line.' }] };
  if (csvText.length > MAX_BYTES) return { ok: false, problems: [{ line: 1, column: null, message: 'The file is larger than 512 KB. Split it into smaller files.' }] };
  const result = await importApprentices(viewer, csvText);
  if (result.ok) revalidatePath('/admin/apprentices');
  return result;
}
