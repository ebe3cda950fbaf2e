import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ROOT, allIssues, isSchema, sourceFiles, stringFields, wholeIssues, type Issue, type StringField } from './schema-fields';
import { spelledFailingNumber, spelledNhsNumber } from './spellings';

// THE RULE (lib/forms/safe-text.ts): every free-text value a person sends goes through `safeText` (or,
// for a query-string filter, `searchText`). These tests fail when a field forgets it, and write NHS
// numbers, NULs and lone surrogates into every field the rule covers.

/** Where a bare z.string() is allowed, and why. */
const EXEMPT: Record<string, string> = {
  'lib/forms/safe-text.ts': 'defines the safe types',
  'lib/env.ts': 'the environment, not input',
  'lib/content/': 'reviewed content files: content:check refuses an NHS number in any of their strings, and an uploaded blueprint is checked string by string (firstTextProblem)',
};
const exempt = (file: string) => Object.keys(EXEMPT).some((e) => file === e || (e.endsWith('/') && file.startsWith(e)));

const STRING_CALL = /\bz\s*\.\s*(?:coerce\s*\.\s*)?string\s*\(/g;

/** The rest of the expression a `z.string(` starts: up to a comma, semicolon or closing bracket at its own depth. */
function chainFrom(src: string, at: number): string {
  let depth = 0;
  let i = at;
  for (; i < src.length; i++) {
    const c = src[i]!;
    if (c === "'" || c === '"' || c === '`') {
      for (i++; i < src.length && src[i] !== c; i++) if (src[i] === '\\') i++;
    } else if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      if (--depth < 0) break;
    } else if ((c === ',' || c === ';') && depth === 0) break;
  }
  return src.slice(at, i);
}

/** Each bare `z.string()` in lib/ and app/ that is neither a fixed form (.regex) nor explained. */
function bareStrings(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(['lib', 'app'])) {
    if (exempt(file)) continue;
    const src = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const m of src.matchAll(STRING_CALL)) {
      const lineStart = src.lastIndexOf('\n', m.index) + 1;
      const lineEnd = src.indexOf('\n', m.index + m[0].length); // the line where `string(` is (z may be a line above)
      const line = src.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
      if (/\/\/ not free text: \S/.test(line)) continue;
      if (chainFrom(src, m.index).includes('.regex(')) continue;
      found.push(`${file}:${src.slice(0, m.index).split('\n').length}: ${line.trim()}`);
    }
  }
  return found;
}

// Every exported schema of every module in lib/ that uses zod (a new module is found by itself).
const fields: StringField[] = [];
beforeAll(async () => {
  const modules = sourceFiles(['lib']).filter((f) => !exempt(f) && /from 'zod'/.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
  expect(modules.length).toBeGreaterThan(15);
  for (const file of modules) {
    const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) if (isSchema(value)) fields.push(...stringFields(`${file.replace(/^lib\//, '').replace(/\.ts$/, '')}:${name}`, value));
  }
}, 60_000);

/** Unguarded strings that are not free text, by field: each says why. */
const NOT_FREE_TEXT: Record<string, string> = {
  'admin/schemas:temporaryPassword': 'a password: hashed, never stored or shown',
  'auth/password-rules:NewPassword.email': 'the viewer’s own address, from the session',
  'dal/questions:PracticeQuery.ksb': 'each item must match a KSB code or is dropped',
  'dal/questions:PracticeQuery.ksb[]': 'each item must match a KSB code or is dropped',
};
const allowedBare = (f: StringField) => /password/i.test(String(f.path.at(-1) ?? f.name)) || /[Pp]assword$/.test(f.name) || f.name in NOT_FREE_TEXT;

/** The fields under the rule: more than 50 when this was written (issue 14); none would make every test below vacuous. */
const safeFields = () => {
  const safe = fields.filter((f) => f.kind === 'safe');
  expect(safe.length).toBeGreaterThanOrEqual(50);
  return safe;
};
const issuesAt = (issues: Issue[], at: PropertyKey[]) => allIssues(issues).filter((i) => i.path.length === at.length && i.path.every((p, k) => p === at[k]));
const NHS = /looks like an NHS number; remove it — content must be synthetic/;

