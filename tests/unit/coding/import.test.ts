import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  describeProblem,
  detectFormat,
  MAX_BYTES,
  MAX_LINES,
  MAX_PROBLEMS,
  parseRelease,
  type ImportedCode,
  type ParsedRelease,
  type ReleaseFormat,
} from '@/lib/coding/import/parse-release';

// Hand-written fixtures shaped like the TRUD files (the official files may not be redistributed).
const dir = path.resolve('tests/fixtures/classifications');
const bytes = (name: string) => new Uint8Array(readFileSync(path.join(dir, name)));
const text = (name: string) => readFileSync(path.join(dir, name), 'utf8');

function parsed(content: string | Uint8Array): ParsedRelease {
  const result = parseRelease(content);
  if (!result.ok) throw new Error(`expected the file to parse, got:\n${result.problems.map(describeProblem).join('\n')}`);
  return result.release;
}

function failed(content: string | Uint8Array) {
  const result = parseRelease(content);
  if (result.ok) throw new Error(`expected problems, but ${result.release.codes.length} codes were imported`);
  return result;
}

const find = (release: ParsedRelease, code: string): ImportedCode | undefined => release.codes.find((c) => c.code === code);

const withCrlfAndBom = (s: string) => `\uFEFF${s.replace(/\n/g, '\r\n')}`;

describe('reading the four release formats', () => {
  it.each([
    ['icd10-codes-and-metadata.txt', 'icd10', 'icd10-txt', 41],
    ['icd10-codes-and-metadata.xml', 'icd10', 'icd10-xml', 41],
    ['opcs4-codes-and-titles.txt', 'opcs4', 'opcs4-txt', 31],
    ['opcs4-codes-and-titles.xml', 'opcs4', 'opcs4-xml', 31],
  ] as const)('reads %s as %s in the %s format with %i codes', (file, scheme, format, count) => {
    const release = parsed(bytes(file));
    expect(release.scheme).toBe(scheme);
    expect(release.format).toBe(format);
    expect(release.codes).toHaveLength(count);
  });

  it.each(['icd10-codes-and-metadata.txt', 'icd10-codes-and-metadata.xml'])(
    'reads the UK details of ICD-10 codes from %s',
    (file) => {
      const release = parsed(bytes(file));
      // I10 is written I10X in ALT_CODE; the code keeps the UK form without the filler.
      expect(find(release, 'I10')).toEqual({
        code: 'I10', title: 'Essential (primary) hypertension', usage: 'default',
        modifier: null, sex: null, minAge: null, maxAge: null,
      });
      expect(find(release, 'I10X')).toBeUndefined();
      expect(find(release, 'S32.50')).toMatchObject({ title: 'Fracture of pubis', modifier: 'closed' });
      expect(find(release, 'S32.51')).toMatchObject({ modifier: 'open' });
      expect(find(release, 'W01.1')).toMatchObject({ modifier: 'Residential institution' });
      expect(find(release, 'M45.X0')).toMatchObject({ modifier: 'Multiple sites in spine' });
      // GENDER_MASK 2 is male and 1 is female in the release: the reverse of the person gender code.
      expect(find(release, 'N40')).toMatchObject({ sex: 'male', minAge: null });
      expect(find(release, 'O80.0')).toMatchObject({ sex: 'female', minAge: 15, maxAge: 45 });
      expect(find(release, 'O80')).toMatchObject({ sex: null, minAge: null, maxAge: null });
      expect(find(release, 'P07.0')).toMatchObject({ sex: null, minAge: null, maxAge: 1 });
      expect(find(release, 'G01')?.usage).toBe('asterisk');
      expect(find(release, 'A17.0')?.usage).toBe('dagger');
      expect(find(release, 'H81.0')?.title).toBe("Ménière's disease");
    },
  );

  it.each(['opcs4-codes-and-titles.txt', 'opcs4-codes-and-titles.xml'])('reads OPCS-4 codes dotted from %s', (file) => {
    const release = parsed(bytes(file));
    expect(find(release, 'A01.1')).toEqual({
      code: 'A01.1', title: 'Hemispherectomy', usage: 'default', modifier: null, sex: null, minAge: null, maxAge: null,
    });
    expect(find(release, 'H01.1')?.title).toBe('Emergency excision of abnormal appendix and drainage HFQ');
    expect(find(release, 'Z94.1')?.title).toBe('Bilateral operation');
    expect(find(release, 'Y75.2')?.title).toBe('Laparoscopic approach to abdominal cavity NEC');
    expect(find(release, 'Y98.1')?.title).toBe('Radiology of one body area (or < 20 minutes)');
    expect(release.codes.every((c) => /^[A-Z]\d{2}(\.\d)?$/.test(c.code))).toBe(true);
  });

  it('reads OPCS-4 text with dotted and undotted codes alike', () => {
    const release = parsed('A01\tMajor excision of tissue of brain\nA01.1\tHemispherectomy\nA012\tTotal lobectomy of brain\n');
    expect(release.codes.map((c) => c.code)).toEqual(['A01', 'A01.1', 'A01.2']);
  });

  it('reads ICD-10 text lines whose trailing empty columns were trimmed by an editor', () => {
    const trimmed = text('icd10-codes-and-metadata.txt').replace(/\t+$/gm, '');
    expect(trimmed).not.toMatch(/\t\n/);
    expect(parsed(trimmed)).toEqual(parsed(bytes('icd10-codes-and-metadata.txt')));
  });

  it('keeps the codes in file order', () => {
    const release = parsed(bytes('icd10-codes-and-metadata.xml'));
    expect(release.codes.slice(0, 4).map((c) => c.code)).toEqual(['A00', 'A00.0', 'A00.1', 'A00.9']);
  });
});

