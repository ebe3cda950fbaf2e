import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { addEvidenceFile, createEvidence, getEvidenceHistory, listEvidenceFiles, markEvidence, openEvidenceFile, removeEvidenceFile, submitEvidence } from '@/lib/dal';
import { auditLog, evidence, evidenceFiles, evidenceVersions, witnessStatements } from '@/db/schema';
import { Conflict, NotFound } from '@/lib/errors';
import { FileRefused } from '@/lib/files/file-types';
import { setFileStorageForTests } from '@/lib/files/storage';
import type { Viewer } from '@/lib/dal/viewer';
import { createTestDb, type TestDb } from '../helpers/test-db';
import { createTestStorage, storedKeys, type TestStorage } from '../helpers/test-storage';
import { makeBombDocx, makeDocx, makeExe, makePdf, makePng, makeRawPdf, makeWorkbook, makeWordFile, w } from '../../fixtures/files';

let t: TestDb;
let files: TestStorage;
let sam: Viewer;
let owen: Viewer;
let trainer: Viewer;
let employer: Viewer;
let pdf: Buffer;

const account = 'I coded twenty inpatient episodes this week and checked each one against the four-step coding process.';
const newDraft = async (who: Viewer = sam) =>
  (await createEvidence(who, { title: 'Audit of twenty episodes', type: 'work_product', activityDate: '2026-10-01', account, ksbs: ['S3'] })).id;

/** Every object in the test's store (local disk, or S3 in the PostgreSQL project when CI starts one). */
const storedFiles = () => storedKeys(files.storage);
const readAll = async (stream: ReadableStream<Uint8Array>) => Buffer.from(await new Response(stream).arrayBuffer());
const deniedCount = async (v: Viewer) => (await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.actorId, v.userId)))).length;

beforeAll(async () => {
  files = await createTestStorage();
  setFileStorageForTests(files.storage);
  t = await createTestDb();
  sam = await t.viewer('sam.whitfield@ashwell.example');
  owen = await t.viewer('owen.price@kingsmere.example');
  trainer = await t.viewer('trainer.patel@coderpathway.example');
  employer = await t.viewer('coding.manager@ashwell.example');
  pdf = await makePdf(['An audit of twenty coded episodes.']);
});
afterAll(async () => {
  setFileStorageForTests(undefined);
  await files.close();
  await t.close();
});

