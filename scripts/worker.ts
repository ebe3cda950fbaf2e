// `npm run worker`: the background jobs (lib/jobs: portfolio exports, mock papers submitted at their deadline,
// the sweeps) in a process of their own, beside web processes started with WORKER=off. Needs DATABASE_URL:
// the embedded database serves one process, so there `npm start` runs the jobs itself.
//
// Runs with `tsx --conditions=react-server` (package.json): the data access layer imports 'server-only',
// which throws outside a React server build unless that condition is set.
import { env } from '@/lib/env';
import { getDb } from '@/db/client';
import { startWorker } from '@/lib/dal/background-jobs';

if (!env.DATABASE_URL) {
  console.error('worker: DATABASE_URL is not set. On the embedded database `npm start` runs the background jobs itself; a separate worker is for PostgreSQL.');
  process.exit(2);
}

const started = Date.now();
// Opens (and, like every instance, migrates) the database, then the queue with maintenance and schedules.
await getDb();
const queue = await startWorker();
console.log(`worker: running the background jobs on PostgreSQL (ready in ${Date.now() - started} ms). Stop with Ctrl-C or SIGTERM.`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`worker: ${signal}: letting running jobs finish (up to 10 s); any still running then are retried later.`);
    queue
      .stop({ graceful: true, timeoutMs: 10_000 })
      .then(() => process.exit(0))
      .catch((e: unknown) => {
        console.error('worker: stopping failed', e);
        process.exit(1);
      });
  });
