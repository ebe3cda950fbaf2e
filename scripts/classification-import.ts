// `npm run classification:import -- [--name NAME] [--release-date YYYY-MM-DD] [--activate] FILE...`:
// loads official release files (ICD-10 5th Edition CodesAndTitlesAndMetadata, OPCS-4 CodesAndTitles; TXT or
// XML, told apart by their content) as new, inactive editions through the data access layer's importEdition,
// as the admin page does, with the command line as the actor. --activate then makes each the active edition
// of its scheme, after printing what it affects.
//
// Every file is read and checked before anything is written: a file with a bad line is reported line by line
// (`FILE: line N: message`) and nothing is imported from any file named (exit 2).
//
// Runs with `tsx --conditions=react-server` (package.json): the data access layer imports 'server-only',
// which throws outside a React server build unless that condition is set.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, setDbForTests } from '@/db/client';
import { DatabaseInUseError } from '@/db/lock';
import { runMigrations } from '@/db/migrate';
import { seedContent } from '@/db/seed';
import { activateEditionFromCli, EditionMeta, importEdition, ImportRefused } from '@/lib/dal/classification';
import { describeProblem, parseRelease } from '@/lib/coding/import/parse-release';
import { AppError } from '@/lib/errors';

const USAGE = `usage: npm run classification:import -- [--name NAME] [--release-date YYYY-MM-DD] [--activate] FILE...

Loads each official ICD-10 5th Edition or OPCS-4 release file (TXT or XML) as a new, inactive edition.
  --name NAME                 the edition's name (one FILE only); default: the file's base name
  --release-date YYYY-MM-DD   the release date to record
  --activate                  make each imported edition the active one of its scheme

Uses the database in DATABASE_URL, or the embedded one in DATA_DIR (default .data). The embedded database
serves one process at a time: stop the server (npm start / npm run dev) first, or this refuses to open it.`;

function usage(problem?: string): never {
  if (problem) process.stderr.write(`classification:import: ${problem}\n\n`);
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: { name: { type: 'string' }, 'release-date': { type: 'string' }, activate: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
  });
}
try {
  args = parse();
} catch (e) {
  usage((e as Error).message);
}
const { values, positionals: files } = args;
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (files.length === 0) usage('name at least one FILE');
if (values.name !== undefined && files.length > 1) usage('--name names one edition: give one FILE with it');

// Read and check every file first: one bad file and nothing is imported.
const loaded: { file: string; bytes: Uint8Array; name: string }[] = [];
let bad = false;
for (const file of files) {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    process.stderr.write(`${file}: cannot read it: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    bad = true;
    continue;
  }
  const parsed = parseRelease(bytes);
  if (!parsed.ok) {
    for (const p of parsed.problems) process.stderr.write(`${file}: ${describeProblem(p)}\n`);
    bad = true;
    continue;
  }
  const meta = EditionMeta.safeParse({ name: values.name ?? path.basename(file), releaseDate: values['release-date'] ?? '' });
  if (!meta.success) {
    for (const issue of meta.error.issues) process.stderr.write(`${file}: ${issue.path.join('.')}: ${issue.message}\n`);
    bad = true;
    continue;
  }
  loaded.push({ file, bytes, name: meta.data.name });
}
if (bad) {
  process.stderr.write('Nothing was imported: fix the files above and run the command again.\n');
  process.exit(2);
}

let handle: Awaited<ReturnType<typeof openDatabase>>;
try {
  handle = await openDatabase();
} catch (e) {
  if (e instanceof DatabaseInUseError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
  throw e;
}
let exitCode = 0;
try {
  // As the app does at start: the schema up to date and the shipped editions loaded (new ICD-10 categories
  // are filed under the active edition's blocks).
  await runMigrations(handle.db);
  await seedContent(handle.db);
  // The data access layer reads the database through getDb(); this process's is the one just opened.
  setDbForTests(handle.db);
  for (const { file, bytes, name } of loaded) {
    const started = performance.now();
    let imported: Awaited<ReturnType<typeof importEdition>>;
    try {
      imported = await importEdition(null, { name, releaseDate: values['release-date'] ?? '', bytes });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      const problems = e instanceof ImportRefused && e.problems.length ? e.problems.map(describeProblem) : [e.userMessage];
      for (const p of problems) process.stderr.write(`${file}: ${p}\n`);
      process.stderr.write(`${file} was not imported${loaded.at(-1)?.file === file ? '' : ', nor the files after it'}.\n`);
      exitCode = 2;
      break;
    }
    const ms = Math.round(performance.now() - started);
    process.stdout.write(`${file}: ${imported.format}, ${imported.scheme === 'icd10' ? 'ICD-10' : 'OPCS-4'}, ${imported.codes.toLocaleString('en-GB')} codes, ${ms} ms: imported as "${imported.name}" (inactive)\n`);
    if (!values.activate) continue;
    const report = await activateEditionFromCli(imported.id);
    process.stdout.write(`  activated${report.replaces ? `, replacing "${report.replaces.name}" (${report.attemptsUnderReplaced.toLocaleString('en-GB')} attempts were marked under it; re-mark them from the admin page)` : ''}\n`);
    process.stdout.write(`  ${report.effects.length} item(s) whose codes are missing or incomplete in it${report.effects.length ? ':' : ''}\n`);
    for (const effect of report.effects) process.stdout.write(`    ${effect.kind} ${effect.id}: ${effect.problems.join('; ')}\n`);
  }
} finally {
  setDbForTests(undefined);
  await handle.close();
}
process.exit(exitCode);