describe('encodings and line endings', () => {
  it.each([
    ['icd10-codes-and-metadata.txt', 41],
    ['icd10-codes-and-metadata.xml', 41],
    ['opcs4-codes-and-titles.txt', 31],
    ['opcs4-codes-and-titles.xml', 31],
  ])('reads %s the same with CRLF line ends and a BOM, as bytes or as a string', (file, count) => {
    const plain = parsed(bytes(file));
    const crlf = withCrlfAndBom(text(file));
    expect(crlf.charCodeAt(0)).toBe(0xfeff);
    expect(crlf).toContain('\r\n');
    const fromString = parsed(crlf);
    const fromBytes = parsed(new TextEncoder().encode(crlf));
    expect(fromString.codes).toHaveLength(count);
    expect(fromString).toEqual(plain);
    expect(fromBytes).toEqual(plain);
  });

  it('gives the same line numbers with CRLF line ends', () => {
    const lf = failed(bytes('icd10-bad.xml')).problems.map((p) => p.line);
    const crlf = failed(withCrlfAndBom(text('icd10-bad.xml'))).problems.map((p) => p.line);
    expect(crlf).toEqual(lf);
    const txt = failed(withCrlfAndBom(text('opcs4-bad.txt'))).problems.map((p) => p.line);
    expect(txt).toEqual(failed(bytes('opcs4-bad.txt')).problems.map((p) => p.line));
  });

  it('falls back to windows-1252 when the bytes are not UTF-8', () => {
    // "é" is the single byte 0xE9 in windows-1252, which is not valid UTF-8.
    const latin = (s: string) => Uint8Array.from(s, (ch) => ch.charCodeAt(0));
    const release = parsed(latin('H81\tOther vestibular disorders\nH81.0\tM\u00e9ni\u00e8re operation\n'));
    expect(release.codes[1]?.title).toBe('Ménière operation');
  });

  it('reads UTF-16 text with its byte order mark', () => {
    const s = 'A01\tMajor excision of tissue of brain\nA01.1\tHemispherectomy\n';
    const utf16 = new Uint8Array(2 + s.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < s.length; i++) utf16[2 + i * 2] = s.charCodeAt(i);
    expect(parsed(utf16).codes.map((c) => c.code)).toEqual(['A01', 'A01.1']);
  });
});

