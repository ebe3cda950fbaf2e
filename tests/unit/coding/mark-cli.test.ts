import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarkResult } from '@/lib/coding/mark';

// `npm run mark` (scripts/mark.ts) as a user runs it: a separate process reading a file, marking against the
// shipped editions, printing JSON.
const run = promisify(execFile);
const tsx = path.resolve('node_modules/tsx/dist/cli.mjs');
const script = path.resolve('scripts/mark.ts');

let dir: string;
let file: string;
const ITEMS = [
  // An unnecessary secondary diagnosis (E11.9): 1 of 2 when it lowers the figure, 1 of 1 when it does not.
  { expected: { diagnoses: ['K35.8', 'I10'], procedures: ['H01.1'] }, answer: { diagnoses: ['K35.8', 'I10', 'E11.9'], procedures: ['H01.1'] } },
  // A swapped primary and secondary: the secondary figure is 1 of 1, or 0 of 2 when the swap costs it too.
  { expected: { diagnoses: ['K35.8', 'I10'], procedures: [] }, answer: { diagnoses: ['I10', 'K35.8'], procedures: [] } },
  // The asterisk code G01 not directly after its dagger code A17.0: reported, or also scored as a secondary error.
  { expected: { diagnoses: ['A17.0', 'G01'], procedures: [] }, answer: { diagnoses: ['A17.0', 'I10', 'G01'], procedures: [] } },
  // An accepted alternative in the key position, for a patient: K35.3 counts as K35.8.
  { expected: { diagnoses: [{ code: 'K35.8', alternatives: ['K35.3'] }], procedures: [] }, answer: { diagnoses: ['K35.3'], procedures: [] }, patient: { sex: 'male', age: 30 } },
  // The same answer where the key accepts no alternative: the wrong fourth character.
  { expected: { diagnoses: ['K35.8'], procedures: [] }, answer: { diagnoses: ['K35.3'], procedures: [] } },
];

async function mark(...args: string[]): Promise<MarkResult[]> {
  const { stdout, stderr } = await run(process.execPath, [tsx, script, ...args, file], { cwd: path.resolve('.') });
  expect(stderr).toBe('');
  return JSON.parse(stdout) as MarkResult[];
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-mark-cli-'));
  file = path.join(dir, 'items.json');
  fs.writeFileSync(file, JSON.stringify(ITEMS));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('npm run mark', () => {
  it('marks under the default rules when no rule is given', async () => {
    const [unnecessary, swapped, asterisk, alternative, noAlternative] = await mark();
    expect(unnecessary!.secondaryDiagnoses).toEqual({ correct: 1, of: 2 });
    expect(swapped!.primaryDiagnosis).toEqual({ correct: 0, of: 1 });
    expect(swapped!.secondaryDiagnoses).toEqual({ correct: 1, of: 1 });
    expect(asterisk!.secondaryDiagnoses).toEqual({ correct: 1, of: 2 });
    expect(asterisk!.findings.map((f) => f.type)).toContain('dagger_asterisk_order');
    expect(alternative!.primaryDiagnosis).toEqual({ correct: 1, of: 1 });
    expect(alternative!.findings).toEqual([]);
    expect(noAlternative!.primaryDiagnosis).toEqual({ correct: 0, of: 1 });
    expect(noAlternative!.findings.map((f) => f.type)).toEqual(['fourth_character']);
  }, 30_000);

  it('changes the figure each rule governs when the rules are given as flags', async () => {
    const [unnecessary, swapped, asterisk] = await mark('--unnecessary-lowers-secondary=no', '--swap-costs-secondary=yes', '--convention-errors=scored');
    // Not lowered by the unnecessary code, which is still reported.
    expect(unnecessary!.secondaryDiagnoses).toEqual({ correct: 1, of: 1 });
    expect(unnecessary!.findings.map((f) => f.type)).toEqual(['unnecessary_code']);
    expect(swapped!.primaryDiagnosis).toEqual({ correct: 0, of: 1 });
    expect(swapped!.secondaryDiagnoses).toEqual({ correct: 0, of: 2 });
    // The misplaced asterisk code no longer counts as correct; the unnecessary I10 no longer counts in `of`.
    expect(asterisk!.secondaryDiagnoses).toEqual({ correct: 0, of: 1 });
  }, 30_000);

  it('refuses a rule flag it does not know the value of, with exit code 2 and nothing on stdout', async () => {
    const failure = await mark('--swap-costs-secondary=maybe').then(
      () => null,
      (e: { code?: number; stdout?: string; stderr?: string }) => e,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stdout).toBe('');
    expect(failure?.stderr).toMatch(/--swap-costs-secondary is yes or no, not "maybe"/);
  }, 30_000);

  it('refuses a patient without an age', async () => {
    fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify([{ ...ITEMS[0], patient: { sex: 'female' } }]));
    const failure = await run(process.execPath, [tsx, script, path.join(dir, 'bad.json')]).then(
      () => null,
      (e: { code?: number; stderr?: string }) => e,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toMatch(/0\.patient\.age/);
  }, 30_000);
});
