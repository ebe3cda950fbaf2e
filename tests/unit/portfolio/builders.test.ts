import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { buildKsbMap, hoursOf, KSB_MAP_COLUMNS, ksbMapCsv, OTJ_COLUMNS, otjCsv, standingMet } from '@/lib/portfolio/ksb-map';
import { ksbMapPdf } from '@/lib/portfolio/ksb-map-pdf';
import { pieceFolder, pieceJson, placeFiles, safeSegment, slugify } from '@/lib/portfolio/piece';
import { piecePdf } from '@/lib/portfolio/piece-pdf';
import { planPortfolioZip, zipFileName } from '@/lib/portfolio/plan';
import type { PortfolioData, PortfolioFile, PortfolioPiece, PortfolioReview } from '@/lib/portfolio/types';
import { readTaggedPdf } from '../../support/tagged-pdf';

// S3 is longer than the KSB map PDF used to show (140 characters): every PDF must hold it whole.
const LONG_S3 =
  'Code episodes accurately: translate the diagnoses, procedures and interventions in a patient record into ICD-10 and OPCS-4 codes, applying the national standards, sequencing rules and local policies, and query the clinician where the record is unclear';
const KSBS = [
  { code: 'K1', text: 'The structure of clinical classifications.' },
  { code: 'S3', text: LONG_S3 },
  { code: 'S5', text: 'Apply the four-step coding process.' },
  { code: 'B1', text: 'Acts with integrity.' },
];
const at = (iso: string) => new Date(iso);
const review = (versionNo: number, outcome: 'accepted' | 'referred', decisions: Record<string, boolean>, when: string, extra: Partial<PortfolioReview> = {}): PortfolioReview => ({
  id: `r-${versionNo}-${when}`,
  versionNo,
  outcome,
  feedback: `Feedback on v${versionNo}`,
  overrideReason: null,
  reviewerName: 'Priya Patel',
  createdAt: at(when),
  decisions: Object.entries(decisions).map(([ksbCode, met]) => ({ ksbCode, met })),
  ...extra,
});
const file = (id: string, fileName: string, uploaded: string, removedAt: string | null = null): PortfolioFile => ({
  id,
  fileName,
  mediaType: 'application/pdf',
  sizeBytes: 10,
  sha256: `sha-${id}`,
  storageKey: `key-${id}-0123456789abcdef`,
  uploadedAt: at(uploaded),
  removedAt: removedAt ? at(removedAt) : null,
});
const piece = (p: Partial<PortfolioPiece> & Pick<PortfolioPiece, 'id' | 'title'>): PortfolioPiece => ({
  type: 'work_product',
  activityDate: '2026-10-01',
  account: 'An account.',
  status: 'draft',
  submissionNo: 0,
  createdAt: at('2026-10-01T09:00:00Z'),
  updatedAt: at('2026-10-01T09:00:00Z'),
  submittedAt: null,
  ksbs: [],
  versions: [],
  reviews: [],
  witnessStatements: [],
  files: [],
  ...p,
});

describe('the KSB map', () => {
  it('counts a KSB met only on the latest review of a piece accepted now', () => {
    // Referred with S3 met, then accepted with S3 met and S5 not met.
    const accepted = piece({ id: 'a', title: 'Audit', status: 'accepted', ksbs: ['S3', 'S5'], reviews: [review(2, 'accepted', { S3: true, S5: false }, '2026-10-05T10:00:00Z'), review(1, 'referred', { S3: true, S5: false }, '2026-10-02T10:00:00Z')] });
    // An admin overrode the acceptance: S5 met too. The override is the standing decision.
    const overridden = piece({
      id: 'o',
      title: 'Overridden',
      status: 'accepted',
      ksbs: ['S3', 'S5'],
      reviews: [review(1, 'accepted', { S3: true, S5: false }, '2026-10-02T10:00:00Z'), review(1, 'accepted', { S3: false, S5: true }, '2026-10-03T10:00:00Z', { overrideReason: 'Appeal' })],
    });
    // Referred back with K1 judged met: not met until the piece is accepted.
    const referred = piece({ id: 'r', title: 'Referred', status: 'referred', ksbs: ['K1'], reviews: [review(1, 'referred', { K1: true }, '2026-10-02T10:00:00Z')] });
    const draft = piece({ id: 'd', title: 'Draft', ksbs: ['B1', 'S3'] });

    expect([...standingMet(accepted)]).toEqual(['S3']);
    expect([...standingMet(overridden)]).toEqual(['S5']);
    expect([...standingMet(referred)]).toEqual([]);

    const map = buildKsbMap(KSBS, [accepted, overridden, referred, draft]);
    expect(map.map((r) => r.code)).toEqual(['K1', 'S3', 'S5', 'B1']);
    const byCode = Object.fromEntries(map.map((r) => [r.code, r]));
    expect(byCode.K1).toMatchObject({ met: false, evidence: [{ id: 'r', status: 'referred', met: false }] });
    expect(byCode.S3!.met).toBe(true);
    expect(byCode.S3!.evidence.map((e) => [e.id, e.met])).toEqual([
      ['a', true],
      ['o', false],
      ['d', false],
    ]);
    expect(byCode.S5!.evidence.map((e) => [e.id, e.met])).toEqual([
      ['a', false],
      ['o', true],
    ]);
    expect(byCode.B1).toMatchObject({ met: false, evidence: [{ id: 'd', status: 'draft', met: false }] });
  });

  it('writes one CSV row per KSB with the columns named, escaping commas, quotes, new lines and formulas', () => {
    const tricky = piece({ id: 'x', title: '=HYPERLINK("http://evil.example","Click"), with "quotes"\nand a line', status: 'accepted', ksbs: ['S3'], reviews: [review(1, 'accepted', { S3: true }, '2026-10-02T10:00:00Z')] });
    const csv = ksbMapCsv(buildKsbMap(KSBS, [tricky]));
    const parsed = Papa.parse<string[]>(csv.trim());
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[0]).toEqual(KSB_MAP_COLUMNS);
    expect(parsed.data).toHaveLength(1 + KSBS.length);
    const s3 = parsed.data.find((r) => r[0] === 'S3')!;
    expect(s3[2]).toBe('Yes');
    // Read back whole, but with a leading ' so a spreadsheet shows the formula instead of running it.
    expect(s3[3]).toBe(`'${tricky.title} (Accepted)`);
    expect(s3[4]).toBe(`'${tricky.title}`);
    expect(parsed.data.find((r) => r[0] === 'K1')!.slice(2)).toEqual(['No', '', '']);
  });
});

