import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRelease } from '@/lib/coding/import/parse-release';

// A classification release file is free text an administrator uploads: a NUL in it reached PostgreSQL,
// which refuses one in text, and the import answered 500 (issue 14, point 5).
describe('a release file holding a control character', () => {
  const good = fs.readFileSync(path.resolve(__dirname, '../../fixtures/classifications/icd10-codes-and-metadata.txt'), 'utf8');

  it('is refused, saying on which line, before anything is parsed or stored', () => {
    const lines = good.split('\n');
    lines[2] = lines[2]!.replace('Cholera', 'Chol\u0000era');
    expect(parseRelease(lines.join('\n'))).toEqual({
      ok: false,
      format: null,
      problems: [{ line: 3, message: 'a control character (U+0000) that no release file holds; the file may be damaged' }],
    });
    expect(parseRelease(Buffer.from(lines.join('\n'), 'utf8'))).toMatchObject({ ok: false, problems: [{ line: 3 }] });
  });

  it('still reads one with tabs and Windows line ends', () => {
    expect(parseRelease(good.replace(/\n/g, '\r\n'))).toMatchObject({ ok: true });
  });
});
