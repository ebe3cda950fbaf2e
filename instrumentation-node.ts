import { env } from '@/lib/env';
import { resolveAuthSecret, MissingSecretError } from '@/lib/auth/secret';
import { DatabaseInUseError } from '@/db/lock';
import { getDb } from '@/db/client';
import { submitOverdueAttempts } from '@/lib/dal/assessment-marking';

// How often the server submits mock papers whose deadline has passed with nobody's page open.
const DEADLINE_SWEEP_MS = 5_000;

// Check the secret, open and migrate the database and load the standard (and demo data on an
// empty database) before the first visitor arrives; stop with one line if that cannot work.
export async function startServer() {
  if (env.NEXT_PHASE === 'phase-production-build') return;
  try {
    resolveAuthSecret();
    const db = await getDb();
    sweepDeadlines(db);
  } catch (e) {
    if (e instanceof MissingSecretError || e instanceof DatabaseInUseError) {
      console.error(`Coder Pathway cannot start: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
}

/**
 * Mock papers are submitted at their deadline by the server itself, so a closed laptop or a lost
 * connection still ends the attempt on time (reading an overdue attempt also submits it first).
 */
function sweepDeadlines(db: Awaited<ReturnType<typeof getDb>>) {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await submitOverdueAttempts(db);
    } catch (e) {
      console.error('Submitting overdue mock papers failed; will try again.', e);
    } finally {
      running = false;
    }
  }, DEADLINE_SWEEP_MS);
  timer.unref();
}
