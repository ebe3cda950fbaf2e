import { env } from '@/lib/env';
import { resolveAuthSecret, MissingSecretError } from '@/lib/auth/secret';
import { DatabaseInUseError } from '@/db/lock';
import { getDb } from '@/db/client';
import { startWorker } from '@/lib/dal/background-jobs';

class WorkerOffWithoutDatabase extends Error {
  constructor() {
    super('WORKER=off needs DATABASE_URL: the embedded database serves one process, so the web process must run the jobs itself (leave WORKER unset).');
  }
}

// Check the secret, open and migrate the database and load the standard (and demo data on an
// empty database) before the first visitor arrives, then start the background jobs (mock papers
// submitted at their deadline, portfolio exports): stop with one line if that cannot work.
export async function startServer() {
  if (env.NEXT_PHASE === 'phase-production-build') return;
  try {
    resolveAuthSecret();
    if (env.WORKER === 'off' && !env.DATABASE_URL) throw new WorkerOffWithoutDatabase();
    await getDb();
    // Not stopped on SIGTERM here: next start owns the signals. A job cut off by the exit is retried
    // (on the embedded database as soon as it starts again; on PostgreSQL once its expiry passes).
    if (env.WORKER === 'on') await startWorker();
  } catch (e) {
    if (e instanceof MissingSecretError || e instanceof DatabaseInUseError || e instanceof WorkerOffWithoutDatabase) {
      console.error(`Coder Pathway cannot start: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
}
