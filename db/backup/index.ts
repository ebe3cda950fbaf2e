import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { FileStorage } from '@/lib/files/storage';
import { migrationsFolder } from '../migrate';
import { createArchiveWriter, readArchive, sha256 } from './archive';
import { compareFingerprints } from './fingerprint';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, entries, Manifest, StorageKey } from './manifest';
import { dumpPglite, loadPglite, lockPglite, pgliteFolderInUse } from './pglite';
import { checkPostgresTarget, dumpPostgres, inspectPostgres, loadPostgres } from './postgres';
import { BackupRefused } from './refused';

export { BackupRefused } from './refused';
export type { Manifest } from './manifest';

/** The database a backup is taken from or restored into: as db/client.ts chooses, by DATABASE_URL. */
export type BackupTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; folder: string };

type Common = {
  target: BackupTarget;
  /** Evidence files: listed, read and written back only through this interface (lib/files/storage/types.ts). */
  storage: FileStorage;
  /** Folder holding pg_dump, pg_restore and psql, when the one found by default will not do. */
  pgBin?: string;
  /** One line per step, for the command line. */
  log?: (line: string) => void;
};

const since = (t: number) => Math.round(performance.now() - t);
const readAll = async (stream: ReadableStream<Uint8Array>) => Buffer.from(await new Response(stream).arrayBuffer());
const workDir = () => fsp.mkdtemp(path.join(os.tmpdir(), 'cp-backup-'));

async function appVersion(): Promise<string> {
  const pkg = JSON.parse(await fsp.readFile(path.join(process.cwd(), 'package.json'), 'utf8'));
  return String(pkg.version ?? 'unknown');
}

export type BackupResult = {
  archive: string;
  bytes: number;
  manifest: Manifest;
  ms: { database: number; files: number; total: number };
  /** Files the database refers to that the store lacks, or whose bytes differ from the checksum taken at upload. */
  warnings: string[];
};

/**
 * One archive (a tar, see archive.ts) holding the database in its own tool's format, every object in the
 * file store, and last a manifest: every table's row count and hash, every sequence's position, every
 * file's size and sha256. Written beside `out` and renamed into place, so `out` is never half a backup.
 *
 * PostgreSQL is dumped while the app runs (one snapshot for the dump and the manifest); files are listed
 * after that snapshot, so every file a dumped row refers to is there unless it was deleted since (a draft's
 * file: listed as missing). PGlite is dumped with the app stopped: the folder lock is held throughout.
 */
