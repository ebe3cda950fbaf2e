import { describe, expect, it } from 'vitest';
import type { ProgressReviewDetail } from '@/lib/dal/reviews';
import { reviewPdf } from '@/lib/reviews/review-pdf';
import { readTaggedPdf } from '../../support/tagged-pdf';

const LONG_KSB =
  'Uses the national clinical coding standards and conventions for ICD-10 and OPCS-4 to assign codes to diagnoses and procedures accurately, including sequencing, the dagger and asterisk convention and the rules for bilateral and staged procedures';

const review: ProgressReviewDetail = {
  id: '00000000-0000-4000-8000-000000000001',
  apprenticeshipId: '00000000-0000-4000-8000-000000000002',
  apprenticeId: '00000000-0000-4000-8000-000000000003',
  apprenticeName: 'Tom Hargreaves',
  startDate: '2025-09-01',
  employerName: 'Ashwell Vale Hospitals NHS Trust',
  trainerId: '00000000-0000-4000-8000-000000000004',
  trainerName: 'Priya Patel',
  reviewDate: '2026-11-09',
  progressSummary: 'Steady progress on sequencing.\n\nThe audit scores went up from 84% to 91%.',
  ksbsDiscussed: ['K1', 'S3'],
  targets: 'Complete the dagger and asterisk module and code one full outpatient clinic list before the next review.',
  otjHoursLogged: 120.5,
  otjHoursPlanned: 118,
  englishMaths: 'English: achieved. Maths: in progress (was: required).',
  supportDiscussed: 'Weekly catch-up with the coding manager; 25% extra time on timed mocks.',
  planVersion: 2,
  wellbeing: 'Settled in the team.',
  safeguardingConcern: false,
  safeguardingNotes: null,
  apprenticeComment: 'Agreed.',
  apprenticeSignedAt: new Date('2026-11-10T09:00:00Z'),
  employerComment: 'Tom works carefully and asks good questions on the ward.',
  employerSignedName: 'Helen Birch',
  employerSignedAt: new Date('2026-11-11T09:00:00Z'),
  rowVersion: 3,
  createdAt: new Date('2026-11-09T15:00:00Z'),
  awaiting: [],
  final: true,
  mySide: null,
  gap: { learningDays: 70, late: false, since: 'previous', message: null },
  ksbs: [
    { code: 'K1', text: 'The structure of clinical classifications.' },
    { code: 'S3', text: LONG_KSB },
  ],
};

describe('the progress review PDF', () => {
  it('is tagged: title, en-GB, headings, the KSBs as a table with header cells and their full text, the footer an artifact', async () => {
    const r = await readTaggedPdf(await reviewPdf(review, new Date('2026-11-12T10:00:00Z')));

    expect(r).toMatchObject({ marked: true, lang: 'en-GB', title: 'Progress review: Tom Hargreaves, 9 Nov 2026', displayDocTitle: true, untagged: [] });
    expect(r.artifacts).toEqual([expect.stringMatching(/^Coder Pathway · generated 12 Nov 2026.* · page 1 of 1$/)]);
    // Nine sections under the title; the signatures hold one per signer.
    expect(r.roles).toMatchObject({ H1: 1, H2: 9, H3: 3, Table: 1, TR: 3, TH: 2 + 2, TD: 2 });
    expect(r.outlines[0]).toContain('Sect(H2 Table(TR(TH TH) TR(TH TD) TR(TH TD)))');
    // Paragraphs kept as written: two for the progress summary.
    expect(r.outlines[0]).toMatch(/^Document\(H1 P P P Sect\(H2 P P\)/);

    const text = r.text.replace(/\s+/g, ' ');
    expect(text).toContain(`S3 ${LONG_KSB}`);
    expect(text).not.toMatch(/…|\.\.\./);
    expect(text).toContain(review.targets);
    expect(text).toContain('Comment: Tom works carefully and asks good questions on the ward.');
    expect(text).toMatch(/Employer: Helen Birch \(Ashwell Vale Hospitals NHS Trust\), signed/);
    expect(text).toContain('English and maths English: achieved. Maths: in progress (was: required).');
    expect(text).toContain('Support, including reasonable adjustments Weekly catch-up with the coding manager');
    expect(text).toContain('Training plan in force when recorded: version 2.');
    expect(text).not.toContain('Late review');
  });

  it('flags a late review, and says an older review predates the minimum content', async () => {
    const late = { ...review, englishMaths: null, supportDiscussed: null, planVersion: null, gap: { learningDays: 98, late: true, since: 'previous' as const, message: 'Recorded 14 weeks after the previous review: more than the 12 weeks the funding rules allow.' } };
    const text = (await readTaggedPdf(await reviewPdf(late, new Date('2026-11-12T10:00:00Z')))).text.replace(/\s+/g, ' ');
    expect(text).toContain('Late review: Recorded 14 weeks after the previous review: more than the 12 weeks the funding rules allow.');
    expect(text).toContain('English and maths Not recorded: this review predates the minimum content.');
    expect(text).toContain('Support, including reasonable adjustments Not recorded: this review predates the minimum content.');
    expect(text).not.toContain('Training plan in force');
  });
});
