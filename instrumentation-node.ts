import { env, dataDir, exportToProcessEnv } from '@/lib/env';
import { MissingSharedSettingError, missingSharedSettings, resolveSharedSetting } from '@/lib/instance/shared-settings';
import { DatabaseInUseError } from '@/db/lock';
import { getDb } from '@/db/client';
import { startWorker } from '@/lib/dal/background-jobs';
import type { JobQueue } from '@/lib/jobs';

/**
 * On SIGTERM (a deploy, a scale-down) `next start` stops taking connections, lets the requests in flight
 * finish, then calls process.exit. Jobs running in this process get the same courtesy: they may finish
 * for up to 10 s, and any still running then are handed back to the queue at once (retried by another
 * process) rather than left to be noticed by their heartbeat. Next.js offers no hook between draining
 * and exiting, so its exit waits for ours here.
 */
function finishJobsBeforeExit(queue: JobQueue) {
  process.once('SIGTERM', () => {
    const started = Date.now();
    const stopped = queue
      .stop({ graceful: true, timeoutMs: 10_000 })
      .then(() => console.log(`Background jobs stopped in ${Date.now() - started} ms.`))
      .catch((e: unknown) => console.error('Background jobs did not stop cleanly:', e));
    const exit = process.exit.bind(process);
    process.exit = ((code?: number | string | null) => void stopped.finally(() => exit(code))) as typeof process.exit;
  });
}

class WorkerOffWithoutDatabase extends Error {
  constructor() {
    super('WORKER=off needs DATABASE_URL: the embedded database serves one process, so the web process must run the jobs itself (leave WORKER unset).');
  }
}

// Check the shared settings, open and migrate the database and load the standard (and demo data on an
// empty database) before the first visitor arrives, then start the background jobs (mock papers
// submitted at their deadline, portfolio exports): stop with one line if that cannot work.
export async function startServer() {
  if (env.NEXT_PHASE === 'phase-production-build') return;
  try {
    // Every missing one named at once, not the first.
    const missing = missingSharedSettings(env);
    if (missing) throw new MissingSharedSettingError(missing);
    resolveSharedSetting('AUTH_SECRET', env, dataDir);
    // Next.js reads the key from process.env for each action; set here too in case this process
    // did not evaluate next.config.ts.
    exportToProcessEnv('NEXT_SERVER_ACTIONS_ENCRYPTION_KEY', resolveSharedSetting('NEXT_SERVER_ACTIONS_ENCRYPTION_KEY', env, dataDir));
    if (env.WORKER === 'off' && !env.DATABASE_URL) throw new WorkerOffWithoutDatabase();
    await getDb();
    if (env.WORKER === 'on') finishJobsBeforeExit(await startWorker());
  } catch (e) {
    if (e instanceof MissingSharedSettingError || e instanceof DatabaseInUseError || e instanceof WorkerOffWithoutDatabase) {
      console.error(`Coder Pathway cannot start: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
}
