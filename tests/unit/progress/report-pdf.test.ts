import { describe, expect, it } from 'vitest';
import { gatewayChecklist } from '@/lib/progress/gateway';
import { progressReportPdf } from '@/lib/progress/report-pdf';
import { sumFigures } from '@/lib/progress/readiness';
import { DEFAULT_PROGRESS_SETTINGS } from '@/lib/progress/settings';
import { readTaggedPdf } from '../../support/tagged-pdf';

// Longer than any cell was allowed to show before (95 characters): it must be there whole.
const LONG_KSB = 'How to apply the national clinical coding standards for ICD-10 and OPCS-4 to given diagnoses and treatments, including the sequencing rules, dagger and asterisk conventions and the codes for procedures performed in more than one session';

describe('the progress report PDF', () => {
  it('holds every section, all 59 KSBs with their full text and a footer on every page, with no blank page; tagged, with headings and tables of header cells', async () => {
    const ksbMap = Array.from({ length: 59 }, (_, i) => ({ code: i < 29 ? `K${i + 1}` : i < 54 ? `S${i - 28}` : `B${i - 53}`, text: i === 58 ? LONG_KSB : 'How to apply codes to given diagnosis and treatments', state: i % 3 ? 'met' : 'not_started', accuracy: i % 2 ? 88 : null }));
    const pdf = await progressReportPdf({
      apprenticeName: 'Sam Whitfield',
      employerName: 'Ashwell Vale Hospitals NHS Trust',
      startDate: '2025-09-01',
      plannedEndDate: '2027-03-01',
      generatedAt: new Date('2026-11-29T12:00:00Z'),
      settings: DEFAULT_PROGRESS_SETTINGS,
      rag: { rag: 'amber', reasons: [{ rag: 'amber', text: 'progress review overdue by 3 days' }] },
      coverage: { met: 39, expected: 49 },
      level: 'first',
      cases: 20,
      figures: sumFigures([{ pdCorrect: 19, pdOf: 20, sdCorrect: 30, sdOf: 34, ppCorrect: 15, ppOf: 15, spCorrect: 9, spOf: 10 }]),
      theory: { answered: 60, right: 47, percent: 78.3 },
      otj: { logged: 360.5, planned: 347.57 },
      ksbMap,
      gateway: gatewayChecklist({ ksbsMet: 39, ksbsMissing: ['K1'], otjLogged: 360, otjPlannedToDate: 347, english: 'achieved', maths: 'achieved', startDate: '2025-09-01', weeklyHours: 37.5, today: new Date('2026-11-29'), readiness: 'first', confirmations: [], mocks: [] }),
      latestReview: { reviewDate: '2026-11-09', progressSummary: 'Steady progress on sequencing.', targets: 'Dagger and asterisk module.', signed: 'signed by trainer, apprentice and employer' },
    });
    const r = await readTaggedPdf(pdf);
    const { totalPages, pages: text } = r;
    expect(totalPages).toBeGreaterThan(1);
    text.forEach((page, i) => expect(page).toContain(`page ${i + 1} of ${totalPages}`));
    // Every page has more on it than its footer.
    text.forEach((page) => expect(page.replace(/Coder Pathway.*of \d+/, '').trim().length).toBeGreaterThan(50));
    const all = text.join('\n');
    for (const heading of ['Summary', 'NCCQ readiness', 'Gateway checklist', 'Latest progress review', 'KSB map']) expect(all).toContain(heading);
    for (const code of ['K29', 'S25', 'B5']) expect(all).toContain(code);
    expect(all).toContain('progress review overdue by 3 days');
    expect(all.replace(/\s+/g, ' ')).toContain(`B5 ${LONG_KSB}`);
    expect(all).not.toMatch(/…|\.\.\./);

    expect(r).toMatchObject({ marked: true, lang: 'en-GB', title: 'Progress report: Sam Whitfield', displayDocTitle: true, untagged: [] });
    // The footers are artifacts (so are the KSB map's header row repeated on later pages).
    expect(r.artifacts.filter((a) => /^Coder Pathway - progress report of Sam Whitfield - page \d+ of \d+$/.test(a))).toHaveLength(totalPages);
    // One title, five sections, three tables: readiness (5 figures), gateway, KSB map (59 rows), each
    // with a header row of TH cells and a TH at the head of each row.
    expect(r.roles).toMatchObject({ H1: 1, H2: 5, Sect: 5, Table: 3, L: 1, LI: 3 });
    expect(r.outlines[0]).toMatch(/^Document\(H1 P Sect\(H2 L\(LI\(Lbl LBody\) LI\(Lbl LBody\) LI\(Lbl LBody\)\)\) Sect\(H2 Table\(TR\(TH TH TH TH TH\) TR\(TH TD TD TD TD\)/);
    const gatewayRows = r.roles.TR! - 1 - 5 - 1 - 59 - 1;
    expect(gatewayRows).toBeGreaterThan(3);
    expect(r.roles.TH).toBe(5 + 5 + 4 + gatewayRows + 4 + 59);
  });
});