export async function createBackup(options: Common & { out: string }): Promise<BackupResult> {
  const started = performance.now();
  const { target, storage, log = () => {} } = options;
  const out = path.resolve(options.out);
  if (fs.existsSync(out)) throw new BackupRefused(`${out} already exists: a backup never overwrites one. Choose another --out.`);
  const release = target.kind === 'pglite' ? lockPglite(target.folder, 'back up', 'npm run db:backup') : () => {};
  const work = await workDir();
  const partial = `${out}.partial-${process.pid}`;
  try {
    await fsp.mkdir(path.dirname(out), { recursive: true });
    const entry = target.kind === 'postgres' ? entries.postgres : entries.pglite;
    const dumpFile = path.join(work, entry);
    let t = performance.now();
    const db = target.kind === 'postgres'
      ? await dumpPostgres({ url: target.url, file: dumpFile, workDir: work, pgBin: options.pgBin })
      : await dumpPglite({ folder: target.folder, file: dumpFile });
    const databaseMs = since(t);
    log(
      `database: ${db.tables.length} tables, ${db.tables.reduce((n, x) => n + x.rows, 0).toLocaleString('en-GB')} rows in ${databaseMs} ms ` +
        `(dump ${Math.round(db.dumpMs)} ms, row hashes ${Math.round(db.fingerprintMs)} ms; ${db.tool})`,
    );

    const writer = createArchiveWriter(partial);
    let manifest: Manifest;
    const warnings: string[] = [];
    t = performance.now();
    try {
      const database = await writer.addFile(entry, dumpFile);
      const files: Manifest['files'] = [];
      for await (const key of storage.list()) {
        const bytes = await readAll(await storage.get(key));
        files.push({ key, bytes: bytes.byteLength, sha256: sha256(bytes) });
        await writer.add(entries.file(key), bytes);
      }
      files.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const stored = new Map(files.map((f) => [f.key, f.sha256]));
      const missingFiles = db.referenced.filter((r) => !stored.has(r.key)).map((r) => r.key).sort();
      for (const key of missingFiles) warnings.push(`evidence file ${key} is recorded in the database but not in the file store`);
      for (const r of db.referenced)
        if (stored.has(r.key) && stored.get(r.key) !== r.sha256) warnings.push(`evidence file ${r.key} differs from the checksum recorded at upload`);
      manifest = {
        format: ARCHIVE_FORMAT,
        version: ARCHIVE_VERSION,
        createdAt: new Date().toISOString(),
        appVersion: await appVersion(),
        database: { kind: target.kind, entry, ...database, serverVersion: db.serverVersion, tool: db.tool },
        lastMigration: db.lastMigration,
        tables: db.tables,
        sequences: db.sequences,
        files,
        missingFiles,
      };
      await writer.add(entries.manifest, Buffer.from(JSON.stringify(manifest, null, 2) + '\n'));
      await writer.close();
    } catch (e) {
      await writer.abort();
      throw e;
    }
    const filesMs = since(t);
    log(`files: ${manifest.files.length} (${manifest.files.reduce((n, f) => n + f.bytes, 0).toLocaleString('en-GB')} bytes) in ${filesMs} ms`);
    await fsp.rename(partial, out);
    const { size } = await fsp.stat(out);
    return { archive: out, bytes: size, manifest, ms: { database: databaseMs, files: filesMs, total: since(started) }, warnings };
  } finally {
    await fsp.rm(partial, { force: true });
    await fsp.rm(work, { recursive: true, force: true });
    release();
  }
}

export type RestoreResult = {
  manifest: Manifest;
  files: { written: number; alreadyThere: number; replaced: number; others: number };
  /** PGlite with --force: where the folder that was there has been moved (never deleted). */
  movedAside: string | null;
  ms: { verify: number; files: number; database: number; total: number };
};

const damaged = (archive: string, why: string) =>
  new BackupRefused(`${archive} is damaged or not a Coder Pathway backup (${why}). Nothing was changed; use another copy of the backup.`);

/** Reads the whole archive once: every entry's checksum against the manifest, the database part saved to `work`. */
async function verifyArchive(archive: string, work: string): Promise<{ manifest: Manifest; databaseFile: string }> {
  const seen = new Map<string, { size: number; sha256: string }>();
  let manifest: Manifest | undefined;
  try {
    await readArchive(archive, async (e) => {
      if (e.type !== 'file') throw damaged(archive, `it holds a ${e.type} entry, ${e.name}`);
      if (seen.has(e.name)) throw damaged(archive, `${e.name} appears twice`);
      if (e.name === entries.manifest) {
        if (e.size > 64 * 1024 * 1024) throw damaged(archive, 'its manifest is too large');
        const raw = await e.read();
        let json: unknown;
        try {
          json = JSON.parse(raw.toString('utf8'));
        } catch {
          throw damaged(archive, 'its manifest is not JSON');
        }
        const head = json as { format?: unknown; version?: unknown };
        if (head?.format === ARCHIVE_FORMAT && typeof head.version === 'number' && head.version > ARCHIVE_VERSION)
          throw new BackupRefused(`${archive} was made by a newer version of Coder Pathway (archive version ${head.version}). Restore it with that version or a later one.`);
        const parsed = Manifest.safeParse(json);
        if (!parsed.success) throw damaged(archive, `its manifest does not fit: ${parsed.error.issues[0]?.path.join('.')}`);
        manifest = parsed.data;
        seen.set(e.name, { size: e.size, sha256: sha256(raw) });
      } else if (e.name === entries.postgres || e.name === entries.pglite) {
        seen.set(e.name, { size: e.size, sha256: await e.saveTo(path.join(work, e.name)) });
      } else if (e.name.startsWith('files/') && StorageKey.safeParse(e.name.slice('files/'.length)).success) {
        seen.set(e.name, { size: e.size, sha256: await e.hash() });
      } else {
        throw damaged(archive, `unexpected entry ${e.name}`);
      }
    });
  } catch (e) {
    if (e instanceof BackupRefused) throw e;
    throw damaged(archive, `the tar cannot be read: ${(e as Error).message}`);
  }
  if (!manifest) throw damaged(archive, 'it has no manifest.json; perhaps it was cut short');
  const expected = new Map<string, { size: number; sha256: string }>([
    [manifest.database.entry, { size: manifest.database.bytes, sha256: manifest.database.sha256 }],
    ...manifest.files.map((f) => [entries.file(f.key), { size: f.bytes, sha256: f.sha256 }] as const),
  ]);
  for (const [name, want] of expected) {
    const got = seen.get(name);
    if (!got) throw damaged(archive, `${name} is missing`);
    if (got.size !== want.size || got.sha256 !== want.sha256) throw damaged(archive, `${name} does not match its checksum`);
  }
  for (const name of seen.keys()) if (name !== entries.manifest && !expected.has(name)) throw damaged(archive, `${name} is not in the manifest`);
  return { manifest, databaseFile: path.join(work, manifest.database.entry) };
}

