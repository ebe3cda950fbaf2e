import { describe, expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from './support/browser';
import { ASHWELL_MANAGER } from './support/people';
import { bucketHolds } from './support/s3';
import { makeDocx, makeExe, makePdf } from '../fixtures/files';

const APPRENTICE = 'aisha.rahman@ashwell.example';
const OTHER_APPRENTICE = 'mei.tanaka@ashwell.example';

describe('evidence files', () => {
  const b = useBrowser();

  /** A new draft through the form; answers its page's path. */
  async function newDraft(page: Page, title: string): Promise<string> {
    await b.visit(page, '/apprentice/evidence/new', { settle: true });
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Your account').fill('I audited twenty coded episodes against the four-step process and wrote up what I found.');
    await page.getByLabel('Find an item by code or words').fill('four-step');
    await page.getByRole('checkbox', { name: /S5/ }).check();
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/apprentice\/evidence\/[0-9a-f-]{36}$/);
    // The draft may already have saved itself (the address changes in place); wait for the draft's own
    // page, with its files panel, before uploading, so nothing re-renders under the upload.
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.waitForLoadState('networkidle');
    return new URL(page.url()).pathname;
  }

  /** Records, in the page, every <progress> shown and every text the upload status announces. */
  const watchUploads = (page: Page) =>
    page.evaluate(() => {
      const w = window as unknown as { seen: { progress: number; statuses: string[] } };
      w.seen = { progress: 0, statuses: [] };
      new MutationObserver(() => {
        if (document.querySelector('progress')) w.seen.progress++;
        const status = document.querySelector('[data-testid="upload-status"]')?.textContent ?? '';
        if (status && w.seen.statuses.at(-1) !== status) w.seen.statuses.push(status);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  const seen = (page: Page) => page.evaluate(() => (window as unknown as { seen: { progress: number; statuses: string[] } }).seen);

  test('files chosen on "Add evidence" before anything is typed wait for the draft, then upload when it has a title', async () => {
    const page = await b.signedIn(APPRENTICE);
    await b.visit(page, '/apprentice/evidence/new', { settle: true });
    const pdf = await makePdf(['Notes from a coding workshop.']);
    await page.getByLabel('Add files').setInputFiles({ name: 'workshop-notes.pdf', mimeType: 'application/pdf', buffer: pdf });
    // Nothing to save a draft with yet: the file waits, and the title says what is missing.
    await page.getByRole('list', { name: 'Files waiting to upload' }).getByText('workshop-notes.pdf').waitFor();
    await page.getByText('Give the evidence a title (at least 3 characters).').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(await page.getByLabel('Title').getAttribute('id'));
    await b.checkA11y(page, 'a file waiting');
    // A title: the draft saves itself, in place, and the waiting file uploads to it.
    await page.getByLabel('Title').fill('Coding workshop notes');
    await page.getByRole('link', { name: 'workshop-notes.pdf' }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('list', { name: 'Files waiting to upload' }).count()).toBe(0);
    expect(new URL(page.url()).pathname).toMatch(/^\/apprentice\/evidence\/[0-9a-f-]{36}$/);
    // The piece and its file are there after a reload.
    await page.reload({ waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1, name: 'Coding workshop notes' }).waitFor();
    await page.getByRole('link', { name: 'workshop-notes.pdf' }).waitFor();
  });

  test('the apprentice uploads a PDF to a draft with progress shown, and downloads it as an attachment', async () => {
    const page = await b.signedIn(APPRENTICE);
    const evidencePath = await newDraft(page, 'Audit of twenty episodes');
    await b.checkA11y(page, 'no files');
    const pdf = await makePdf(['Coding audit: twenty episodes, two queries raised.'], { padTo: 4 * 1024 * 1024 });
    const uploadedFrom = new Date();
    await watchUploads(page);
    await page.getByLabel('Add files').focus();
    await page.getByLabel('Add files').setInputFiles({ name: 'coding-audit.pdf', mimeType: 'application/pdf', buffer: pdf });
    const link = page.getByRole('link', { name: 'coding-audit.pdf' });
    await link.waitFor();
    // Focus is still on the file picker after the upload (disabling it while busy dropped focus to <body>).
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('file');
    const { progress, statuses } = await seen(page);
    expect(progress).toBeGreaterThan(0);
    expect(statuses).toContain('coding-audit.pdf uploaded.');
    // The progress bar above shows the upload under way; a fast upload can finish before a status between
    // 'Uploading' and 'uploaded' is ever drawn, so only the final status is required here.
    expect(await page.getByRole('list', { name: 'Files of this evidence' }).innerText()).toContain('PDF, 4.0 MB');
    await b.checkA11y(page, 'one file');

    const href = (await link.getAttribute('href'))!;
    const download = await page.context().request.get(href);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toBe(`attachment; filename="coding-audit.pdf"; filename*=UTF-8''coding-audit.pdf`);
    expect(download.headers()['x-content-type-options']).toBe('nosniff');
    expect(download.headers()['content-type']).toBe('application/pdf');
    expect(download.headers()['cache-control']).toBe('private, no-store');
    expect(download.headers()['x-frame-options']).toBe('DENY');
    expect(Buffer.from(await download.body()).equals(pdf)).toBe(true);
    // Kept where the server was told: in the S3 bucket when the run has one (CI's PostgreSQL run).
    if (inject('storageKind') === 's3') expect(await bucketHolds(pdf, uploadedFrom)).toBe(true);

    // A preview may be framed by our own pages only; every other page still refuses to be framed.
    const preview = await page.context().request.get(`${href}?inline=1`);
    expect(preview.headers()['content-disposition']).toMatch(/^inline; /);
    expect(preview.headers()['x-frame-options']).toBe('SAMEORIGIN');
    expect(preview.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
    expect((await page.context().request.get(evidencePath)).headers()['x-frame-options']).toBe('DENY');

    // Still there after a reload, and gone once removed (after confirming).
    await b.visit(page, evidencePath, { settle: true });
    await page.getByRole('button', { name: 'Remove coding-audit.pdf' }).click();
    await page.getByRole('button', { name: 'Yes, remove coding-audit.pdf' }).click();
    await page.getByText('No files yet.').waitFor();
    expect((await page.context().request.get(href)).status()).toBe(404);
  });

  test("another apprentice, and an employer not asked to witness, get 404 for the file", async () => {
    const page = await b.signedIn(APPRENTICE);
    await newDraft(page, 'Clinical coding query log');
    await page.getByLabel('Add files').setInputFiles({ name: 'queries.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: await makeDocx(['Three queries to the consultant.']) });
    const href = (await page.getByRole('link', { name: 'queries.docx' }).getAttribute('href'))!;
    for (const email of [OTHER_APPRENTICE, ASHWELL_MANAGER]) {
      const other = await b.signedIn(email);
      const res = await other.context().request.get(href);
      expect(res.status()).toBe(404);
      expect(await res.json()).toEqual({ error: 'We could not find that file or piece of evidence.' });
    }
  });

  test('a renamed executable and a PDF holding an NHS number are refused beside the control, and the typed text stays', async () => {
    const page = await b.signedIn(APPRENTICE);
    await newDraft(page, 'Reflection on a theatre list');
    // Typed but not saved: an upload must not lose it.
    await page.getByLabel('Title').fill('Reflection on a theatre list (edited)');

    await page.getByLabel('Add files').setInputFiles({ name: 'setup.pdf', mimeType: 'application/pdf', buffer: makeExe() });
    const refusal = page.getByRole('alert').filter({ hasText: '“setup.pdf” is not a PDF' });
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('“setup.pdf” is not a PDF, Word (.docx), Excel (.xlsx), PNG or JPEG file. Files may be up to 10 MB each, 5 per piece of evidence.');
    expect(await page.getByLabel('Add files').getAttribute('aria-invalid')).toBe('true');
    await b.checkA11y(page, 'refused file');

    const withNumber = await makePdf(['Theatre list reflection.', 'The patient, NHS number 943 476 5919, had two procedures.']);
    await page.getByLabel('Add files').setInputFiles({ name: 'theatre-list.pdf', mimeType: 'application/pdf', buffer: withNumber });
    await page.getByText('“theatre-list.pdf” (page 2) contains “943 476 5919”, which looks like an NHS number. Remove it from the file and upload it again.').waitFor();
    expect(await page.getByText('No files yet.').isVisible()).toBe(true);
    expect(await page.getByLabel('Title').inputValue()).toBe('Reflection on a theatre list (edited)');
  });
});
