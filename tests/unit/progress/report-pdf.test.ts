import { describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { gatewayChecklist } from '@/lib/progress/gateway';
import { progressReportPdf } from '@/lib/progress/report-pdf';
import { sumFigures } from '@/lib/progress/readiness';
import { DEFAULT_PROGRESS_SETTINGS } from '@/lib/progress/settings';

describe('the progress report PDF', () => {
  it('holds every section, all 59 KSBs and a footer on every page, with no blank page', async () => {
    const ksbMap = Array.from({ length: 59 }, (_, i) => ({ code: i < 29 ? `K${i + 1}` : i < 54 ? `S${i - 28}` : `B${i - 53}`, text: 'How to apply codes to given diagnosis and treatments', state: i % 3 ? 'met' : 'not_started', accuracy: i % 2 ? 88 : null }));
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
    const { totalPages, text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: false });
    expect(totalPages).toBeGreaterThan(1);
    text.forEach((page, i) => expect(page).toContain(`page ${i + 1} of ${totalPages}`));
    // Every page has more on it than its footer.
    text.forEach((page) => expect(page.replace(/Coder Pathway.*of \d+/, '').trim().length).toBeGreaterThan(50));
    const all = text.join('\n');
    for (const heading of ['Summary', 'NCCQ readiness', 'Gateway checklist', 'Latest progress review', 'KSB map']) expect(all).toContain(heading);
    for (const code of ['K29', 'S25', 'B5']) expect(all).toContain(code);
    expect(all).toContain('progress review overdue by 3 days');
  });
});
