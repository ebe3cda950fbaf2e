import fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
// fflate is already installed (pdfkit depends on it): here only to read the downloaded ZIP back.
import { unzipSync } from 'fflate';
import { readTaggedPdf } from '../support/tagged-pdf';
import { useBrowser } from './support/browser';
import { TRAINER_PATEL } from './support/people';
import { makePdf, makePng } from '../fixtures/files';

// Patel's apprentice at Kingsmere, not used by the other browser tests.
const APPRENTICE = 'zara.hussain@kingsmere.example';
const APPRENTICE_NAME = 'Zara Hussain';
const KINGSMERE_MANAGER = 'coding.manager@kingsmere.example';

describe('portfolio export', () => {
  const b = useBrowser();

  async function draftWithFiles(page: Page, title: string, files: { name: string; mimeType: string; buffer: Buffer }[]) {
    await b.visit(page, '/apprentice/evidence/new', { settle: true });
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Your account').fill('I validated the coding of a ward’s discharges and raised two queries with the consultant.');
    await page.getByLabel('Find an item by code or words').fill('four-step');
    await page.getByRole('checkbox', { name: /S5/ }).check();
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/apprentice\/evidence\/[0-9a-f-]{36}$/);
    await page.waitForLoadState('networkidle');
    for (const file of files) {
      await page.getByLabel('Add files').setInputFiles(file);
      await page.getByRole('link', { name: file.name }).waitFor();
    }
  }

  /** Counts, in the page, how often a <progress> is shown and the texts the export status announces. */
  const watchExport = (page: Page) =>
    page.evaluate(() => {
      const w = window as unknown as { seen: { progress: number; statuses: string[] } };
      w.seen = { progress: 0, statuses: [] };
      new MutationObserver(() => {
        if (document.querySelector('progress')) w.seen.progress++;
        const status = document.querySelector('[data-testid="export-status"]')?.textContent ?? '';
        if (status && w.seen.statuses.at(-1) !== status) w.seen.statuses.push(status);
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });

  test('the apprentice downloads their portfolio as a ZIP holding every file and the KSB map, with progress shown', async () => {
    const page = await b.signedIn(APPRENTICE);
    const pdf = await makePdf(['Discharge validation: forty episodes checked.'], { padTo: 2 * 1024 * 1024 });
    const png = makePng();
    await draftWithFiles(page, 'Discharge coding validation', [
      { name: 'validation.pdf', mimeType: 'application/pdf', buffer: pdf },
      { name: 'query-log.png', mimeType: 'image/png', buffer: png },
    ]);

    await b.visit(page, '/apprentice/evidence', { settle: true });
    await watchExport(page);
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download my portfolio (ZIP)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^portfolio-zara-hussain-\d{4}-\d{2}-\d{2}\.zip$/);
    await page.getByText('Your portfolio is ready and is downloading.').waitFor();
    const { progress, statuses } = (await page.evaluate(() => (window as unknown as { seen: { progress: number; statuses: string[] } }).seen))!;
    expect(progress).toBeGreaterThan(0);
    expect(statuses.some((s) => /^Starting the export|^Building your ZIP: \d+ of \d+ items/.test(s))).toBe(true);
    await b.checkA11y(page, 'export ready');

    const zip = unzipSync(fs.readFileSync((await download.path())!));
    const names = Object.keys(zip);
    const folder = names.find((n) => /^evidence\/\d+-discharge-coding-validation\/piece\.pdf$/.test(n))!.replace('/piece.pdf', '');
    // The piece as a tagged PDF, with its JSON record beside it (and no Markdown).
    const piece = await readTaggedPdf(zip[`${folder}/piece.pdf`]!);
    expect(piece).toMatchObject({ marked: true, lang: 'en-GB', title: 'Evidence: Discharge coding validation' });
    expect(piece.text.replace(/\s+/g, ' ')).toContain('files/validation.pdf');
    expect(JSON.parse(Buffer.from(zip[`${folder}/piece.json`]!).toString('utf8'))).toMatchObject({ title: 'Discharge coding validation', status: 'draft' });
    expect(names.some((n) => n.endsWith('.md'))).toBe(false);
    expect(Buffer.from(zip[`${folder}/files/validation.pdf`]!).equals(pdf)).toBe(true);
    expect(Buffer.from(zip[`${folder}/files/query-log.png`]!).equals(png)).toBe(true);
    expect(names).toEqual(expect.arrayContaining(['README.txt', 'ksb-map.csv', 'ksb-map.pdf', 'off-the-job-log.csv']));
    const map = Buffer.from(zip['ksb-map.csv']!).toString('utf8');
    expect(map.split('\r\n')[0]).toBe('KSB,Description,Met,Evidence claiming it,Evidence judging it met');
    expect(map).toMatch(/\r\nS5,[^\r\n]*Discharge coding validation \(Draft\)/);
    expect(Buffer.from(zip['ksb-map.pdf']!).subarray(0, 5).toString()).toBe('%PDF-');
  });

  test('the trainer has the export on the apprenticeship page; the employer contact has not, and is refused', async () => {
    const trainer = await b.signedIn(TRAINER_PATEL);
    await b.visit(trainer, '/trainer');
    await trainer.getByRole('link', { name: APPRENTICE_NAME }).first().click();
    await trainer.waitForURL(/\/apprenticeships\/[0-9a-f-]{36}$/);
    await trainer.waitForLoadState('networkidle');
    const apprenticeshipPath = new URL(trainer.url()).pathname;
    await b.checkA11y(trainer);
    const downloading = trainer.waitForEvent('download');
    await trainer.getByRole('button', { name: 'Download portfolio (ZIP)' }).click();
    expect((await downloading).suggestedFilename()).toMatch(/^portfolio-zara-hussain-/);

    const employer = await b.signedIn(KINGSMERE_MANAGER);
    await b.visit(employer, apprenticeshipPath);
    await employer.getByRole('heading', { name: "Zara Hussain's apprenticeship", level: 1 }).waitFor();
    expect(await employer.getByRole('button', { name: /portfolio \(ZIP\)/ }).count()).toBe(0);
    const refused = await employer.context().request.post(`/api/portfolio${apprenticeshipPath.replace('/apprenticeships', '')}/export`);
    expect(refused.status()).toBe(404);
  });
});
