import { formatDate } from '@/lib/format';
import { taggedPdf } from '@/lib/pdf/tagged';
import type { KsbMapRow } from './ksb-map';

/**
 * The KSB map as a printable A4 table, tagged for screen readers (lib/pdf/tagged.ts): code, the KSB's
 * full text, met or not, and the evidence claiming it ("[met]" marks the pieces that judged it met).
 * The header names the apprentice, the standard and the date; every page is numbered. Small (59 rows),
 * so built in memory.
 */
export async function ksbMapPdf(rows: KsbMapRow[], header: { apprenticeName: string; standardReference: string; standardTitle: string; generatedAt: Date }): Promise<Buffer> {
  const title = `KSB map: ${header.apprenticeName}`;
  const pdf = taggedPdf({ title, subject: `${header.standardReference} knowledge, skills and behaviours`, margin: 40 });

  const met = rows.filter((r) => r.met).length;
  pdf.heading(1, title);
  pdf.paragraph(`${header.standardTitle} (${header.standardReference})`, { size: 10 });
  pdf.paragraph(`Generated ${formatDate(header.generatedAt)}. Met: ${met} of ${rows.length}.`, { size: 10 });
  pdf.paragraph('A KSB counts as met when the latest decision on a piece that is accepted now judged it met. "[met]" marks those pieces.', { size: 9, color: pdf.GREY });
  pdf.doc.moveDown(0.5);

  pdf.table(
    [
      { title: 'KSB', weight: 38 },
      { title: 'What it is', weight: 235 },
      { title: 'Met?', weight: 42 },
      { title: 'Evidence', weight: 200 },
    ],
    rows.map((r) => [r.code, r.text, r.met ? 'Met' : 'Not yet', r.evidence.length ? r.evidence.map((e) => `${e.met ? '[met] ' : ''}${e.title}`).join('\n') : '-']),
    { rowHeaders: true },
  );

  return pdf.end((page, of) => `${header.apprenticeName}, KSB map, ${header.standardReference}. Page ${page} of ${of}`);
}