describe('faulty files', () => {
  it('reports every faulty ICD-10 text line by its line number and imports nothing', () => {
    const result = failed(bytes('icd10-bad.txt'));
    expect(result.format).toBe('icd10-txt');
    expect(result).not.toHaveProperty('release');
    expect(result.problems.map(describeProblem)).toEqual([
      'line 4: code "S3X.5" is not shaped like an ICD-10 code',
      'line 5: code "A00.1" has no title (DESCRIPTION is empty)',
      'line 6: USAGE "NORMAL" is not DEFAULT, DAGGER or ASTERISK',
      'line 7: GENDER_MASK "M" is not 1 (female) or 2 (male)',
      'line 9: MIN_AGE "15y" is not a whole number of years',
      'line 10: code "A00.0" appears again (first on line 3)',
      'line 11: code "S32.51" has no parent: "S32.5" is not in the file',
      'line 12: code "I21.0" has no parent: "I21" is not in the file',
      'line 13: MIN_AGE 50 is greater than MAX_AGE 45',
      'line 14: ALT_CODE "I10Y" does not match code "I10"',
      'line 15: USAGE_UK "7" is not one of 0, 1, 2, 3 or 4',
      'line 16: the line has 13 columns; the header has 12',
    ]);
  });

  it('reports every faulty ICD-10 XML element by its line number and imports nothing', () => {
    const result = failed(bytes('icd10-bad.xml'));
    expect(result.format).toBe('icd10-xml');
    expect(result.problems.map(describeProblem)).toEqual([
      'line 5: code "S3X.5" is not shaped like an ICD-10 code',
      'line 6: code "A00.1" has no title (DESCRIPTION is empty)',
      'line 7: USAGE "STAR" is not DEFAULT, DAGGER or ASTERISK',
      'line 8: GENDER_MASK "3" is not 1 (female) or 2 (male)',
      'line 10: MAX_AGE "28 days" is not a whole number of years',
      'line 11: code "A00" appears again (first on line 3)',
      'line 12: code "S32.50" has no parent: "S32.5" is not in the file',
      'line 13: code "W01.1" has no parent: "W01" is not in the file',
      'line 14: unexpected element <ROW>; expected <CLASS>',
    ]);
  });

  it('reports every faulty OPCS-4 text line by its line number and imports nothing', () => {
    const result = failed(bytes('opcs4-bad.txt'));
    expect(result.format).toBe('opcs4-txt');
    expect(result.problems.map(describeProblem)).toEqual([
      'line 3: code "A1.1" is not shaped like an OPCS-4 code',
      'line 4: code "A013" has no title',
      'line 5: code "A01.1" appears again (first on line 2)',
      'line 6: code "H01.1" has no parent: "H01" is not in the file',
      'line 7: code "I10" is not shaped like an OPCS-4 code',
      'line 8: the line has 3 columns; an OPCS-4 line has two, the code and the title',
      'line 10: the line has no tab between the code and the title: "Y752 Laparoscopic approach to abdominal cavity NEC"',
    ]);
  });

  it('reports every faulty OPCS-4 XML element by its line number and imports nothing', () => {
    const result = failed(bytes('opcs4-bad.xml'));
    expect(result.format).toBe('opcs4-xml');
    expect(result.problems.map(describeProblem)).toEqual([
      'line 5: code "A01-2" is not shaped like an OPCS-4 code',
      'line 6: code "A01.3" has no title (TITLE is empty or missing)',
      'line 7: code "A01.1" appears again (first on line 4)',
      'line 8: code "H01.1" has no parent: "H01" is not in the file',
      'line 9: unexpected element <chapter>; expected <code>',
    ]);
  });

  it('reports XML that is not well formed at the line where it breaks', () => {
    const xml = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<dsv xmlns="https://www.digital.nhs.uk/opcs/codes">',
      '    <code CODE="A01" TITLE="Major excision of tissue of brain"/>',
      '    <code CODE="A01.1" TITLE="Hemispherectomy" TITLE="Hemispherectomy"/>',
      '    <code CODE="A01.2" TITLE="Total lobectomy of brain"/>',
      '</dsv>',
    ].join('\n');
    const result = failed(xml);
    expect(result.format).toBe('opcs4-xml');
    expect(result.problems).toEqual([{ line: 4, message: 'the XML is not well formed: duplicate attribute: TITLE.' }]);
    // An element left open swallows the next one, and breaks the XML where its parent closes.
    const unclosed = failed(xml.replace('TITLE="Hemispherectomy" TITLE="Hemispherectomy"/>', 'TITLE="Hemispherectomy">'));
    expect(unclosed.problems).toEqual([
      { line: 5, message: 'unexpected element <code> inside <code>' },
      { line: 6, message: 'the XML is not well formed: unexpected close tag.' },
    ]);
  });

  it('refuses a DOCTYPE without expanding its entities', () => {
    const xml = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE DSV [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>',
      '<DSV xmlns="urn:nhs-org:icd-10">',
      '  <CLASS CODE="I10" ALT_CODE="I10X" USAGE="DEFAULT" USAGE_UK="3" DESCRIPTION="&lol2;" />',
      '</DSV>',
    ].join('\n');
    const result = failed(xml);
    expect(result.format).toBe('icd10-xml');
    expect(result.problems).toEqual([
      { line: 2, message: 'the file has a DOCTYPE declaration; release files have none, and it is not read' },
    ]);
  });

  it('calls a release with no codes a problem rather than an empty import', () => {
    const result = failed(text('icd10-codes-and-metadata.txt').split('\n')[0]!);
    expect(result.format).toBe('icd10-txt');
    expect(result.problems).toEqual([{ line: 0, message: 'the file has no codes' }]);
  });

  it('names the missing columns of an ICD-10 header', () => {
    const result = failed('CODE\tALT_CODE\tUSAGE_UK\nI10\tI10X\t3\n');
    expect(result.format).toBe('icd10-txt');
    expect(result.problems).toEqual([{ line: 1, message: 'the header line has no USAGE, DESCRIPTION columns' }]);
  });

  it('shows the first problems and counts the rest', () => {
    const lines = Array.from({ length: MAX_PROBLEMS + 50 }, (_, i) => `A${String(i).padStart(3, '0')}\tBad code ${i}`);
    const result = failed(lines.join('\n'));
    expect(result.problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(result.problems[0]).toEqual({ line: 1, message: 'code "A00.0" has no parent: "A00" is not in the file' });
    expect(result.problems[MAX_PROBLEMS - 1]?.line).toBe(MAX_PROBLEMS);
    expect(result.problems[MAX_PROBLEMS]).toEqual({ line: 0, message: '… and 50 more' });
  });
});

