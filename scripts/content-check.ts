// `npm run content:check`: validate every content file; print `file: problem` for each fault.
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { Standard } from '@/lib/content/standard';

type Check = { dir: string; schema: z.ZodType; extra?: (data: unknown, file: string) => string[] };

const root = path.resolve('content');
const seedsDir = path.resolve('..', 'shared', 'seeds');

// Where the project's seed documents sit beside the checkout, every KSB must match them word for word.
function compareWithSeed(data: unknown): string[] {
  const doc = data as z.infer<typeof Standard>;
  if (doc.reference !== 'ST0535' || !fs.existsSync(seedsDir)) return [];
  const seedFile = fs.readdirSync(seedsDir).find((f) => f.startsWith('000_'));
  if (!seedFile) return [];
  const seed = new Map<string, string>();
  for (const line of fs.readFileSync(path.join(seedsDir, seedFile), 'utf8').split(/\r?\n/)) {
    const m = /^([KSB]\d+): (.*)$/.exec(line);
    if (m) seed.set(m[1]!, m[2]!);
  }
  return doc.ksbs.filter((k) => seed.has(k.code) && seed.get(k.code) !== k.text).map((k) => `ksbs.${k.code}: text differs from the standard (seeds/${seedFile})`);
}

const checks: Check[] = [{ dir: 'standards', schema: Standard, extra: compareWithSeed }];

const problems: string[] = [];
let files = 0;
for (const check of checks) {
  const dir = path.join(root, check.dir);
  const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
  if (names.length === 0) problems.push(`content/${check.dir}: no content files`);
  for (const name of names) {
    files++;
    const rel = path.posix.join('content', check.dir, name);
    let data: unknown;
    try {
      data = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
    } catch (e) {
      problems.push(`${rel}: not valid JSON (${(e as Error).message})`);
      continue;
    }
    const parsed = check.schema.safeParse(data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${rel}: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
      continue;
    }
    for (const p of check.extra?.(parsed.data, rel) ?? []) problems.push(`${rel}: ${p}`);
  }
}

for (const p of problems) console.log(p);
console.log(problems.length ? `content:check: ${problems.length} problem(s) in ${files} file(s)` : `content:check: ${files} file(s) OK`);
process.exit(problems.length ? 1 : 0);
