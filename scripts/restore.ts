// `npm run db:restore -- FILE [--force] [--pg-bin DIR]`: puts back a backup made by `npm run db:backup`
// (db/backup/), refusing a database in use. See the README, "Backup and restore".
//
// Runs with `tsx --conditions=react-server` (package.json): the file store imports 'server-only', which
// throws outside a React server build unless that condition is set.
import { parseArgs } from 'node:util';
import { BackupRefused, restoreBackup, type BackupTarget } from '@/db/backup';
import { env, pgliteDir } from '@/lib/env';
import { getFileStorage } from '@/lib/files/storage';

const USAGE = `usage: npm run db:restore -- FILE [--force] [--pg-bin DIR]

Restores the database and the evidence files from a backup archive, then checks every table's rows and
every file's checksum against the archive's manifest.
  --force        replace a database that is not empty (PostgreSQL: only with nobody else connected; its
                 schemas are dropped in the same transaction as the restore. Embedded: the folder there
                 is moved aside, not deleted), and files in the store that differ from the backup's
  --pg-bin DIR   folder holding pg_restore and psql (default: the server's version under /usr/lib/postgresql)

Restores into the database in DATABASE_URL, or the embedded one in DATA_DIR. Stop the app first.`;

function usage(problem?: string): never {
  if (problem) process.stderr.write(`db:restore: ${problem}\n\n`);
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}

let parsed: { values: { force?: boolean; 'pg-bin'?: string; help?: boolean }; positionals: string[] };
try {
  parsed = parseArgs({ options: { force: { type: 'boolean' }, 'pg-bin': { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
} catch (e) {
  usage((e as Error).message);
}
const { values, positionals } = parsed;
if (values.help) usage();
if (positionals.length !== 1) usage('name one backup FILE');

const target: BackupTarget = env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite', folder: pgliteDir };

try {
  const result = await restoreBackup({
    target,
    storage: getFileStorage(),
    archive: positionals[0]!,
    force: values.force,
    pgBin: values['pg-bin'],
    log: (line) => console.log(`  ${line}`),
  });
  const rows = result.manifest.tables.reduce((n, t) => n + t.rows, 0);
  console.log(
    `Restored the ${target.kind} database (${result.manifest.tables.length} tables, ${rows.toLocaleString('en-GB')} rows, every one checked) ` +
      `and ${result.manifest.files.length} files from the backup of ${result.manifest.createdAt} in ${(result.ms.total / 1000).toFixed(1)} s.`,
  );
  if (result.movedAside) console.log(`The database that was there is in ${result.movedAside}: delete it once you have checked the restore.`);
  if (result.files.others) console.log(`The file store also holds ${result.files.others} object(s) not in the backup; they were left as they are.`);
  if (result.manifest.missingFiles.length)
    console.error(`db:restore: warning: the backup recorded ${result.manifest.missingFiles.length} evidence file(s) missing from the store when it was made: ${result.manifest.missingFiles.join(', ')}`);
} catch (e) {
  // A refusal, or the server's own answer (no such database, wrong password, not reachable): the message says it all.
  if (!(e instanceof BackupRefused) && typeof (e as { code?: unknown }).code !== 'string') throw e;
  console.error(`db:restore: ${(e as Error).message}`);
  process.exit(1);
}
