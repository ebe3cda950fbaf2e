import 'server-only';
import { getDb, pgliteClientOf } from '@/db/client';
import { env } from '@/lib/env';
import { openJobQueue, setJobQueue, type JobQueue } from '@/lib/jobs';
import { submitAttemptAtDeadline, submitOverdueAttempts } from './assessment-marking';
import { failNotificationEmail, sendDigests, sendNotificationEmail, sweepPendingEmails } from './notification-mail';
import { failGatewayPack, runGatewayPack } from './gateway-pack';
import { failPortfolioExport, removeExpiredPortfolioExports, runPortfolioExport } from './portfolio-export';
import { runReminders } from './reminders';

/**
 * What the worker does for each queue (lib/jobs/queue.ts lists them). Every handler is idempotent: it
 * may run again after a crash, a stop or a retry, and twice at once on two instances.
 */
export async function registerJobHandlers(queue: JobQueue) {
  await queue.work('portfolio-export', ({ exportId }, job) => runPortfolioExport(exportId, job), {
    // Its last try died with its process: the export would otherwise show "running" for ever.
    onAbandoned: ({ exportId }, reason) => failPortfolioExport(exportId, `The export stopped: ${reason}.`),
  });
  // issue 20: gateway pack.
  await queue.work('gateway-pack', ({ packId }, job) => runGatewayPack(packId, job), {
    onAbandoned: ({ packId }, reason) => failGatewayPack(packId, `The build stopped: ${reason}.`),
  });
  await queue.work('portfolio-export-cleanup', async () => {
    await removeExpiredPortfolioExports();
  });
  await queue.work('assessment-deadline', async ({ attemptId }) => {
    const db = await getDb();
    const { notBefore } = await submitAttemptAtDeadline(db, attemptId);
    // Not yet due (a job run early): wait for the deadline again.
    if (notBefore) await queue.send('assessment-deadline', { attemptId }, { startAfter: notBefore, singletonKey: attemptId });
  });
  // The safety sweep: papers whose own job never came (sent by a process that died just then, started
  // before jobs existed, or seeded), submitted within the minute. A read of an overdue paper submits it too.
  await queue.work('assessment-deadline-sweep', async () => {
    await submitOverdueAttempts(await getDb());
  });
  // Idempotent by each notification's key: a retry or a second instance's run sends nothing twice.
  await queue.work('reminders', async () => {
    await runReminders(new Date());
  });
  // Notification email: a throw (the mail server down, a refusal) is tried again; the last failure marks it failed.
  await queue.work(
    'notification-email',
    async ({ notificationId }, job) => {
      await sendNotificationEmail(notificationId, job);
    },
    // Its last try died with its process: the email would otherwise show as waiting for ever.
    { onAbandoned: ({ notificationId }) => failNotificationEmail(notificationId) },
  );
  await queue.work('notification-digest', async () => {
    await sendDigests();
  });
  // The safety sweep: emails whose own job never came (the process died between the commit and the send).
  await queue.work('notification-email-sweep', async () => {
    await sweepPendingEmails();
  });
}

/**
 * Opens this process's queue as a worker (maintenance and schedules too), runs every handler, and makes
 * it the queue the app sends through. `npm start` does this in the web process (instrumentation-node.ts)
 * unless WORKER=off; `npm run worker` (scripts/worker.ts) in a process of its own.
 */
export async function startWorker(): Promise<JobQueue> {
  const db = await getDb();
  const pglite = pgliteClientOf(db);
  const opening = openJobQueue(env.DATABASE_URL || !pglite ? { url: env.DATABASE_URL! } : { pglite }, { supervise: true });
  setJobQueue(opening);
  const queue = await opening;
  // On the embedded database this is the only process, so a job marked running was cut off by the last exit.
  if (pglite && !env.DATABASE_URL) await queue.recoverInterrupted();
  await registerJobHandlers(queue);
  return queue;
}