describe('evidence files', () => {
  it('refuses an id PostgreSQL cannot store as text (a NUL, a lone surrogate) with a 404, and records the refusal with the id made storable', async () => {
    const before = await deniedCount(trainer);
    await expect(removeEvidenceFile(trainer, { fileId: 'A\u0000B' })).rejects.toBeInstanceOf(NotFound);
    await expect(removeEvidenceFile(trainer, { fileId: '\uD800x' })).rejects.toBeInstanceOf(NotFound);
    expect(await deniedCount(trainer)).toBe(before + 2);
    const ids = (await t.db.select({ id: auditLog.entityId }).from(auditLog).where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.actorId, trainer.userId), eq(auditLog.entityType, 'evidence_file')))).map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['A\uFFFDB', '\uFFFDx']));
  });

  it('stores an upload under a random key and gives the owner the same bytes back, audited', async () => {
    const evidenceId = await newDraft();
    const before = (await storedFiles()).length;
    const added = await addEvidenceFile(sam, { evidenceId, fileName: 'C:\\fakepath\\audit.pdf', bytes: pdf });
    expect(added).toMatchObject({ fileName: 'audit.pdf', mediaType: 'application/pdf', sizeBytes: pdf.length });
    const stored = await storedFiles();
    expect(stored.length).toBe(before + 1);
    expect(stored.some((f) => f.includes('audit'))).toBe(false); // the user's name is never the key

    expect(await listEvidenceFiles(sam, evidenceId)).toEqual([expect.objectContaining({ id: added.id, fileName: 'audit.pdf' })]);
    const opened = await openEvidenceFile(sam, added.id);
    expect(opened.mediaType).toBe('application/pdf');
    expect((await readAll(opened.stream)).equals(pdf)).toBe(true);

    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'evidence.file.add'), eq(auditLog.entityId, evidenceId)));
    expect(audit?.after).toMatchObject({ fileId: added.id, fileName: 'audit.pdf' });

    // The assigned trainer reads it too.
    await (await openEvidenceFile(trainer, added.id)).stream.cancel();
  });

  it("answers 404 (NotFound, recorded) for another apprentice's file and for an employer not asked to witness", async () => {
    const evidenceId = await newDraft();
    const { id } = await addEvidenceFile(sam, { evidenceId, fileName: 'audit.pdf', bytes: pdf });
    for (const viewer of [owen, employer]) {
      const denied = await deniedCount(viewer);
      await expect(openEvidenceFile(viewer, id)).rejects.toBeInstanceOf(NotFound);
      await expect(listEvidenceFiles(viewer, evidenceId)).rejects.toBeInstanceOf(NotFound);
      expect(await deniedCount(viewer)).toBe(denied + 2);
    }
    // The same answer as a file that does not exist at all.
    await expect(openEvidenceFile(owen, '00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(NotFound);
    await expect(openEvidenceFile(owen, 'not-a-uuid')).rejects.toBeInstanceOf(NotFound);
    // Nor may another apprentice add to or remove from it.
    await expect(addEvidenceFile(owen, { evidenceId, fileName: 'x.pdf', bytes: pdf })).rejects.toBeInstanceOf(NotFound);
    await expect(removeEvidenceFile(owen, { fileId: id })).rejects.toBeInstanceOf(NotFound);

    // Asked for a witness statement, the employer contact may read the files.
    await t.db.insert(witnessStatements).values({ evidenceId, witnessId: employer.userId, requestMessage: 'Please witness my audit.' });
    const opened = await openEvidenceFile(employer, id);
    expect((await readAll(opened.stream)).equals(pdf)).toBe(true);
    expect((await listEvidenceFiles(employer, evidenceId)).map((f) => f.id)).toEqual([id]);
  });

  it('refuses the sixth file, also when two uploads race for the fifth place, and keeps no stray bytes', async () => {
    const evidenceId = await newDraft();
    for (let i = 1; i <= 3; i++) await addEvidenceFile(sam, { evidenceId, fileName: `page-${i}.png`, bytes: makePng() });
    const before = (await storedFiles()).length;
    const raced = await Promise.allSettled([
      addEvidenceFile(sam, { evidenceId, fileName: 'a.png', bytes: makePng() }),
      addEvidenceFile(sam, { evidenceId, fileName: 'b.png', bytes: makePng() }),
      addEvidenceFile(sam, { evidenceId, fileName: 'c.png', bytes: makePng() }),
    ]);
    expect(raced.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    const refused = raced.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(FileRefused);
    expect(refused.reason.userMessage).toContain('already has 5 files');
    expect((await storedFiles()).length).toBe(before + 2); // the refused upload's bytes were deleted again

    const sixth = addEvidenceFile(sam, { evidenceId, fileName: 'sixth.png', bytes: makePng() });
    await expect(sixth).rejects.toMatchObject({ status: 400, userMessage: expect.stringContaining('Remove one before adding another') });
    expect((await listEvidenceFiles(sam, evidenceId)).length).toBe(5);
    expect((await storedFiles()).length).toBe(before + 2);
  });

  it('refuses a renamed executable and a file holding an NHS number, storing nothing', async () => {
    const evidenceId = await newDraft();
    const before = (await storedFiles()).length;
    await expect(addEvidenceFile(sam, { evidenceId, fileName: 'setup.pdf', bytes: makeExe() })).rejects.toMatchObject({
      status: 415,
      userMessage: '“setup.pdf” is not a PDF, Word (.docx), Excel (.xlsx), PNG or JPEG file. Files may be up to 10 MB each, 5 per piece of evidence.',
    });
    const withNumber = await makeDocx(['Reflection on coding.', 'Patient 943-476-5919 had a long stay.']);
    await expect(addEvidenceFile(sam, { evidenceId, fileName: 'reflection.docx', bytes: withNumber })).rejects.toMatchObject({
      userMessage: expect.stringContaining('“reflection.docx” contains “943-476-5919”, which looks like an NHS number'),
    });
    expect((await storedFiles()).length).toBe(before);
    expect(await listEvidenceFiles(sam, evidenceId)).toEqual([]);
  });

  it('refuses a zip bomb, a PDF with active content and NHS numbers hidden in any part, storing nothing (issue 14)', async () => {
    const evidenceId = await newDraft();
    const before = (await storedFiles()).length;
    const [audits] = await t.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(auditLog).where(eq(auditLog.entityId, evidenceId));
    const attempts: [string, Buffer, number, RegExp][] = [
      ['reflection.docx', makeBombDocx(100 * 1024 * 1024), 413, /^“reflection.docx” could not be checked: a part of it \(word\/document.xml\) expands to more than 100 times/],
      ['audit.pdf', makeRawPdf({ catalog: '/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>' }), 400, /^“audit.pdf” contains JavaScript and an action that runs when it is opened\./],
      ['notes.docx', makeWordFile({ footer: w.p('NHS 943 476 5919') }), 400, /^“notes.docx” contains “943 476 5919” in a footer, which looks like an NHS number/],
      ['log.xlsx', makeWorkbook({ sheets: [{ name: 'Log', rows: [['943 476', '5919']] }] }), 400, /^“log.xlsx” contains “943 476 5919” on the sheet “Log”/],
      ['scan.pdf', makeRawPdf({ info: { Author: '9434765919' } }), 400, /^“scan.pdf” contains “9434765919” in its document properties/],
    ];
    for (const [fileName, bytes, status, message] of attempts) {
      const e = await addEvidenceFile(sam, { evidenceId, fileName, bytes }).catch((err: unknown) => err);
      expect(e, fileName).toBeInstanceOf(FileRefused);
      expect((e as FileRefused).status, fileName).toBe(status);
      expect((e as FileRefused).userMessage, fileName).toMatch(message);
    }
    expect((await storedFiles()).length).toBe(before);
    expect(await listEvidenceFiles(sam, evidenceId)).toEqual([]);
    const [after] = await t.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(auditLog).where(eq(auditLog.entityId, evidenceId));
    expect(after!.n).toBe(audits!.n);
  });

  it('detaches, never deletes, a file that is part of a submitted version; deletes any other, bytes too', async () => {
    const evidenceId = await newDraft();
    const kept = await addEvidenceFile(sam, { evidenceId, fileName: 'submitted.pdf', bytes: pdf });
    const scratch = await addEvidenceFile(sam, { evidenceId, fileName: 'scratch.png', bytes: makePng() });
    // As a submission freezes it: a version listing the first file.
    await t.db.insert(evidenceVersions).values({
      evidenceId,
      versionNo: 1,
      title: 'Audit of twenty episodes',
      type: 'work_product',
      activityDate: '2026-10-01',
      account,
      ksbs: ['S3'],
      files: [{ id: kept.id, fileName: kept.fileName, mediaType: kept.mediaType, sizeBytes: kept.sizeBytes }],
    });
    const before = (await storedFiles()).length;

    expect(await removeEvidenceFile(sam, { fileId: kept.id })).toMatchObject({ outcome: 'detached' });
    const [row] = await t.db.select().from(evidenceFiles).where(eq(evidenceFiles.id, kept.id));
    expect(row?.removedAt).toBeInstanceOf(Date);
    expect((await storedFiles()).length).toBe(before);
    // Gone from the piece, still readable for the version.
    expect((await listEvidenceFiles(sam, evidenceId)).map((f) => f.id)).toEqual([scratch.id]);
    expect((await readAll((await openEvidenceFile(sam, kept.id)).stream)).equals(pdf)).toBe(true);
    await expect(removeEvidenceFile(sam, { fileId: kept.id })).rejects.toBeInstanceOf(NotFound);

    expect(await removeEvidenceFile(sam, { fileId: scratch.id })).toMatchObject({ outcome: 'deleted' });
    expect(await t.db.select().from(evidenceFiles).where(eq(evidenceFiles.id, scratch.id))).toEqual([]);
    expect((await storedFiles()).length).toBe(before - 1);
    const actions = await t.db.select({ action: auditLog.action, after: auditLog.after }).from(auditLog).where(and(eq(auditLog.action, 'evidence.file.remove'), eq(auditLog.entityId, evidenceId)));
    expect(actions.map((a) => (a.after as { kept: string }).kept)).toEqual(['detached: part of a submitted version', 'deleted']);
  });

  it('keeps a submitted file readable for its version after the apprentice removes it from the referred piece', async () => {
    const evidenceId = await newDraft();
    const file = await addEvidenceFile(sam, { evidenceId, fileName: 'first-try.pdf', bytes: pdf });
    const [e] = await t.db.select({ rowVersion: evidence.rowVersion }).from(evidence).where(eq(evidence.id, evidenceId));
    const submitted = await submitEvidence(sam, { id: evidenceId, rowVersion: e!.rowVersion });
    await markEvidence(trainer, { id: evidenceId, rowVersion: submitted.rowVersion, outcome: 'referred', decisions: { S3: 'not_met' }, feedback: 'Show a query you raised.' });

    expect(await removeEvidenceFile(sam, { fileId: file.id })).toMatchObject({ outcome: 'detached' });
    expect(await listEvidenceFiles(sam, evidenceId)).toEqual([]);
    const [version1] = await getEvidenceHistory(trainer, evidenceId);
    expect(version1?.files).toEqual([expect.objectContaining({ id: file.id, fileName: 'first-try.pdf' })]);
    expect((await readAll((await openEvidenceFile(trainer, file.id)).stream)).equals(pdf)).toBe(true);
  });

  it('refuses to add or remove files once the piece is submitted', async () => {
    const evidenceId = await newDraft();
    const file = await addEvidenceFile(sam, { evidenceId, fileName: 'audit.pdf', bytes: pdf });
    const [e] = await t.db.select({ rowVersion: evidence.rowVersion }).from(evidence).where(eq(evidence.id, evidenceId));
    await submitEvidence(sam, { id: evidenceId, rowVersion: e!.rowVersion });
    const before = (await storedFiles()).length;
    await expect(addEvidenceFile(sam, { evidenceId, fileName: 'late.png', bytes: makePng() })).rejects.toBeInstanceOf(Conflict);
    await expect(removeEvidenceFile(sam, { fileId: file.id })).rejects.toBeInstanceOf(Conflict);
    expect((await storedFiles()).length).toBe(before);
  });
});
