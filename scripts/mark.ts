// `npm run --silent mark -- [RULES] FILE`: mark a JSON array of {expected, answer[, patient]} codings against
// the shipped editions (content/classifications: ICD-10 5th Edition, OPCS-4.11), under the marking rules given
// (default: DEFAULT_MARKING_RULES, as a new installation marks):
//   --unnecessary-lowers-secondary=yes|no   --swap-costs-secondary=yes|no   --convention-errors=reported|scored
// An expected code may be a string or {"code": …, "alternatives": [ … ]} (other codes accepted in its place);
// `patient` ({"sex": "female"|"male", "age": years}) checks the codes against the edition's sex and age limits.
// stdout carries only the JSON results; problems go to stderr with exit code 2.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadClassification } from '@/lib/coding/load';
import { DEFAULT_MARKING_RULES, mark, type MarkingRules } from '@/lib/coding/mark';

const USAGE = `usage: npm run --silent mark -- [--unnecessary-lowers-secondary=yes|no] [--swap-costs-secondary=yes|no] [--convention-errors=reported|scored] FILE
FILE is a JSON array of {"expected": {"diagnoses": [...], "procedures": [...]}, "answer": {...}, "patient": {"sex": "female", "age": 54}}
(patient optional; an expected entry is a code or {"code": "Y04.4", "alternatives": ["Y04.5"]}).`;

const Codes = z.array(z.string());
const ExpectedEntry = z.union([z.string(), z.object({ code: z.string(), alternatives: Codes.optional() })]);
const Items = z.array(
  z.object({
    expected: z.object({ diagnoses: z.array(ExpectedEntry), procedures: z.array(ExpectedEntry) }),
    answer: z.object({ diagnoses: Codes, procedures: Codes }),
    patient: z.object({ sex: z.enum(['female', 'male']), age: z.number().int().min(0).max(130) }).optional(),
  }),
);

function fail(message: string): never {
  process.stderr.write(`mark: ${message}\n`);
  process.exit(2);
}

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      'unnecessary-lowers-secondary': { type: 'string' },
      'swap-costs-secondary': { type: 'string' },
      'convention-errors': { type: 'string' },
    },
  });
}
try {
  args = parse();
} catch (e) {
  fail(`${(e as Error).message}\n${USAGE}`);
}

function yesNo(flag: 'unnecessary-lowers-secondary' | 'swap-costs-secondary', fallback: boolean): boolean {
  const v = args.values[flag];
  if (v === undefined) return fallback;
  if (v === 'yes' || v === 'no') return v === 'yes';
  fail(`--${flag} is yes or no, not "${v}"`);
}
const conventionErrors = args.values['convention-errors'] ?? DEFAULT_MARKING_RULES.conventionErrors;
if (conventionErrors !== 'reported' && conventionErrors !== 'scored') fail(`--convention-errors is reported or scored, not "${conventionErrors}"`);
const rules: MarkingRules = {
  unnecessaryLowersSecondary: yesNo('unnecessary-lowers-secondary', DEFAULT_MARKING_RULES.unnecessaryLowersSecondary),
  swapCostsSecondary: yesNo('swap-costs-secondary', DEFAULT_MARKING_RULES.swapCostsSecondary),
  conventionErrors,
};

if (args.positionals.length !== 1) fail(USAGE);
const file = args.positionals[0]!;
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
    return mark(item.expected, item.answer, c, { rules, patient: item.patient });
  } catch (e) {
    fail(`item ${i}: ${(e as Error).message}`);
  }
});
process.stdout.write(`${JSON.stringify(results)}\n`);