describe('the off-the-job log CSV', () => {
  it('has date, hours, activity type, description, KSBs, status and comment, in date order', () => {
    const csv = otjCsv([
      { activityDate: '2026-10-08', minutes: 90, activityType: 'shadowing', description: 'Shadowed a senior coder, "theatre lists"', ksbs: ['K1', 'S3'], status: 'queried', reviewComment: 'Which lists?', reviewedAt: at('2026-10-09T10:00:00Z') },
      { activityDate: '2026-10-01', minutes: 15, activityType: 'writing_assignments', description: '+ a short note', ksbs: [], status: 'logged', reviewComment: null, reviewedAt: null },
    ]);
    const rows = Papa.parse<string[]>(csv.trim()).data;
    expect(rows[0]).toEqual(OTJ_COLUMNS);
    expect(rows.slice(1)).toEqual([
      ['2026-10-01', '0.25', 'Writing assignments', "'+ a short note", '', 'Logged', ''],
      ['2026-10-08', '1.50', 'Shadowing', 'Shadowed a senior coder, "theatre lists"', 'K1 S3', 'Queried', 'Which lists?'],
    ]);
    expect(hoursOf(1440)).toBe('24.00');
  });
});

describe('the evidence folders', () => {
  it('names folders and files safely', () => {
    expect(pieceFolder(0, 'Coding audit: 20 episodes!', 3)).toBe('evidence/01-coding-audit-20-episodes');
    expect(pieceFolder(99, 'Café réflexion', 120)).toBe('evidence/100-cafe-reflexion');
    expect(slugify('***')).toBe('evidence');
    expect(safeSegment('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(safeSegment('a\\b:c?.pdf')).toBe('a_b_c_.pdf');
    expect(safeSegment('...')).toBe('file');
    expect(zipFileName('Sam Whitfield', at('2026-11-29T12:00:00Z'))).toBe('portfolio-sam-whitfield-2026-11-29.zip');
  });

  it('puts current files in files/ and files only earlier versions held in files/versions/vN/, each once, names told apart', () => {
    const p = piece({
      id: 'p',
      title: 'Audit',
      status: 'accepted',
      files: [file('f1', 'audit.pdf', '2026-10-01T09:00:00Z', '2026-10-03T09:00:00Z'), file('f2', 'audit.pdf', '2026-10-03T10:00:00Z'), file('f3', 'notes.pdf', '2026-10-01T09:30:00Z')],
      versions: [
        { versionNo: 1, title: 'Audit', type: 'work_product', activityDate: '2026-10-01', account: 'v1', ksbs: ['S3'], files: [{ id: 'f1', fileName: 'audit.pdf', mediaType: 'application/pdf', sizeBytes: 10 }, { id: 'f3', fileName: 'notes.pdf', mediaType: 'application/pdf', sizeBytes: 10 }], submittedAt: at('2026-10-01T12:00:00Z') },
        { versionNo: 2, title: 'Audit', type: 'work_product', activityDate: '2026-10-01', account: 'v2', ksbs: ['S3'], files: [{ id: 'f2', fileName: 'audit.pdf', mediaType: 'application/pdf', sizeBytes: 10 }, { id: 'f3', fileName: 'notes.pdf', mediaType: 'application/pdf', sizeBytes: 10 }], submittedAt: at('2026-10-04T12:00:00Z') },
      ],
    });
    const placed = placeFiles('evidence/01-audit', p);
    expect(Object.fromEntries(placed.map((f) => [f.id, f.path]))).toEqual({
      f1: 'evidence/01-audit/files/versions/v1/audit.pdf',
      f3: 'evidence/01-audit/files/notes.pdf',
      f2: 'evidence/01-audit/files/audit.pdf',
    });
    const twins = placeFiles('e', piece({ id: 'q', title: 'Q', files: [file('a', 'scan.png', '2026-10-01T09:00:00Z'), file('b', 'SCAN.png', '2026-10-01T09:01:00Z')] }));
    expect(twins.map((f) => f.path)).toEqual(['e/files/scan.png', 'e/files/SCAN (2).png']);
  });

  const marked = () =>
    piece({
      id: 'p',
      title: 'Audit of twenty episodes',
      status: 'accepted',
      submissionNo: 2,
      ksbs: ['S3'],
      account: 'The account now.\n\nA second paragraph of it.',
      files: [file('f1', 'audit.pdf', '2026-10-01T09:00:00Z')],
      versions: [
        { versionNo: 1, title: 'Audit', type: 'work_product', activityDate: '2026-10-01', account: 'First account.', ksbs: ['S3'], files: [{ id: 'f1', fileName: 'audit.pdf', mediaType: 'application/pdf', sizeBytes: 10 }], submittedAt: at('2026-10-01T12:00:00Z') },
        { versionNo: 2, title: 'Audit of twenty episodes', type: 'work_product', activityDate: '2026-10-01', account: 'The account now.', ksbs: ['S3'], files: [], submittedAt: at('2026-10-04T12:00:00Z') },
      ],
      reviews: [review(1, 'referred', { S3: false }, '2026-10-02T10:00:00Z', { feedback: 'Add a query you raised.' }), review(2, 'accepted', { S3: true }, '2026-10-05T10:00:00Z', { feedback: 'Clear now.' })],
      witnessStatements: [
        { id: 'w', status: 'signed', witnessName: 'Helen Birch', requestMessage: 'Please confirm.', requestedAt: at('2026-10-02T09:00:00Z'), statement: 'I watched Sam code these.', signedName: 'Helen Birch', signedJobTitle: 'Coding manager', signedOn: '2026-10-03', signedAt: at('2026-10-03T09:00:00Z') },
      ],
    });

  it('writes piece.pdf, tagged, with every version, its decisions, feedback and files, the witness statements, and each KSB in full', async () => {
    const p = marked();
    const r = await readTaggedPdf(await piecePdf(p, placeFiles('evidence/01-audit', p), 'evidence/01-audit', KSBS, 'Sam Whitfield'));

    expect(r).toMatchObject({ marked: true, lang: 'en-GB', title: 'Evidence: Audit of twenty episodes', displayDocTitle: true, untagged: [] });
    expect(r.artifacts).toEqual(['Portfolio of Sam Whitfield, evidence piece. Page 1 of 2', 'Portfolio of Sam Whitfield, evidence piece. Page 2 of 2']);
    // Title; KSBs, account, files, versions, witness statements; two versions and one statement; a decision on each version.
    expect(r.roles).toMatchObject({ H1: 1, H2: 5, H3: 3, H4: 2 });
    // Tables: the details; KSBs claimed now, files now; per version the KSBs claimed and the decisions.
    expect(r.roles.Table).toBe(1 + 2 + 2 * 2);
    expect(r.outlines[0]).toMatch(/^Document\(H1 P Table\(TR\(TH TD\) TR\(TH TD\) TR\(TH TD\) TR\(TH TD\) TR\(TH TD\)\) Sect\(H2 Table\(TR\(TH TH\) TR\(TH TD\)\)\) Sect\(H2 P P\) Sect\(H2 Table\(TR\(TH TH TH TH\) TR\(TH TD TD TD\)\)\)/);

    const text = r.text.replace(/\s+/g, ' ');
    expect(text).toContain(`S3 ${LONG_S3}`);
    expect(text).not.toMatch(/…|\.\.\./);
    expect(text).toContain('Status Accepted');
    expect(text).toContain('files/audit.pdf application/pdf 10 bytes sha-f1');
    expect(text).toMatch(/Version 1, submitted[\s\S]*First account\.[\s\S]*audit\.pdf: files\/audit\.pdf[\s\S]*referred back[\s\S]*S3 Not yet met[\s\S]*Add a query you raised\./);
    expect(text).toMatch(/Version 2, submitted[\s\S]*accepted[\s\S]*S3 Met[\s\S]*Clear now\./);
    expect(text).toMatch(/Helen Birch: signed[\s\S]*I watched Sam code these\.[\s\S]*Signed by Helen Birch, Coding manager, on 3 Oct 2026\./);
  });

  it('writes piece.json beside it: the same record for programs, ISO dates, paths from the top of the ZIP, no storage keys', () => {
    const p = marked();
    const json = pieceJson(p, placeFiles('evidence/01-audit', p), KSBS);
    expect(json).not.toContain('key-f1');
    const record = JSON.parse(json);
    expect(record).toMatchObject({
      format: 'coder-pathway.evidence-piece/1',
      title: 'Audit of twenty episodes',
      status: 'accepted',
      statusLabel: 'Accepted',
      submissionCount: 2,
      ksbsClaimed: [{ code: 'S3', text: LONG_S3 }],
      account: 'The account now.\n\nA second paragraph of it.',
      filesNow: [{ id: 'f1', fileName: 'audit.pdf', path: 'evidence/01-audit/files/audit.pdf', sha256: 'sha-f1', sizeBytes: 10, uploadedAt: '2026-10-01T09:00:00.000Z', removedAt: null }],
      filesKept: [],
      witnessStatements: [{ witnessName: 'Helen Birch', status: 'signed', statement: 'I watched Sam code these.', signedOn: '2026-10-03' }],
    });
    expect(record.versions).toHaveLength(2);
    expect(record.versions[0]).toMatchObject({
      versionNo: 1,
      submittedAt: '2026-10-01T12:00:00.000Z',
      files: [{ id: 'f1', path: 'evidence/01-audit/files/audit.pdf' }],
      decisions: [{ outcome: 'referred', reviewerName: 'Priya Patel', override: false, ksbs: [{ code: 'S3', text: LONG_S3, met: false }], feedback: 'Add a query you raised.' }],
    });
    expect(record.versions[1].decisions).toEqual([expect.objectContaining({ outcome: 'accepted', ksbs: [{ code: 'S3', text: LONG_S3, met: true }] })]);
  });
});

describe('the ZIP plan and the PDF', () => {
  const data: PortfolioData = {
    apprenticeshipId: 'ap',
    apprentice: { id: 'u', name: 'Sam Whitfield' },
    standard: { reference: 'ST0535', title: 'Clinical coder', version: '1.0' },
    ksbs: KSBS,
    generatedAt: at('2026-11-29T12:00:00Z'),
    includesDrafts: true,
    evidence: [piece({ id: 'a', title: 'First', files: [file('f1', 'one.pdf', '2026-10-01T09:00:00Z')] }), piece({ id: 'b', title: 'Second' })],
    otj: [],
  };

  it('lists the README, both maps, the log, and each piece with its files, in order', () => {
    expect(planPortfolioZip(data).map((e) => e.path)).toEqual([
      'README.txt',
      'ksb-map.csv',
      'ksb-map.pdf',
      'off-the-job-log.csv',
      'evidence/01-first/piece.pdf',
      'evidence/01-first/piece.json',
      'evidence/01-first/files/one.pdf',
      'evidence/02-second/piece.pdf',
      'evidence/02-second/piece.json',
    ]);
  });

  it('makes a tagged KSB map PDF: numbered pages, one table with header cells, every KSB in full', async () => {
    const many = Array.from({ length: 59 }, (_, i) => ({ code: `K${i + 1}`, text: i === 40 ? LONG_S3 : 'A knowledge item described at some length so that rows wrap onto two lines. '.repeat(2).trim() }));
    const pdf = await ksbMapPdf(buildKsbMap(many, data.evidence), { apprenticeName: 'Sam Whitfield', standardReference: 'ST0535', standardTitle: 'Clinical coder', generatedAt: data.generatedAt });
    const r = await readTaggedPdf(pdf);
    expect(r.totalPages).toBeGreaterThan(1);
    expect(r).toMatchObject({ marked: true, lang: 'en-GB', title: 'KSB map: Sam Whitfield', displayDocTitle: true, untagged: [] });
    expect(r.artifacts.filter((a) => /^Sam Whitfield, KSB map, ST0535\. Page \d+ of \d+$/.test(a))).toHaveLength(r.totalPages);
    expect(r.roles).toMatchObject({ H1: 1, Table: 1, TR: 1 + 59, TH: 4 + 59, TD: 3 * 59 });
    expect(r.outlines[0]).toMatch(/^Document\(H1 P P P Table\(TR\(TH TH TH TH\) TR\(TH TD TD TD\)/);
    const text = r.text.replace(/\s+/g, ' ');
    expect(text).toContain(`K41 ${LONG_S3} Not yet`);
    expect(text).not.toMatch(/…|\.\.\./);
  });
});
