import { describe, expect, test } from 'vitest';
import { useBrowser } from './support/browser';
import { makePdf } from '../fixtures/files';

// Ellie Brooks (Ashwell) is assigned to Priya Patel.
const APPRENTICE = 'ellie.brooks@ashwell.example';
const TRAINER = 'trainer.patel@coderpathway.example';
const TITLE = 'Coding a flexible cystoscopy list';

describe('evidence from draft to accepted', () => {
  const b = useBrowser();

  test('a draft saves itself; the trainer refers it back; the resubmission is accepted and its KSBs show as met', async () => {
    // The apprentice types and never presses save: the draft is saved, and survives a reload.
    const apprentice = await b.signedIn(APPRENTICE);
    await b.visit(apprentice, '/apprentice/evidence/new', { settle: true });
    await apprentice.getByLabel('Title').fill(TITLE);
    await apprentice.getByLabel('Your account').fill('I coded a flexible cystoscopy list of twelve patients, checking each against the four-step process.');
    await apprentice.getByLabel('Find an item by code or words').fill('four-step');
    await apprentice.getByRole('checkbox', { name: /S5/ }).check();
    await apprentice.getByLabel('Find an item by code or words').fill('S3');
    await apprentice.getByRole('checkbox', { name: /^S3/ }).check();
    await apprentice.getByText(/Saved automatically at/).waitFor({ timeout: 20_000 });
    expect(apprentice.url()).toMatch(/\/apprentice\/evidence\/[0-9a-f-]{36}$/);
    await apprentice.reload({ waitUntil: 'networkidle' });
    expect(await apprentice.getByLabel('Title').inputValue()).toBe(TITLE);
    expect(await apprentice.getByLabel('Your account').inputValue()).toContain('twelve patients');
    const pdf = await makePdf(['Cystoscopy list: twelve episodes coded, two queries raised.']);
    await apprentice.getByLabel('Add files').setInputFiles({ name: 'cystoscopy-list.pdf', mimeType: 'application/pdf', buffer: pdf });
    await apprentice.getByRole('link', { name: 'cystoscopy-list.pdf' }).waitFor();
    await apprentice.getByRole('button', { name: 'Submit for marking' }).click();
    await apprentice.getByText('Submitted: waiting for your trainer to mark it.').waitFor();

    // The trainer finds it in the queue and refers it back; an incomplete decision is refused first.
    const trainer = await b.signedIn(TRAINER);
    await b.visit(trainer, '/trainer/marking', { settle: true });
    expect(await trainer.getByRole('link', { name: /^Marking/ }).innerText()).toMatch(/\d/);
    await trainer.getByRole('link', { name: TITLE }).click();
    await trainer.waitForURL(/\/evidence\/[0-9a-f-]{36}$/);
    await trainer.waitForLoadState('networkidle');
    await b.checkA11y(trainer);
    // The PDF is previewed beside the account, served only through the access-checked file route.
    expect(await trainer.getByTitle('Preview of cystoscopy-list.pdf').getAttribute('src')).toMatch(/^\/api\/files\/[0-9a-f-]{36}\?inline=1$/);
    const file = await trainer.context().request.get((await trainer.getByRole('link', { name: 'cystoscopy-list.pdf' }).first().getAttribute('href'))!);
    expect(file.status()).toBe(200);
    expect(Buffer.from(await file.body()).equals(pdf)).toBe(true);
    await trainer.getByRole('radio', { name: /Refer back/ }).check();
    await trainer.getByRole('button', { name: 'Save decision' }).click();
    await trainer.getByText('Choose met or not yet met.').first().waitFor();
    await b.checkA11y(trainer, 'refused');
    const decide = async (code: string, choice: 'Met' | 'Not yet met') =>
      trainer.getByRole('group', { name: new RegExp(`^${code}:`) }).getByRole('radio', { name: choice, exact: true }).check();
    await decide('S3', 'Met');
    await decide('S5', 'Not yet met');
    await trainer.getByLabel('Feedback to the apprentice').fill('Say which step of the four-step process caught the two queries, and how you resolved them.');
    await trainer.getByRole('button', { name: 'Save decision' }).click();
    await trainer.getByText('Referred back', { exact: true }).first().waitFor();
    // The form gave way to the decision: focus is on the word that it was saved, not on <body>.
    await trainer.getByText('Decision saved: this piece is now referred back.').waitFor();
    await expect.poll(() => trainer.evaluate(() => document.activeElement?.id)).toBe('decision-saved');

    // The apprentice reads the feedback, edits (saved automatically) and resubmits as version 2.
    await apprentice.reload({ waitUntil: 'networkidle' });
    await apprentice.getByText('Say which step of the four-step process').first().waitFor();
    await b.checkA11y(apprentice, 'referred');
    await apprentice.getByLabel('Your account').fill('I coded a flexible cystoscopy list of twelve patients. Step two (selecting the lead term) caught two queries, which I resolved with the urologist.');
    await apprentice.getByText(/Saved automatically at/).waitFor({ timeout: 20_000 });
    await apprentice.getByRole('button', { name: 'Submit for marking' }).click();
    await apprentice.getByText('Submitted: waiting for your trainer to mark it.').waitFor();

    // The trainer accepts version 2; version 1 and its feedback stay readable.
    await trainer.reload({ waitUntil: 'networkidle' });
    await trainer.getByRole('heading', { name: 'Your decision on version 2' }).waitFor();
    expect(await trainer.getByText('Version 1, submitted').count()).toBe(1);
    await decide('S3', 'Met');
    await decide('S5', 'Met');
    await trainer.getByRole('radio', { name: /Accept/ }).check();
    await trainer.getByRole('button', { name: 'Save decision' }).click();
    await trainer.getByText('Accepted', { exact: true }).first().waitFor();

    // Both items now count as met on the apprentice's home page.
    await b.visit(apprentice, '/apprentice');
    const met = await apprentice.getByText(/^Met: \d+ of 59/).innerText();
    expect(Number(/Met: (\d+)/.exec(met)![1])).toBeGreaterThanOrEqual(2);
    for (const code of ['S3', 'S5']) expect(await apprentice.locator(`li#${code}`).innerText()).toMatch(/\bMet\b/);
  });
});
