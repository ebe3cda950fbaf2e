import { describe, expect, it } from 'vitest';
import { taggedPdf } from '@/lib/pdf/tagged';
import { readTaggedPdf } from '../../support/tagged-pdf';

const LONG = 'Uses the national standards and conventions of ICD-10 and OPCS-4 when a record is ambiguous, incomplete or contradictory, and raises a query with the clinician concerned before assigning a code; '.repeat(3).trim();

describe('a tagged PDF', () => {
  it('has a title shown in the window, en-GB, and a structure tree in reading order with headings, a list and a table with header cells', async () => {
    const pdf = taggedPdf({ title: 'A test document' });
    pdf.heading(1, 'A test document');
    pdf.paragraph('An opening paragraph.');
    pdf.section(2, 'A section', () => {
      pdf.list(['First item', 'Second item']);
      pdf.table(
        [
          { title: 'Code', weight: 1 },
          { title: 'What it is', weight: 5 },
        ],
        [['K1', LONG]],
        { rowHeaders: true },
      );
    });
    const r = await readTaggedPdf(await pdf.end((page, of) => `Footer ${page} of ${of}`));

    expect(r.marked).toBe(true);
    expect(r.lang).toBe('en-GB');
    expect(r.title).toBe('A test document');
    expect(r.displayDocTitle).toBe(true);
    expect(r.outlines[0]).toBe('Document(H1 P Sect(H2 L(LI(Lbl LBody) LI(Lbl LBody)) Table(TR(TH TH) TR(TH TD))))');
    // The header cells say which way they head: the column titles down, the code across its row.
    expect(r.raw.match(/\/Scope \/Column/g)).toHaveLength(2);
    expect(r.raw.match(/\/Scope \/Row/g)).toHaveLength(1);
    // Every piece of text is in the tree, but the footer, which is a pagination artifact.
    expect(r.untagged).toEqual([]);
    expect(r.artifacts).toEqual(['Footer 1 of 1']);
    // Wrapped, not cut: the long text is there whole (extracted lines joined back with spaces).
    expect(r.text.replace(/\s+/g, ' ')).toContain(LONG);
    expect(r.text).not.toMatch(/…|\.\.\./);
  });

  it('repeats a long table’s header row on each page for the eye, but has it once in the tree; a row taller than a page is laid out cell below cell, whole', async () => {
    const pdf = taggedPdf({ title: 'Long table' });
    pdf.heading(1, 'Long table');
    const huge = `${'A very long piece of feedback that goes on. '.repeat(400)}The end of it.`;
    pdf.table(
      [
        { title: 'Row', weight: 1 },
        { title: 'Text', weight: 5 },
      ],
      [...Array.from({ length: 80 }, (_, i) => [`R${i + 1}`, `Row ${i + 1} of the table.`]), ['R81', huge]],
    );
    const r = await readTaggedPdf(await pdf.end((page, of) => `Page ${page} of ${of}`));

    expect(r.totalPages).toBeGreaterThan(3);
    expect(r.roles.TR).toBe(1 + 81);
    expect(r.roles.TH).toBe(2);
    expect(r.roles.TD).toBe(2 * 81);
    // Page 2 starts with the header row again, drawn as an artifact.
    expect(r.pages[1]!.trimStart().startsWith('Row Text')).toBe(true);
    expect(r.artifacts).toEqual(expect.arrayContaining(['Row', 'Text']));
    expect(r.untagged).toEqual([]);
    const all = r.text.replace(/\s+/g, ' ');
    expect(all).toContain('R80 Row 80 of the table.');
    expect(all.match(/A very long piece of feedback that goes on\./g)).toHaveLength(400);
    expect(all).toContain('The end of it.');
  });
});
