import type { SequenceFingerprint, TableFingerprint } from './manifest';

/** Runs one statement and answers its rows: postgres.js and PGlite each get a one-line adapter. */
export type Query = <T extends object>(text: string) => Promise<T[]>;

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

// A row's text depends on these settings (a timestamptz is printed in the session's time zone), so the
// backup and the restore compute their hashes under the same ones.
const STABLE_TEXT = `select set_config('TimeZone', 'UTC', false), set_config('DateStyle', 'ISO, YMD', false),
  set_config('IntervalStyle', 'postgres', false), set_config('extra_float_digits', '1', false),
  set_config('bytea_output', 'hex', false)`;

const USER_SCHEMAS = `n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'`;

/**
 * Every table's row count and a hash of its rows, and every sequence's position: what a restore must
 * give back exactly. The hash is the sum of each row's 64-bit md5 prefix, so it needs no ordering
 * and no memory beyond one row (a string_agg over 2 million rows would pass PostgreSQL's 1 GB limit);
 * any changed, lost or added row changes it.
 */
export async function fingerprintDatabase(query: Query): Promise<{ tables: TableFingerprint[]; sequences: SequenceFingerprint[] }> {
  await query(STABLE_TEXT);
  const relations = await query<{ schema: string; name: string; kind: string }>(
    `select n.nspname as schema, c.relname as name, c.relkind::text as kind
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p', 'S') and ${USER_SCHEMAS}
      order by 1, 2`,
  );
  const tables: TableFingerprint[] = [];
  const sequences: SequenceFingerprint[] = [];
  for (const { schema, name, kind } of relations) {
    const qualified = `${quoteIdent(schema)}.${quoteIdent(name)}`;
    if (kind === 'S') {
      const [s] = await query<{ last_value: string; is_called: boolean }>(`select last_value::text as last_value, is_called from ${qualified}`);
      sequences.push({ schema, name, lastValue: s!.last_value, isCalled: s!.is_called });
    } else {
      const [t] = await query<{ rows: string; hash: string }>(
        `select count(*)::text as rows,
                coalesce(sum(('x' || left(md5(t::text), 16))::bit(64)::bigint::numeric), 0)::text as hash
           from ${qualified} t`,
      );
      tables.push({ schema, name, rows: Number(t!.rows), hash: t!.hash });
    }
  }
  return { tables, sequences };
}

/** Tables, views, sequences, types and functions outside the system schemas: none means an empty database. */
export async function countUserObjects(query: Query): Promise<{ tables: number; objects: number }> {
  const [row] = await query<{ tables: number; objects: number }>(
    `select
       (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where c.relkind in ('r', 'p') and ${USER_SCHEMAS}) as tables,
       (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f') and ${USER_SCHEMAS})
       + (select count(*)::int from pg_type t join pg_namespace n on n.oid = t.typnamespace
           where t.typtype in ('e', 'd', 'c', 'r', 'm') and t.typrelid = 0 and ${USER_SCHEMAS})
       + (select count(*)::int from pg_proc p join pg_namespace n on n.oid = p.pronamespace where ${USER_SCHEMAS})
       + (select count(*)::int from pg_namespace n where ${USER_SCHEMAS} and n.nspname <> 'public') as objects`,
  );
  return row!;
}

/** What the application's own tables say: the storage keys it refers to and the newest migration applied. */
export async function readAppState(query: Query): Promise<{ referenced: { key: string; sha256: string }[]; lastMigration: number | null; serverVersion: string }> {
  const [present] = await query<{ files: boolean; migrations: boolean; version: string }>(
    `select to_regclass('public.evidence_files') is not null as files,
            to_regclass('drizzle.__drizzle_migrations') is not null as migrations,
            current_setting('server_version') as version`,
  );
  const referenced = present!.files ? await query<{ key: string; sha256: string }>('select storage_key as key, sha256 from evidence_files') : [];
  const [migration] = present!.migrations
    ? await query<{ last: string | null }>('select max(created_at)::text as last from drizzle.__drizzle_migrations')
    : [{ last: null }];
  return { referenced, lastMigration: migration?.last == null ? null : Number(migration.last), serverVersion: present!.version };
}

/** Names each table or sequence whose rows or position differ: empty when the two are the same. */
export function compareFingerprints(
  expected: { tables: TableFingerprint[]; sequences: SequenceFingerprint[] },
  actual: { tables: TableFingerprint[]; sequences: SequenceFingerprint[] },
): string[] {
  const problems: string[] = [];
  const key = (x: { schema: string; name: string }) => `${x.schema}.${x.name}`;
  const actualTables = new Map(actual.tables.map((t) => [key(t), t]));
  for (const t of expected.tables) {
    const a = actualTables.get(key(t));
    if (!a) problems.push(`table ${key(t)} is missing`);
    else if (a.rows !== t.rows) problems.push(`table ${key(t)} has ${a.rows} rows, the backup ${t.rows}`);
    else if (a.hash !== t.hash) problems.push(`table ${key(t)} has ${a.rows} rows as the backup, but different ones`);
    actualTables.delete(key(t));
  }
  for (const extra of actualTables.keys()) problems.push(`table ${extra} is not in the backup`);
  const actualSequences = new Map(actual.sequences.map((s) => [key(s), s]));
  for (const s of expected.sequences) {
    const a = actualSequences.get(key(s));
    if (!a) problems.push(`sequence ${key(s)} is missing`);
    else if (a.lastValue !== s.lastValue || a.isCalled !== s.isCalled) problems.push(`sequence ${key(s)} is at ${a.lastValue}, the backup at ${s.lastValue}`);
  }
  return problems;
}