describe('recognising the format from the content alone', () => {
  it.each([
    ['icd10-codes-and-metadata.txt', 'icd10-txt'],
    ['icd10-codes-and-metadata.xml', 'icd10-xml'],
    ['opcs4-codes-and-titles.txt', 'opcs4-txt'],
    ['opcs4-codes-and-titles.xml', 'opcs4-xml'],
    ['icd10-bad.txt', 'icd10-txt'],
    ['icd10-bad.xml', 'icd10-xml'],
    ['opcs4-bad.txt', 'opcs4-txt'],
    ['opcs4-bad.xml', 'opcs4-xml'],
  ] satisfies [string, ReleaseFormat][])('detects %s as %s', (file, format) => {
    expect(detectFormat(text(file))).toBe(format);
  });

  it('reads an ICD-10 XML file saved under an OPCS-4 text name as ICD-10 XML', () => {
    const release = parsed(bytes('opcs4-codes-and-titles-misnamed.txt'));
    expect(release.format).toBe('icd10-xml');
    expect(release.codes.map((c) => c.code)).toEqual(['I10', 'N40']);
  });

  it('detects the same content the same way with a BOM and CRLF', () => {
    expect(detectFormat(withCrlfAndBom(text('opcs4-codes-and-titles.txt')))).toBe('opcs4-txt');
    expect(detectFormat(withCrlfAndBom(text('icd10-codes-and-metadata.xml')))).toBe('icd10-xml');
  });

  it.each([
    ['an empty file', '', /the file is empty$/],
    ['a WHO code list with its own header', 'code\ttitle\tchapter\nA00\tCholera\tI\nA00.0\tCholera due to Vibrio cholerae 01\tI\n', /expected the ICD-10 header line/],
    ['ICD-10 lines without the header', 'A00\tA00\tDEFAULT\t3\tCholera\nA00.0\tA000\tDEFAULT\t3\tCholera due to Vibrio cholerae 01\n', /expected the ICD-10 header line/],
    ['WHO ClaML', '<?xml version="1.0"?>\n<ClaML version="2.0.0">\n<Class code="A00" kind="category"/>\n</ClaML>\n', /no <CLASS> \(ICD-10\) or <code> \(OPCS-4\) elements \(its root is <ClaML>\)$/],
    ['JSON', '{"codes": [{"code": "I10"}]}', /expected the ICD-10 header line/],
  ])('turns away %s', (_, content, reason) => {
    expect(detectFormat(content)).toBeNull();
    const result = failed(content);
    expect(result.format).toBeNull();
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.line).toBe(0);
    expect(result.problems[0]?.message).toMatch(/^not an ICD-10 5th Edition or OPCS-4 release file: /);
    expect(result.problems[0]?.message).toMatch(reason);
  });
});

