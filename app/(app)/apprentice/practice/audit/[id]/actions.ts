'use server';
import { submitAuditAttempt } from '@/lib/dal';
import { AuditAttemptInput } from '@/lib/dal/audit-practice';
import { requireRole } from '@/lib/dal/session';
import { runFormAction } from '@/lib/forms/run-action';

export async function submitAuditAction(input: unknown) {
  const viewer = await requireRole('apprentice');
  return runFormAction(AuditAttemptInput, input, async (data) => (await submitAuditAttempt(viewer, data)).id);
}
