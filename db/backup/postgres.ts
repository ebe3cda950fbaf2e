import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { BackupRefused } from './refused';
import { countUserObjects, fingerprintDatabase, readAppState, type Query } from './fingerprint';

// PostgreSQL is backed up with its own tools: pg_dump in the custom format (compressed, restorable
// table by table, readable by any newer pg_restore), and restored with pg_restore into an empty database.

type Sql = postgres.Sql | postgres.TransactionSql;
const queryOf = (sql: Sql): Query => async (text) => (await sql.unsafe(text)) as unknown as never[];
const connect = (url: string) => postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: 'coder-pathway-backup' } });

export type PgTools = { pgDump: string; pgRestore: string; psql: string; major: number; version: string };

const majorOf = (version: string) => Number(/(\d+)(?:\.\d+)?/.exec(version)?.[1] ?? NaN);

/**
 * pg_dump must be as new as the server (and pg_restore as new as the pg_dump that made the archive):
 * the client of the server's own major version if installed (Debian: /usr/lib/postgresql/N/bin),
 * else the oldest newer one, else whatever is on the PATH. `pgBin` names the folder outright.
 */
export async function findPgTools(minMajor: number, pgBin?: string): Promise<PgTools> {
  const dirs: (string | null)[] = [];
  if (pgBin) dirs.push(pgBin);
  else {
    const root = '/usr/lib/postgresql';
    const installed = fs.existsSync(root) ? fs.readdirSync(root).filter((d) => /^\d+$/.test(d)).map(Number) : [];
    installed.sort((a, b) => (a === minMajor ? -1 : b === minMajor ? 1 : a - b));
    dirs.push(...installed.filter((n) => n >= minMajor).map((n) => path.join(root, String(n), 'bin')), null);
  }
  const found: string[] = [];
  for (const dir of dirs) {
    const bin = (name: string) => (dir ? path.join(dir, name) : name);
    let version: string;
    try {
      version = (await run(bin('pg_dump'), ['--version'])).trim();
    } catch {
      continue;
    }
    found.push(version);
    if (majorOf(version) >= minMajor) return { pgDump: bin('pg_dump'), pgRestore: bin('pg_restore'), psql: bin('psql'), major: majorOf(version), version };
  }
  throw new BackupRefused(
    `This needs pg_dump, pg_restore and psql of PostgreSQL ${minMajor} or newer` +
      (found.length ? ` (found only: ${found.join(', ')})` : ' (none found)') +
      `. Install them (Debian: apt-get install postgresql-client-${minMajor}, or the postgresql package), ` +
      'or pass --pg-bin with the folder that holds them.',
  );
}

/** Runs a tool and answers what it printed; on failure the error carries the end of its stderr. */
function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${path.basename(cmd)} failed (exit ${code}): ${err.trim().slice(-2000)}`))));
  });
}

/**
 * libpq's connection for the tools. The password goes into a passfile of our own (mode 600), never
 * on a command line that `ps` shows to every user of the machine.
 */
function libpqConnection(url: string, workDir: string): string {
  const u = new URL(url);
  if (u.password) {
    const passfile = path.join(workDir, 'pgpass');
    const escaped = decodeURIComponent(u.password).replaceAll('\\', '\\\\').replaceAll(':', '\\:');
    fs.writeFileSync(passfile, `*:*:*:*:${escaped}\n`, { mode: 0o600 });
    u.password = '';
    u.searchParams.set('passfile', passfile);
  }
  return u.toString();
}

async function serverMajor(sql: Sql): Promise<number> {
  const [row] = await sql<{ v: string }[]>`select current_setting('server_version_num') as v`;
  return Math.floor(Number(row!.v) / 10000);
}

/**
 * pg_dump of the whole database into FILE, and in the same snapshot (exported to pg_dump, so both see
 * the same committed rows while the app keeps running) the row counts and hashes the restore checks.
 */
export async function dumpPostgres(options: { url: string; file: string; workDir: string; pgBin?: string }) {
  const sql = connect(options.url);
  try {
    const tools = await findPgTools(await serverMajor(sql), options.pgBin);
    const dsn = libpqConnection(options.url, options.workDir);
    return await sql.begin('isolation level repeatable read read only', async (tx) => {
      const [{ snapshot }] = (await tx`select pg_export_snapshot() as snapshot`) as unknown as [{ snapshot: string }];
      let t = performance.now();
      await run(tools.pgDump, ['--format=custom', `--snapshot=${snapshot}`, `--file=${options.file}`, `--dbname=${dsn}`]);
      const dumpMs = performance.now() - t;
      t = performance.now();
      const query = queryOf(tx);
      const fingerprint = await fingerprintDatabase(query);
      const app = await readAppState(query);
      return { ...fingerprint, ...app, tool: tools.version, dumpMs, fingerprintMs: performance.now() - t };
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}

type OtherConnection = { pid: number; user: string | null; application: string; client: string | null; state: string | null };

/**
 * Restore writes only into an empty database (no tables, types or functions of its own), or with
 * `force` into one nobody else is connected to (pg_stat_activity), after dropping what it holds.
 */
export async function checkPostgresTarget(url: string, force: boolean, archive: string): Promise<{ empty: boolean; serverMajor: number }> {
  const sql = connect(url);
  try {
    const [{ database }] = (await sql`select current_database() as database`) as unknown as [{ database: string }];
    const { tables, objects } = await countUserObjects(queryOf(sql));
    const others = (await sql`
      select pid, usename as user, application_name as application, client_addr::text as client, state
        from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
        order by pid`) as unknown as OtherConnection[];
    const empty = objects === 0;
    const again = `npm run db:restore -- ${archive}${force ? ' --force' : ''}`;
    if (!empty && !force)
      throw new BackupRefused(
        `The database ${database} is not empty (${tables} tables${tables ? '' : `, ${objects} other objects`}), and a restore replaces everything in it. Nothing was changed.\n` +
          `To restore into a new database: createdb NEW_NAME, set DATABASE_URL to it and run \`npm run db:restore -- ${archive}\`.\n` +
          `To replace this one (take a backup of it first): stop the app, then run \`npm run db:restore -- ${archive} --force\`.`,
      );
    if (!empty && others.length)
      throw new BackupRefused(
        `The database ${database} is in use: ${others.length} other connection${others.length === 1 ? '' : 's'} ` +
          `(${others.map((o) => `pid ${o.pid}${o.user ? ` user ${o.user}` : ''}${o.application ? ` "${o.application}"` : ''}${o.client ? ` from ${o.client}` : ''}${o.state ? `, ${o.state}` : ''}`).join('; ')}). ` +
          `Restore never replaces a database while anything is connected to it. Nothing was changed.\n` +
          `Stop the app (every instance) and anything else connected to ${database}, then run \`${again}\` again.`,
      );
    return { empty, serverMajor: await serverMajor(sql) };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