describe('limits', () => {
  it('refuses a file over 50 MB before reading it', () => {
    expect(MAX_BYTES).toBe(50 * 1024 * 1024);
    const big = new Uint8Array(MAX_BYTES + 1).fill(0x20);
    expect(failed(big)).toEqual({ ok: false, format: null, problems: [{ line: 0, message: 'the file is 50.0 MB; the limit is 50.0 MB' }] });
  });

  it('measures a string in UTF-8 bytes, not characters', () => {
    // 20 million characters of three bytes each: 60 million bytes, over the limit though under it in characters.
    const wide = '€'.repeat(20_000_000);
    expect(wide.length).toBeLessThan(MAX_BYTES);
    expect(failed(wide).problems[0]?.message).toMatch(/^the file is 57\.2 MB; the limit is 50\.0 MB$/);
  });

  // Each builds and parses 200,000 lines: a few seconds alone, more on a loaded 2-core machine.
  it('refuses a text file with more than 200,000 lines and reads one with exactly 200,000', { timeout: 30_000 }, () => {
    expect(MAX_LINES).toBe(200_000);
    const line = 'A01\tMajor excision of tissue of brain\n';
    const over = failed(line.repeat(MAX_LINES + 1));
    expect(over.format).toBe('opcs4-txt');
    expect(over.problems).toEqual([{ line: 0, message: 'the file has 200,001 lines; the limit is 200,000' }]);
    // At the limit the file is read: its problems are per line (duplicates), not a refusal.
    const at = failed(line.repeat(MAX_LINES));
    expect(at.problems[0]).toEqual({ line: 2, message: 'code "A01" appears again (first on line 1)' });
  });

  it('refuses an XML file with more than 200,000 code elements, even on one line', { timeout: 30_000 }, () => {
    const xml = `<dsv>${'<code CODE="A01" TITLE="Major excision of tissue of brain"/>'.repeat(MAX_LINES + 1)}</dsv>`;
    expect(failed(xml)).toEqual({
      ok: false,
      format: 'opcs4-xml',
      problems: [{ line: 0, message: 'the file has more than 200,000 <code> elements; the limit is 200,000' }],
    });
  });
});
