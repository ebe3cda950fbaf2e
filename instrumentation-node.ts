import { env } from '@/lib/env';
import { resolveAuthSecret, MissingSecretError } from '@/lib/auth/secret';
import { DatabaseInUseError } from '@/db/lock';
import { getDb } from '@/db/client';

// Check the secret, open and migrate the database and load the standard (and demo data on an
// empty database) before the first visitor arrives; stop with one line if that cannot work.
export async function startServer() {
  if (env.NEXT_PHASE === 'phase-production-build') return;
  try {
    resolveAuthSecret();
    await getDb();
  } catch (e) {
    if (e instanceof MissingSecretError || e instanceof DatabaseInUseError) {
      console.error(`Coder Pathway cannot start: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
}