// --force: every schema of the database's own goes, and public is made again empty, so that a backup
// made before a later migration does not come back mixed with that migration's tables.
const WIPE = `
DO $$
DECLARE s record;
BEGIN
  FOR s IN SELECT nspname FROM pg_namespace
            WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%'
  LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', s.nspname);
  END LOOP;
END $$;
CREATE SCHEMA public;
`;

/**
 * pg_restore turns the archive into SQL and psql runs it as ONE transaction (with the wipe first under
 * --force): a restore that fails half-way leaves the database exactly as it was. Ownership and grants
 * are not restored: everything belongs to the user in DATABASE_URL, as when the app migrates.
 * Tables are created, then filled, then given their indexes, constraints and triggers (pg_dump's
 * order), so the append-only triggers come back without firing on the restored rows.
 */
export async function loadPostgres(options: { url: string; file: string; workDir: string; wipe: boolean; minMajor: number; pgBin?: string }) {
  const tools = await findPgTools(options.minMajor, options.pgBin);
  const dsn = libpqConnection(options.url, options.workDir);
  const args = ['-X', '-q', '--single-transaction', '-v', 'ON_ERROR_STOP=1', `--dbname=${dsn}`];
  if (options.wipe) {
    const wipeFile = path.join(options.workDir, 'wipe.sql');
    fs.writeFileSync(wipeFile, WIPE);
    args.push('-f', wipeFile);
  }
  args.push('-f', '-');
  const restore = spawn(tools.pgRestore, ['--no-owner', '--no-acl', '--file=-', options.file], { stdio: ['ignore', 'pipe', 'pipe'] });
  const psql = spawn(tools.psql, args, { stdio: ['pipe', 'ignore', 'pipe'] });
  const exited = (child: ReturnType<typeof spawn>) => {
    let stderr = '';
    child.stderr!.on('data', (c) => (stderr += c));
    return new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
  };
  // psql sees the end of its input only once pg_restore has succeeded: were pg_restore to stop half-way,
  // psql would otherwise commit the half it got. Killed instead, it leaves the transaction to roll back.
  restore.stdout.pipe(psql.stdin, { end: false });
  psql.stdin.on('error', () => {}); // psql stopped at an error: its own message says which
  const restored = exited(restore).then((r) => {
    if (r.code === 0) psql.stdin.end();
    else psql.kill('SIGKILL');
    return r;
  });
  const [r, p] = await Promise.all([restored, exited(psql)]);
  if (r.code === 0 && p.code === 0) return;
  const [tool, detail] = p.code !== 0 ? ['psql', p.stderr] : ['pg_restore', r.stderr];
  throw new BackupRefused(`The restore failed and was rolled back: the database is as it was. ${tool} said: ${detail.trim().slice(-2000)}`);
}

/** The restored database's fingerprint, after ANALYZE (pg_restore leaves the planner no statistics). */
export async function inspectPostgres(url: string) {
  const sql = connect(url);
  try {
    await sql`analyze`;
    return await fingerprintDatabase(queryOf(sql));
  } finally {
    await sql.end({ timeout: 5 });
  }
}
