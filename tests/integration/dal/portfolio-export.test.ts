import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
// fflate is already installed (pdfkit depends on it): a small, well-kept unzipper, here to read the ZIP back.
import { unzipSync } from 'fflate';
import Papa from 'papaparse';
import {
  addEvidenceFile,
  createEvidence,
  getOwnApprenticeship,
  getPortfolioExport,
  getPortfolioExportStatus,
  getPortfolioExportSubject,
  openPortfolioExport,
  startPortfolioExport,
  markEvidence,
  removeEvidenceFile,
  requestWitnessStatement,
  signWitnessStatement,
  submitEvidence,
  updateEvidence,
} from '@/lib/dal';
import { auditLog, evidence, otjEntries } from '@/db/schema';
import { NotFound } from '@/lib/errors';
import type { Viewer } from '@/lib/dal/viewer';
import { setFileStorageForTests } from '@/lib/files/storage';
import { writePortfolioZip } from '@/lib/portfolio/build-zip';
import { createTestDb, type TestDb } from '../helpers/test-db';
import { createTestStorage, type TestStorage } from '../helpers/test-storage';
import { makeDocx, makePdf, makePng } from '../../fixtures/files';
import { readTaggedPdf } from '../../support/tagged-pdf';

let t: TestDb;
let sam: Viewer; // apprentice at Ashwell, assigned to Priya Patel
let patel: Viewer;
let okafor: Viewer; // another apprentice's trainer
let helen: Viewer; // Ashwell's coding manager
let admin: Viewer;
let apprenticeshipId: string;
let files: TestStorage; // local disk, or S3 in the PostgreSQL project when CI starts one
let workDir: string;
const bytes: Record<string, Buffer> = {};
const account = 'I audited twenty coded inpatient episodes against the four-step process and wrote up what I found.';

const rowVersionOf = async (id: string) => (await t.db.select({ v: evidence.rowVersion }).from(evidence).where(eq(evidence.id, id)))[0]!.v;

/** Builds the ZIP to a file (streamed, as the route does) and reads it back: entries by path. */
async function exportZip(viewer: Viewer) {
  const data = await getPortfolioExport(viewer, apprenticeshipId);
  const file = path.join(workDir, `${viewer.role}-${Date.now()}.zip`);
  const progress: [number, number][] = [];
  await writePortfolioZip(data, fs.createWriteStream(file), (done, total) => progress.push([done, total]));
  const zip = fs.readFileSync(file);
  return { data, zip, entries: unzipSync(zip), progress };
}
const text = (entries: Record<string, Uint8Array>, name: string) => Buffer.from(entries[name]!).toString('utf8');