describe('the safe text rule', () => {
  it('leaves no bare z.string() in lib/ or app/: free text uses safeText, a filter searchText, a fixed form .regex()', () => {
    expect(bareStrings()).toEqual([]);
  });

  it('leaves no unguarded free-text string in any exported schema', () => {
    const bare = fields.filter((f) => f.kind === 'bare' && !allowedBare(f)).map((f) => f.name);
    expect(bare).toEqual([]);
  });

  it('covers the fields issue 14 found unchecked, and the others', () => {
    const names = safeFields().map((f) => f.name);
    for (const expected of [
      'assessments/schemas:WrittenMarkInput.feedback', // feedback on written mock answers
      'assessments/schemas:AnswerInput<theory>.answer', // theory code answers
      'assessments/schemas:AnswerInput<written>.answer.text',
      'evidence/schemas:EvidenceInput.title',
      'evidence/schemas:EvidenceInput.account',
      'evidence/marking-schemas:MarkInput.feedback',
      'evidence/witness-schemas:WitnessSignInput.statement',
      'otj/schemas:OtjInput.description',
      'reviews/schemas:ReviewInput.progressSummary',
      'admin/schemas:UserInput.name',
      'admin/schemas:UserInput.email',
      'auth/sign-in-schema:SignInInput.email',
      'dal/classification:EditionMeta.name',
    ])
      expect(names).toContain(expected);
    expect(fields.filter((f) => f.kind === 'search').map((f) => f.name)).toEqual(expect.arrayContaining(['dal/users:UserListQuery.q', 'admin/schemas:AuditFilter.actor']));
  });
});

describe('every free-text field', () => {
  it('refuses a valid NHS number in any spelling, as a field error at that field (property)', () => {
    for (const field of safeFields()) {
      const allowNhs = field.name === 'auth/sign-in-schema:SignInInput.email';
      fc.assert(
        fc.property(spelledNhsNumber, ({ text }) => {
          const leaf = field.leaf.safeParse(text);
          if (allowNhs) return;
          expect(leaf.success, `${field.name}: ${JSON.stringify(text)}`).toBe(false);
          const whole = issuesAt(wholeIssues(field, text), field.path);
          expect(whole.length, field.name).toBeGreaterThan(0);
          // Too long for the field (zod counts code points): refused for that. Otherwise, for the number.
          if (field.maxLength === null || [...text.trim()].length <= field.maxLength) expect(whole.map((i) => i.message).join('\n'), `${field.name}: ${JSON.stringify(text)}`).toMatch(NHS);
        }),
        { numRuns: 40 },
      );
    }
  }, 60_000);

  it('never refuses the same digits failing Modulus 11 as an NHS number (property)', () => {
    for (const field of safeFields())
      fc.assert(
        fc.property(spelledFailingNumber, ({ text }) => {
          const result = field.leaf.safeParse(text);
          const guardIssues = (result.error?.issues ?? []).filter((i) => i.params?.safeText);
          expect(guardIssues, `${field.name}: ${JSON.stringify(text)}`).toEqual([]);
        }),
        { numRuns: 40 },
      );
  }, 60_000);

  it.each([
    ['a NUL', 'Seen A\u0000B today', /control character \(U\+0000, NUL\)/],
    ['an escape character', 'Seen \u001b[31m today', /control character \(U\+001B\)/],
    ['a lone high surrogate', 'Seen \ud83d today', /unpaired UTF-16 surrogate, U\+D83D/],
    ['a lone low surrogate', 'Seen \ude00 today', /unpaired UTF-16 surrogate, U\+DE00/],
  ])('refuses %s with a clear message at the field', (_what, text, message) => {
    for (const field of safeFields()) {
      const value = field.maxLength !== null && text.length > field.maxLength ? text.replace('Seen ', '').replace(' today', '') : text;
      expect(issuesAt(wholeIssues(field, value), field.path).map((i) => i.message).join('\n'), field.name).toMatch(message);
    }
  });

  it('accepts tabs, new lines, emoji and every script', () => {
    for (const field of safeFields()) {
      const result = field.leaf.safeParse('Ok\tfine\r\nNew line 😀 é ß Ж ١٢');
      expect((result.error?.issues ?? []).filter((i) => i.params?.safeText), field.name).toEqual([]);
    }
  });
});

describe('every query-string filter', () => {
  it('turns a NUL or a lone surrogate into a character no stored text holds, never an error', () => {
    const search = fields.filter((f) => f.kind === 'search');
    expect(search.length).toBeGreaterThan(5);
    for (const field of search)
      for (const q of ['A\u0000B', 'A\ud800B', '\udfff', 'x\u0007']) {
        const result = field.leaf.safeParse(q);
        expect(result.success, field.name).toBe(true);
        expect((result as unknown as { data: string }).data, field.name).not.toMatch(/[\u0000-\u001f]|[\ud800-\udfff]/u);
      }
  });
});
