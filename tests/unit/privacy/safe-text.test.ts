import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import fc from 'fast-check';
import { firstTextProblem, safeText, searchText, textProblem } from '@/lib/forms/safe-text';
import { FileRefused, cleanFileName } from '@/lib/files/file-types';
import { SignInInput } from '@/lib/auth/sign-in-schema';
import { parseApprenticeCsv } from '@/lib/admin/csv-import';
import { spelledNhsNumber } from './spellings';

describe('safe text', () => {
  const Title = z.object({ title: safeText({ label: 'title', max: 200 }).min(3, 'Give a title.') });

  it('refuses an NHS number, saying what it found and why, as a field error', () => {
    const result = Title.safeParse({ title: 'Patient 943\u200b476\u00a05919' });
    expect(z.flattenError(result.error!).fieldErrors).toEqual({
      title: ['“943\u200b476 5919” in the title looks like an NHS number; remove it — content must be synthetic.'],
    });
  });

  it('names a NUL and a lone surrogate in words', () => {
    expect(textProblem('A\u0000B', 'title')).toBe(
      'There is an invisible control character (U+0000, NUL) in the title that cannot be saved. Delete it, or type the text again rather than pasting it.',
    );
    expect(textProblem('A\ud800B', 'title')).toMatch(/^There is a broken character \(an unpaired UTF-16 surrogate, U\+D800\) in the title/);
    expect(textProblem('A😀B\tC\r\nD', 'title')).toBeNull();
  });

  it('checks the length first, and does not scan what is too long', () => {
    const result = safeText({ label: 'code', max: 20 }).safeParse(`${'x'.repeat(30)} 943 476 5919`);
    expect(result.error!.issues.map((i) => i.message)).toEqual(['Keep the code under 20 characters.']);
  });

  it('lets the sign-in email through with digits that pass Modulus 11, but never a NUL', () => {
    expect(SignInInput.safeParse({ email: '9434765919@example.nhs.uk', password: 'x' }).success).toBe(true);
    expect(z.flattenError(SignInInput.safeParse({ email: 'a\u0000@example.nhs.uk', password: 'x' }).error!).fieldErrors.email![0]).toMatch(/NUL/);
    expect(z.flattenError(SignInInput.safeParse({ email: 'a\udc00@example.nhs.uk', password: 'x' }).error!).fieldErrors.email![0]).toMatch(/surrogate/);
  });
});

describe('search filters', () => {
  it('keep ordinary text and make a NUL or lone surrogate a character nothing stored holds', () => {
    const q = searchText(100);
    expect(q.parse('  Sam ')).toBe('Sam');
    expect(q.parse('A\u0000B')).toBe('A\ufffdB');
    expect(q.parse('A\ud800B')).toBe('A\ufffdB');
    expect(q.parse('😀')).toBe('😀');
    expect(q.parse(['not', 'a string'])).toBe('');
  });
});

describe('JSON typed into a form', () => {
  it('is checked string by string, so escapes do not hide a NUL, a surrogate or an NHS number', () => {
    expect(firstTextProblem(JSON.parse('{"a":[{"title":"x\\u0000y"}]}'), 'blueprint')).toMatch(/^a\.0\.title: There is an invisible control character \(U\+0000, NUL\) in the blueprint/);
    expect(firstTextProblem(JSON.parse('{"t":"\\ud800"}'), 'blueprint')).toMatch(/^t: .*surrogate/);
    expect(firstTextProblem(JSON.parse('{"t":"\\u0039434765919"}'), 'blueprint')).toMatch(/^t: .*NHS number/);
    expect(firstTextProblem(JSON.parse('{"\\u0000":1}'), 'blueprint')).toMatch(/NUL/);
    expect(firstTextProblem({ ok: ['fine', 3, null, { x: 'y' }] }, 'blueprint')).toBeNull();
  });

  it('does not overflow the stack on JSON nested a hundred thousand deep', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}"x\\u0000"${']'.repeat(100_000)}`);
    expect(firstTextProblem(deep, 'blueprint')).toMatch(/NUL/);
  });
});

describe('file names', () => {
  it('refuse an NHS number in any spelling (property)', () => {
    fc.assert(
      fc.property(spelledNhsNumber, ({ text }) => {
        // A file name is one path segment: slashes would split it, so this property writes them as dots.
        const name = `${text.replace(/[/\\\uff0f]/g, '.')}.pdf`;
        expect(() => cleanFileName(name)).toThrow(FileRefused);
        expect(() => cleanFileName(name)).toThrow(/looks like an NHS number/);
      }),
      { numRuns: 300 },
    );
  });

  it('refuse a lone surrogate, drop control characters, and never cut a surrogate pair in half', () => {
    expect(() => cleanFileName('scan\ud800.pdf')).toThrow(/surrogate/);
    expect(cleanFileName('re\u0000port.pdf')).toBe('report.pdf');
    expect(cleanFileName('9434765918 notes.pdf')).toBe('9434765918 notes.pdf');
    const long = cleanFileName(`${'a'.repeat(195)}😀😀😀.pdf`);
    expect(long).toBe(`${'a'.repeat(195)}.pdf`);
    expect(long).not.toMatch(/[\ud800-\udfff]/u);
  });
});

describe('the apprentice CSV import', () => {
  it('refuses a name, employer or cohort holding an NHS number or a NUL, by line and column', () => {
    const csv = ['name,email,employer,cohort,start date,planned end date,weekly hours', 'Sam 943 476 5919,sam@x.example,Ashwell,2026,2026-01-05,2027-07-05,37.5', 'Ann,ann@x.example,Ash\u0000well,,2026-01-05,2027-07-05,37.5'].join('\n');
    const { problems } = parseApprenticeCsv(csv);
    expect(problems).toEqual([
      { line: 2, column: 'name', message: expect.stringMatching(/NHS number/) },
      { line: 3, column: 'employer', message: expect.stringMatching(/NUL/) },
    ]);
  });
});