beforeAll(async () => {
  files = await createTestStorage();
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-export-zips-'));
  setFileStorageForTests(files.storage);
  setFileStorageForTests(files.storage, 'exports');
  t = await createTestDb();
  [sam, patel, okafor, helen, admin] = (await Promise.all(
    ['sam.whitfield@ashwell.example', 'trainer.patel@coderpathway.example', 'trainer.okafor@coderpathway.example', 'coding.manager@ashwell.example', 'admin@coderpathway.example'].map((e) => t.viewer(e)),
  )) as [Viewer, Viewer, Viewer, Viewer, Viewer];
  apprenticeshipId = (await getOwnApprenticeship(sam))!.id;

  // A piece referred back, then resubmitted with its first file swapped for another, and accepted.
  const piece = await createEvidence(sam, { title: 'Audit of twenty episodes', type: 'work_product', activityDate: '2026-10-01', account, ksbs: ['S3', 'S5'] });
  bytes.v1 = await makePdf(['Audit, first version: twenty episodes.']);
  const first = await addEvidenceFile(sam, { evidenceId: piece.id, fileName: 'audit.pdf', bytes: bytes.v1 });
  const { id: statementId } = await requestWitnessStatement(sam, { evidenceId: piece.id, witnessId: helen.userId, message: 'Please confirm I ran this audit.' });
  await signWitnessStatement(helen, { id: statementId, rowVersion: 1, statement: 'I saw Sam run this audit carefully over two days.', signedName: 'Helen Birch', signedJobTitle: 'Clinical coding manager', signedOn: '2026-10-03' });
  await submitEvidence(sam, { id: piece.id, rowVersion: await rowVersionOf(piece.id) });
  await markEvidence(patel, { id: piece.id, rowVersion: await rowVersionOf(piece.id), outcome: 'referred', decisions: { S3: 'met', S5: 'not_met' }, feedback: 'Add an example of a query you raised.' });
  await removeEvidenceFile(sam, { fileId: first.id });
  bytes.v2 = makePng();
  await addEvidenceFile(sam, { evidenceId: piece.id, fileName: 'query-log.png', bytes: bytes.v2 });
  await updateEvidence(sam, { id: piece.id, rowVersion: await rowVersionOf(piece.id), title: 'Audit of twenty episodes, with a query', type: 'work_product', activityDate: '2026-10-01', account: `${account} I raised a query.`, ksbs: ['S3', 'S5'] });
  await submitEvidence(sam, { id: piece.id, rowVersion: await rowVersionOf(piece.id) });
  await markEvidence(patel, { id: piece.id, rowVersion: await rowVersionOf(piece.id), outcome: 'accepted', decisions: { S3: 'met', S5: 'met' }, feedback: 'Clear now: the query shows S5.' });

  // A draft with a file: in Sam's own copy only.
  // K19: one of the few KSBs Sam has not met in the demo data (db/demo-progress.ts) nor claimed elsewhere.
  const draft = await createEvidence(sam, { title: 'Draft reflection', type: 'reflective_account', activityDate: '2026-10-04', account: 'Not finished.', ksbs: ['K19'] });
  bytes.draft = await makeDocx(['Notes for the reflection.']);
  await addEvidenceFile(sam, { evidenceId: draft.id, fileName: 'notes.docx', bytes: bytes.draft });

  // The off-the-job log is written by its own feature; rows straight into the table here, in place
  // of the demo log, so the CSV can be compared whole.
  await t.db.delete(otjEntries).where(eq(otjEntries.apprenticeId, sam.userId));
  await t.db.insert(otjEntries).values([
    { apprenticeId: sam.userId, activityDate: '2026-10-02', minutes: 90, activityType: 'shadowing', description: 'Shadowed a senior coder, "theatre lists"', ksbs: ['S3'], status: 'accepted', reviewComment: 'Good.' },
    { apprenticeId: sam.userId, activityDate: '2026-10-01', minutes: 45, activityType: 'teaching', description: 'ICD-10 chapter XIX session', ksbs: [] },
  ]);
});
afterAll(async () => {
  setFileStorageForTests(undefined);
  setFileStorageForTests(undefined, 'exports');
  await files.close();
  fs.rmSync(workDir, { recursive: true, force: true });
  await t.close();
});

