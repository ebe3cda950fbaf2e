import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { acquireFolderLock, DatabaseInUseError } from '../lock';
import { BackupRefused } from './refused';
import { fingerprintDatabase, readAppState, type Query } from './fingerprint';

// The embedded database is backed up with PGlite's own data-folder dump (dumpDataDir: the folder as a
// gzipped tarball, taken by the one process that holds it) and restored with loadDataDir into a new
// folder, which replaces the old one only once its rows have been checked.

type PGliteClient = import('@electric-sql/pglite').PGlite;
const queryOf = (pg: PGliteClient): Query => async (text) => (await pg.query(text)).rows as never[];

async function pgliteVersion(): Promise<string> {
  try {
    const pkg = JSON.parse(await fsp.readFile(path.join(process.cwd(), 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8'));
    return `PGlite ${pkg.version}`;
  } catch {
    return 'PGlite';
  }
}

/**
 * Holds the folder for the whole backup or restore. One process per folder (db/lock.ts): while the app
 * runs it holds the lock, and neither a backup nor a restore may open the folder beside it.
 */
export function lockPglite(folder: string, doing: 'back up' | 'restore', again: string): () => void {
  fs.mkdirSync(path.dirname(folder), { recursive: true });
  try {
    return acquireFolderLock(folder);
  } catch (e) {
    if (!(e instanceof DatabaseInUseError)) throw e;
    throw new BackupRefused(
      `The embedded database in ${folder} is in use by another process (pid ${e.pid}, probably the running app). ` +
        `It can only be ${doing === 'restore' ? 'restored' : 'backed up'} while nothing else has it open. Nothing was changed.\n` +
        `Stop the app (npm start, next start or next dev using this DATA_DIR), run \`${again}\`, then start it again.`,
    );
  }
}

/** Whether the folder holds anything at all: a restore never writes over it without --force. */
export const pgliteFolderInUse = (folder: string) => fs.existsSync(folder) && fs.readdirSync(folder).length > 0;

export async function dumpPglite(options: { folder: string; file: string }) {
  if (!fs.existsSync(path.join(options.folder, 'PG_VERSION')))
    throw new BackupRefused(`There is no embedded database in ${options.folder} to back up. Is DATA_DIR right, or is DATABASE_URL meant to be set?`);
  const { PGlite } = await import('@electric-sql/pglite');
  const pg = new PGlite(options.folder);
  try {
    await pg.waitReady;
    let t = performance.now();
    const query = queryOf(pg);
    const fingerprint = await fingerprintDatabase(query);
    const app = await readAppState(query);
    const fingerprintMs = performance.now() - t;
    t = performance.now();
    const tarball = await pg.dumpDataDir('gzip');
    await fsp.writeFile(options.file, new Uint8Array(await tarball.arrayBuffer()), { mode: 0o600 });
    return { ...fingerprint, ...app, tool: await pgliteVersion(), dumpMs: performance.now() - t, fingerprintMs };
  } finally {
    await pg.close();
  }
}

/**
 * Loads the tarball into `<folder>.restoring-<pid>`, has the caller check it (`check` gets the
 * fingerprint), then puts it in place. A folder already there (only with --force) is moved aside to
 * `<folder>.before-restore-<time>`, never deleted.
 */
export async function loadPglite(options: { folder: string; file: string; check: (fp: Awaited<ReturnType<typeof fingerprintDatabase>>) => void }) {
  const staging = `${options.folder}.restoring-${process.pid}`;
  await fsp.rm(staging, { recursive: true, force: true });
  const { PGlite } = await import('@electric-sql/pglite');
  try {
    const started = performance.now();
    const pg = new PGlite({ dataDir: staging, loadDataDir: await fs.openAsBlob(options.file) });
    let checkMs: number;
    try {
      await pg.waitReady;
      const t = performance.now();
      options.check(await fingerprintDatabase(queryOf(pg)));
      checkMs = performance.now() - t;
    } finally {
      await pg.close();
    }
    let movedAside: string | null = null;
    if (pgliteFolderInUse(options.folder)) {
      movedAside = `${options.folder}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await fsp.rename(options.folder, movedAside);
    } else {
      await fsp.rm(options.folder, { recursive: true, force: true }); // an empty folder, if any
    }
    await fsp.rename(staging, options.folder);
    return { movedAside, loadMs: performance.now() - started - checkMs, checkMs };
  } finally {
    await fsp.rm(staging, { recursive: true, force: true });
  }
}
