'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { retryJob } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { runFormAction } from '@/lib/forms/run-action';
import { QUEUE_NAMES } from '@/lib/jobs/queue';

const Retry = z.object({ queue: z.enum(QUEUE_NAMES), id: z.uuid() });

/** Queues a failed background job for one more try; the DAL checks the admin again and audits it. */
export async function retryJobAction(input: unknown) {
  const viewer = await requireRole('admin');
  const result = await runFormAction(Retry, input, (data) => retryJob(viewer, data));
  if (result.ok) revalidatePath('/admin/jobs');
  return result;
}
