// `npm run db:backup -- [--out FILE|FOLDER] [--keep N] [--pg-bin DIR]`: one archive holding the database and every
// evidence file, with a manifest of row counts, hashes and checksums (db/backup/). See the README, "Backup
// and restore".
//
// Runs with `tsx --conditions=react-server` (package.json): the file store imports 'server-only', which
// throws outside a React server build unless that condition is set.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BackupRefused, createBackup, type BackupTarget } from '@/db/backup';
import { dataDir, env, pgliteDir } from '@/lib/env';
import { getFileStorage } from '@/lib/files/storage';

const USAGE = `usage: npm run db:backup -- [--out FILE|FOLDER] [--keep N] [--pg-bin DIR]

Backs up the database and every evidence file into one archive (a tar file).
  --out FILE     where to write it (a folder: coder-pathway-<kind>-<time>.tar in it);
                 default DATA_DIR/backups/coder-pathway-<kind>-<time>.tar
  --keep N       afterwards, delete all but the newest N coder-pathway-*.tar files in that folder
  --pg-bin DIR   folder holding pg_dump (default: the server's version under /usr/lib/postgresql, or PATH)

Uses the database in DATABASE_URL (pg_dump; the app may keep running), or the embedded one in DATA_DIR
(stop the app first: the embedded database serves one process at a time).`;

function usage(problem?: string): never {
  if (problem) process.stderr.write(`db:backup: ${problem}\n\n`);
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}

let values: { out?: string; keep?: string; 'pg-bin'?: string; help?: boolean };
try {
  ({ values } = parseArgs({ options: { out: { type: 'string' }, keep: { type: 'string' }, 'pg-bin': { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
} catch (e) {
  usage((e as Error).message);
}
if (values.help) usage();
const keep = values.keep === undefined ? undefined : Number(values.keep);
if (keep !== undefined && !(Number.isInteger(keep) && keep >= 1)) usage('--keep needs a whole number, 1 or more');

const target: BackupTarget = env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite', folder: pgliteDir };
const stamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
const name = `coder-pathway-${target.kind}-${stamp}.tar`;
const folder = values.out && fs.statSync(values.out, { throwIfNoEntry: false })?.isDirectory() ? values.out : undefined;
const out = path.resolve(folder ? path.join(folder, name) : (values.out ?? path.join(dataDir, 'backups', name)));

try {
  const result = await createBackup({ target, storage: getFileStorage(), out, pgBin: values['pg-bin'], log: (line) => console.log(`  ${line}`) });
  for (const w of result.warnings) console.error(`db:backup: warning: ${w}`);
  const mb = (result.bytes / 1024 / 1024).toFixed(1);
  console.log(`Backed up the ${target.kind} database and ${result.manifest.files.length} files to ${result.archive} (${mb} MB) in ${(result.ms.total / 1000).toFixed(1)} s.`);
  if (keep !== undefined) prune(path.dirname(result.archive), keep);
} catch (e) {
  // A refusal, or the server's own answer (no such database, wrong password, not reachable): the message says it all.
  if (!(e instanceof BackupRefused) && typeof (e as { code?: unknown }).code !== 'string') throw e;
  console.error(`db:backup: ${(e as Error).message}`);
  process.exit(1);
}

/** Only this script's own archives (coder-pathway-<kind>-<time>.tar), newest first by the time in the name. */
function prune(folder: string, n: number) {
  const stampOf = (f: string) => /^coder-pathway-(?:postgres|pglite)-(\d{8}T\d{6}Z)\.tar$/.exec(f)?.[1];
  const archives = fs
    .readdirSync(folder)
    .filter((f) => stampOf(f))
    .sort((a, b) => stampOf(b)!.localeCompare(stampOf(a)!));
  for (const old of archives.slice(n)) {
    fs.rmSync(path.join(folder, old));
    console.log(`  deleted the older backup ${old}`);
  }
}