describe('portfolio export', () => {
  it("holds every file byte for byte, both versions' decisions and feedback, the witness statement, the KSB map and the log", async () => {
    const { entries, progress, data } = await exportZip(sam);
    const names = Object.keys(entries);
    const folder = (title: string) => `evidence/${String(data.evidence.findIndex((e) => e.title === title) + 1).padStart(2, '0')}`;
    const audit = `${folder('Audit of twenty episodes, with a query')}-audit-of-twenty-episodes-with-a-query`;
    const draft = `${folder('Draft reflection')}-draft-reflection`;

    // The first version's file was removed from the piece before resubmitting: kept under its version.
    expect(Buffer.from(entries[`${audit}/files/versions/v1/audit.pdf`]!).equals(bytes.v1!)).toBe(true);
    expect(Buffer.from(entries[`${audit}/files/query-log.png`]!).equals(bytes.v2!)).toBe(true);
    expect(Buffer.from(entries[`${draft}/files/notes.docx`]!).equals(bytes.draft!)).toBe(true);
    // Every stored file of the portfolio, and nothing else, under files/.
    const stored = data.evidence.flatMap((e) => e.files);
    expect(names.filter((n) => n.includes('/files/'))).toHaveLength(stored.length);

    // Each piece as a tagged PDF with a JSON record beside it; no Markdown any more.
    expect(names.filter((n) => n.endsWith('.md'))).toEqual([]);
    const pdf = await readTaggedPdf(entries[`${audit}/piece.pdf`]!);
    expect(pdf).toMatchObject({ marked: true, lang: 'en-GB', title: 'Evidence: Audit of twenty episodes, with a query', untagged: [] });
    expect(pdf.roles).toMatchObject({ H1: 1, H2: 5 });
    expect(pdf.roles.TH).toBeGreaterThan(10);
    const s5 = data.ksbs.find((k) => k.code === 'S5')!.text;
    const read = pdf.text.replace(/\s+/g, ' ');
    expect(read).toContain(`S5 ${s5}`);
    expect(read).not.toMatch(/…|\.\.\./);
    expect(read).toMatch(/Version 1, submitted[\s\S]*audit\.pdf: files\/versions\/v1\/audit\.pdf[\s\S]*Priya Patel[\s\S]*referred back[\s\S]*S3 Met[\s\S]*S5 Not yet met[\s\S]*Add an example of a query you raised\./);
    expect(read).toMatch(/Version 2, submitted[\s\S]*query-log\.png: files\/query-log\.png[\s\S]*accepted[\s\S]*S5 Met[\s\S]*Clear now: the query shows S5\./);
    expect(read).toMatch(/Helen Birch: signed[\s\S]*I saw Sam run this audit carefully over two days\.[\s\S]*Signed by Helen Birch, Clinical coding manager, on 3 Oct 2026\./);
    const record = JSON.parse(text(entries, `${audit}/piece.json`));
    expect(record.filesNow.map((f: { path: string; sha256: string }) => [f.path, f.sha256])).toEqual([[`${audit}/files/query-log.png`, createHash('sha256').update(bytes.v2!).digest('hex')]]);
    expect(record.filesKept.map((f: { path: string }) => f.path)).toEqual([`${audit}/files/versions/v1/audit.pdf`]);
    expect(record.versions.map((v: { decisions: { outcome: string }[] }) => v.decisions.map((d) => d.outcome))).toEqual([['referred'], ['accepted']]);
    expect((await readTaggedPdf(entries[`${draft}/piece.pdf`]!)).text).toMatch(/Status\s+Draft/);
    expect(JSON.parse(text(entries, `${draft}/piece.json`))).toMatchObject({ status: 'draft', ksbsClaimed: [{ code: 'K19' }] });
    expect(text(entries, 'README.txt')).toContain('piece.pdf');
    expect(text(entries, 'README.txt')).not.toContain('piece.md');

    const map = Papa.parse<string[]>(text(entries, 'ksb-map.csv').trim()).data;
    expect(map).toHaveLength(1 + 59);
    expect(map.find((r) => r[0] === 'S5')).toEqual(['S5', expect.any(String), 'Yes', expect.stringContaining('Audit of twenty episodes, with a query (Accepted)'), expect.stringContaining('Audit of twenty episodes, with a query')]);
    expect(map.find((r) => r[0] === 'K19')!.slice(2, 4)).toEqual(['No', 'Draft reflection (Draft)']);
    expect(Buffer.from(entries['ksb-map.pdf']!).subarray(0, 5).toString()).toBe('%PDF-');

    const otj = Papa.parse<string[]>(text(entries, 'off-the-job-log.csv').trim()).data;
    expect(otj).toEqual([
      ['Date', 'Hours', 'Activity type', 'Description', 'KSBs', 'Status', 'Trainer comment'],
      ['2026-10-01', '0.75', 'Teaching', 'ICD-10 chapter XIX session', '', 'Logged', ''],
      ['2026-10-02', '1.50', 'Shadowing', 'Shadowed a senior coder, "theatre lists"', 'S3', 'Accepted', 'Good.'],
    ]);
    expect(text(entries, 'README.txt')).toContain('Portfolio of Sam Whitfield');

    // Progress runs from 0 to the number of entries written.
    expect(progress[0]).toEqual([0, names.length]);
    expect(progress.at(-1)).toEqual([names.length, names.length]);

    const [logged] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'portfolio.export'), eq(auditLog.actorId, sam.userId)));
    expect(logged).toMatchObject({ entityType: 'apprenticeship', entityId: apprenticeshipId, after: { includesDrafts: true, files: 3 } });
  });

  it("gives the trainer and an admin the portfolio without the apprentice's drafts", async () => {
    for (const viewer of [patel, admin]) {
      const { entries, data } = await exportZip(viewer);
      expect(data.includesDrafts).toBe(false);
      expect(data.evidence.some((e) => e.status === 'draft')).toBe(false);
      expect(Object.keys(entries).some((n) => n.endsWith('notes.docx'))).toBe(false);
      expect(Object.keys(entries).some((n) => n.endsWith('query-log.png'))).toBe(true);
    }
  });

  it("answers an employer contact and another apprentice's trainer 404, recorded", async () => {
    for (const viewer of [helen, okafor]) {
      const denied = async () => (await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.actorId, viewer.userId)))).length;
      const before = await denied();
      await expect(getPortfolioExport(viewer, apprenticeshipId)).rejects.toBeInstanceOf(NotFound);
      await expect(getPortfolioExportSubject(viewer, apprenticeshipId)).rejects.toBeInstanceOf(NotFound);
      expect(await denied()).toBe(before + 2);
    }
    await expect(getPortfolioExport(sam, 'not-a-uuid')).rejects.toBeInstanceOf(NotFound);
  });

  it('streams the ZIP into the file store as it is written, and back whole', async () => {
    const data = await getPortfolioExport(sam, apprenticeshipId);
    const pipe = new PassThrough();
    // A stream of unknown length: on S3 a multipart upload, as a stored export is written.
    const [key] = await Promise.all([files.storage.put(Readable.toWeb(pipe) as ReadableStream<Uint8Array>), writePortfolioZip(data, pipe)]);
    const zip = Buffer.from(await new Response(await files.storage.get(key)).arrayBuffer());
    expect(await files.storage.size(key)).toBe(zip.length);
    const entries = unzipSync(zip);
    expect(Object.keys(entries).filter((n) => n.endsWith('query-log.png')).map((n) => Buffer.from(entries[n]!).equals(bytes.v2!))).toEqual([true]);
    await files.storage.delete(key);
  });

  it('binds an export to the viewer who asked for it and the apprenticeship it is of', async () => {
    // Built by a background job (tests/integration/jobs/background-jobs.test.ts runs one); here only who may follow it.
    const job = await startPortfolioExport(sam, apprenticeshipId);
    expect(job).toMatchObject({ done: 0, ready: false, failed: false });
    expect(await getPortfolioExportStatus(sam, apprenticeshipId, job.token)).toEqual(job);
    await expect(getPortfolioExportStatus(patel, apprenticeshipId, job.token)).rejects.toBeInstanceOf(NotFound);
    await expect(getPortfolioExportStatus(sam, '00000000-0000-4000-8000-000000000000', job.token)).rejects.toBeInstanceOf(NotFound);
    await expect(getPortfolioExportStatus(sam, apprenticeshipId, '../../etc/passwd')).rejects.toBeInstanceOf(NotFound);
    expect(await openPortfolioExport(sam, apprenticeshipId, job.token)).toBeNull(); // not ready: nothing to download
    await expect(startPortfolioExport(helen, apprenticeshipId)).rejects.toBeInstanceOf(NotFound);
  });
});
