// `npm run --silent mark -- FILE`: mark a JSON array of {expected, answer} codings.
// stdout carries only the JSON results; problems go to stderr with exit code 2.
import fs from 'node:fs';
import { z } from 'zod';
import { loadClassification } from '@/lib/coding/load';
import { mark } from '@/lib/coding/mark';

const CodingInput = z.object({ diagnoses: z.array(z.string()), procedures: z.array(z.string()) });
const Items = z.array(z.object({ expected: CodingInput, answer: CodingInput }));

function fail(message: string): never {
  process.stderr.write(`mark: ${message}\n`);
  process.exit(2);
}

const file = process.argv[2];
if (!file) fail('usage: npm run --silent mark -- FILE (a JSON array of {"expected": …, "answer": …})');
let raw: string;
try {
  raw = fs.readFileSync(file, 'utf8');
} catch (e) {
  fail(`cannot read ${file}: ${(e as Error).message}`);
}
let data: unknown;
try {
  data = JSON.parse(raw);
} catch (e) {
  fail(`${file} is not valid JSON: ${(e as Error).message}`);
}
const parsed = Items.safeParse(data);
if (!parsed.success) fail(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);

const c = loadClassification();
const results = parsed.data.map((item, i) => {
  try {
    return mark(item.expected, item.answer, c);
  } catch (e) {
    fail(`item ${i}: ${(e as Error).message}`);
  }
});
process.stdout.write(`${JSON.stringify(results)}\n`);