/**
 * Puts a backup back: the database (only into an empty one, or with `force` into one nobody uses) and every
 * file (through the store; an object already there with the same bytes is left alone, one with other bytes
 * is replaced only with `force`; other objects are never removed). Refuses before changing anything when
 * the archive is damaged, of the other database kind, from a newer version of the app, or the target is in
 * use. Files go back first (harmless if the database then fails: nothing refers to them yet), then the
 * database, as one transaction on PostgreSQL and by swapping in a checked folder on PGlite. Ends by checking
 * every table's rows, every sequence and every file against the manifest.
 */
export async function restoreBackup(options: Common & { archive: string; force?: boolean }): Promise<RestoreResult> {
  const started = performance.now();
  const { target, storage, log = () => {} } = options;
  const force = options.force === true;
  const archive = path.resolve(options.archive);
  if (!fs.existsSync(archive)) throw new BackupRefused(`There is no file ${archive}.`);
  const work = await workDir();
  let release = () => {};
  try {
    // 1. The target: not in use, and empty unless --force (asked first: the answer needs no reading).
    let postgresEmpty = true;
    let serverMajor = 0;
    if (target.kind === 'pglite') {
      release = lockPglite(target.folder, 'restore', `npm run db:restore -- ${archive}${force ? ' --force' : ''}`);
      if (pgliteFolderInUse(target.folder) && !force)
        throw new BackupRefused(
          `The embedded database in ${target.folder} already holds data, and a restore replaces it. Nothing was changed.\n` +
            `To restore elsewhere: set DATA_DIR to a new folder and run \`npm run db:restore -- ${archive}\`.\n` +
            `To replace it: with the app stopped, run \`npm run db:restore -- ${archive} --force\`; the folder there now is moved aside to ${target.folder}.before-restore-<time> (delete it once the restore is checked).`,
        );
    } else {
      ({ empty: postgresEmpty, serverMajor } = await checkPostgresTarget(target.url, force, archive));
    }

    // 2. The archive: whole, and every part as the manifest says.
    let t = performance.now();
    const { manifest, databaseFile } = await verifyArchive(archive, work);
    const verifyMs = since(t);
    log(`archive: checked ${manifest.files.length + 2} entries in ${verifyMs} ms (made ${manifest.createdAt} by Coder Pathway ${manifest.appVersion})`);
    const kindName = { postgres: 'PostgreSQL', pglite: 'the embedded database (PGlite)' };
    if (manifest.database.kind !== target.kind)
      throw new BackupRefused(
        `${archive} is a backup of ${kindName[manifest.database.kind]}, but the target is ${kindName[target.kind]} ` +
          `(${target.kind === 'postgres' ? 'DATABASE_URL is set' : 'DATABASE_URL is not set'}). Restore it into the same kind of database. Nothing was changed.`,
      );
    const known = readMigrationFiles({ migrationsFolder }).reduce((max, m) => Math.max(max, m.folderMillis), 0);
    if (manifest.lastMigration !== null && manifest.lastMigration > known)
      throw new BackupRefused(
        `${archive} was made by a newer version of Coder Pathway (${manifest.appVersion}): its database has migrations this version does not know. ` +
          'Install that version or a later one, then restore. Nothing was changed.',
      );

    // 3. Files already in the store under the backup's keys: the same bytes are kept, others need --force.
    const present = new Set<string>();
    for await (const key of storage.list()) present.add(key);
    const inBackup = new Map(manifest.files.map((f) => [f.key, f]));
    const same = new Set<string>();
    const differing: string[] = [];
    for (const f of manifest.files) {
      if (!present.has(f.key)) continue;
      if (sha256(await readAll(await storage.get(f.key))) === f.sha256) same.add(f.key);
      else differing.push(f.key);
    }
    if (differing.length && !force)
      throw new BackupRefused(
        `The file store already holds ${differing.length} object(s) under the backup's keys but with other bytes (first: ${differing[0]}). Nothing was changed.\n` +
          `Run \`npm run db:restore -- ${archive} --force\` to replace them with the backup's, or restore with an empty file store.`,
      );
    if (target.kind === 'postgres') ({ empty: postgresEmpty } = await checkPostgresTarget(target.url, force, archive)); // and now?

    // 4. Files, then the database.
    t = performance.now();
    let written = 0;
    await readArchive(archive, async (e) => {
      if (!e.name.startsWith('files/')) return;
      const f = inBackup.get(e.name.slice('files/'.length))!;
      if (same.has(f.key)) return;
      const bytes = await e.read();
      if (sha256(bytes) !== f.sha256) throw damaged(archive, `${e.name} changed while being restored`);
      await storage.putAt(f.key, bytes);
      written++;
    });
    const filesMs = since(t);
    log(`files: ${written - differing.length} written, ${differing.length} replaced, ${same.size} already there in ${filesMs} ms`);

    t = performance.now();
    const expected = { tables: manifest.tables, sequences: manifest.sequences };
    const mismatch = (problems: string[], state: string) =>
      new BackupRefused(
        `The restored database does not match the backup's manifest: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}. ${state}`,
      );
    let movedAside: string | null = null;
    let loadMs: number;
    let checkMs: number;
    if (target.kind === 'pglite') {
      ({ movedAside, loadMs, checkMs } = await loadPglite({
        folder: target.folder,
        file: databaseFile,
        check: (actual) => {
          const problems = compareFingerprints(expected, actual);
          if (problems.length) throw mismatch(problems, 'It was not put in place: the folder there is as it was.');
        },
      }));
    } else {
      const toolMajor = Number(/(\d+)/.exec(manifest.database.tool)?.[1] ?? 0);
      await loadPostgres({ url: target.url, file: databaseFile, workDir: work, wipe: !postgresEmpty, minMajor: Math.max(serverMajor, toolMajor), pgBin: options.pgBin });
      loadMs = since(t);
      const problems = compareFingerprints(expected, await inspectPostgres(target.url));
      if (problems.length) throw mismatch(problems, 'The database now holds what was restored: keep the app stopped, and restore from another copy.');
      checkMs = since(t) - loadMs;
    }
    const databaseMs = since(t);
    log(
      `database: ${manifest.tables.length} tables, ${manifest.tables.reduce((n, x) => n + x.rows, 0).toLocaleString('en-GB')} rows restored and checked in ${databaseMs} ms ` +
        `(load ${Math.round(loadMs)} ms, ${target.kind === 'postgres' ? 'analyze and ' : ''}row hashes ${Math.round(checkMs)} ms)`,
    );

    // 5. Every file of the backup, read back through the store.
    for (const f of manifest.files)
      if (sha256(await readAll(await storage.get(f.key))) !== f.sha256) throw new BackupRefused(`File ${f.key} in the store does not match the backup after restoring it.`);
    const others = [...present].filter((k) => !inBackup.has(k)).length;
    return {
      manifest,
      files: { written: written - differing.length, alreadyThere: same.size, replaced: differing.length, others },
      movedAside,
      ms: { verify: verifyMs, files: filesMs, database: databaseMs, total: since(started) },
    };
  } finally {
    release();
    await fsp.rm(work, { recursive: true, force: true });
  }
}
