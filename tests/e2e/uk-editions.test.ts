import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from './support/browser';
import { ADMIN, SAM, TRAINER_PATEL, runId } from './support/people';

/** Type into the focused combobox, wait for the matches and take the first (the exact code) with Enter. */
async function pick(page: Page, text: string) {
  await page.keyboard.type(text);
  await page.getByRole('listbox').filter({ visible: true }).waitFor();
  await page.waitForTimeout(300); // let the debounced search settle on the last keystroke
  await page.keyboard.press('Enter');
}

async function codeCase(page: Page, caseId: string, diagnoses: string[], procedures: string[]) {
  await page.goto(`/apprentice/cases/${caseId}`, { waitUntil: 'networkidle' });
  await page.getByRole('combobox', { name: 'Add a diagnosis code' }).focus();
  for (const c of diagnoses) await pick(page, c);
  if (procedures.length) {
    await page.getByRole('combobox', { name: 'Add a procedure code' }).focus();
    for (const c of procedures) await pick(page, c);
  }
  await page.getByRole('button', { name: 'Submit for marking' }).click();
  await page.waitForURL(/\/attempts\/[0-9a-f-]{36}$/);
  await page.waitForLoadState('networkidle');
  return page.locator('section', { has: page.getByRole('heading', { name: 'Audit figures' }) }).innerText();
}

/**
 * The shipped ICD-10 5th Edition written out as the official "CodesAndTitlesAndMetadata" text file, so the
 * import, report and activation run on a complete edition (the small test fixtures would leave every case
 * unmarkable while other browser tests share the server).
 */
function officialIcd10Txt(): string {
  const rows = fs.readFileSync(path.resolve('content/classifications/icd10_5th_edition.tsv'), 'utf8').trim().split('\n').slice(1);
  const head = 'CODE\tALT_CODE\tUSAGE\tUSAGE_UK\tDESCRIPTION\tMODIFIER_4\tMODIFIER_5\tQUALIFIERS\tGENDER_MASK\tMIN_AGE\tMAX_AGE\tTREE_DESCRIPTION';
  const lines = rows.map((r) => {
    const [code, alt, usage, modifier, title] = r.split('\t') as [string, string, string, string, string];
    const usageUk = usage === 'ASTERISK' ? '2' : usage === 'DAGGER' ? '4' : '3';
    const m4 = code.length === 5 && modifier ? modifier : '';
    const m5 = code.length === 6 && modifier ? modifier : '';
    return [code, alt, usage, usageUk, title, m4, m5, '', '', '', '', title].join('\t');
  });
  return `${head}\n${lines.join('\n')}\n`;
}

describe('UK classification editions', () => {
  const b = useBrowser();

  test('an apprentice codes three injury cases as a coder in England does and scores full marks', async () => {
    const page = await b.signedIn(SAM);
    // Fracture 5th characters (closed), place of occurrence, I10X; and an accepted alternative (Y04.5 for "outside a bar").
    const fall = await codeCase(page, 'care-of-the-elderly-02-fall-in-care-home-pubic-ramus-fracture', ['S32.50', 'W01.1', 'I10', 'E03.9'], []);
    expect(fall).toMatch(/Primary diagnosis\s+100%\s+1 of 1 correct/);
    expect(fall).toMatch(/Secondary diagnoses\s+100%\s+3 of 3 correct/);
    expect(await page.getByText('Every code is right and in the right place.').isVisible()).toBe(true);
    expect(await page.locator('li', { hasText: 'Secondary 2:' }).innerText()).toContain('I10X');
    await b.checkA11y(page, 'UK attempt');
    const how = await page.locator('section', { has: page.getByRole('heading', { name: 'How this was marked' }) }).innerText();
    expect(how).toContain('Marked under ICD-10 5th Edition and OPCS-4.11');
    expect(how).toContain('lowers the secondary figure');

    const wrist = await codeCase(page, 'orthopaedics-trauma-02-distal-radius-fracture-orif', ['S52.50', 'W10.0'], ['W20.1', 'Z70.5', 'Z94.3']);
    expect(wrist).toMatch(/Primary diagnosis\s+100%/);
    expect(wrist).toMatch(/Secondary diagnoses\s+100%\s+1 of 1 correct/);
    expect(wrist).toMatch(/Secondary procedures\s+100%\s+2 of 2 correct/);

    const nose = await codeCase(page, 'ent-03-nasal-bone-fracture-after-assault-manipulation', ['S02.20', 'Y04.5'], ['V09.2']);
    expect(nose).toMatch(/Primary diagnosis\s+100%/);
    expect(nose).toMatch(/Secondary diagnoses\s+100%\s+1 of 1 correct/);
    expect(nose).toMatch(/Primary procedure\s+100%/);
    const key = await page.locator('section', { has: page.getByRole('heading', { name: 'The expected coding and why' }) }).innerText();
    expect(key).toMatch(/Also accepted:\s+Y04\.5/);

    // An open fracture where the notes say closed is a fifth-character error.
    const open = await codeCase(page, 'care-of-the-elderly-02-fall-in-care-home-pubic-ramus-fracture', ['S32.51', 'W01.1', 'I10', 'E03.9'], []);
    expect(open).toMatch(/Primary diagnosis\s+0%/);
    expect(await page.locator('li', { hasText: 'Primary: S32.51' }).innerText()).toContain('wrong fifth character');
  });

  test('the code browser shows UK codes, common ones first, with how often England used them', async () => {
    const page = await b.signedIn(SAM);
    await b.visit(page, '/codes?q=hypertension&scheme=icd10');
    const first = await page.locator('table tbody tr').first().innerText();
    expect(first).toMatch(/^I10X\s+Essential \(primary\) hypertension\s+ICD-10\s+6,426,099/);
    await b.visit(page, '/codes?scheme=icd10&chapter=XIX&block=S00-T98&category=S32');
    expect(await page.locator('tr', { hasText: 'S32.50' }).innerText()).toMatch(/Fracture of pubis: closed\s+45,054\b[\s\S]*S32\.5/);
  });

  // Importing 17,934 codes and re-marking every demo attempt take a while on PGlite.
  test('an administrator imports an official release, reads what it changes, activates it, re-marks, and a trainer sees both marks', { timeout: 240_000 }, async () => {
    const name = `ICD-10 5th Edition (TRUD 2016-04-01, ${runId()})`;
    const file = path.join(os.tmpdir(), `ICD10_Edition5_CodesAndTitlesAndMetadata_GB_${runId()}.txt`);
    fs.writeFileSync(file, officialIcd10Txt());
    const admin = await b.signedIn(ADMIN);
    try {
      await b.visit(admin, '/admin/classifications', { settle: true });
      // A bad file first: nothing imported, the problems by line.
      const bad = path.join(os.tmpdir(), `bad-${runId()}.txt`);
      fs.writeFileSync(bad, fs.readFileSync(path.resolve('tests/fixtures/classifications/icd10-bad.txt')));
      await admin.getByLabel('Edition name').fill(`${name} bad`);
      await admin.getByLabel('Release file').setInputFiles(bad);
      await admin.getByRole('button', { name: 'Check and import' }).click();
      await admin.getByRole('heading', { name: 'Nothing was imported' }).waitFor();
      expect(await admin.getByRole('region', { name: 'Problems in the file' }).locator('tbody tr').count()).toBeGreaterThan(3);
      await b.checkA11y(admin, 'import refused');

      await admin.getByLabel('Edition name').fill(name);
      await admin.getByLabel('Release date (optional)').fill('2016-04-01');
      await admin.getByLabel('Release file').setInputFiles(file);
      await admin.getByRole('button', { name: 'Check and import' }).click();
      await admin.getByText(`Imported “${name}”: 17,934 ICD-10 codes (icd10-txt)`).waitFor({ timeout: 60_000 });
      await admin.getByRole('link', { name: 'read what activating it would change' }).click();
      await admin.waitForURL(/\/admin\/classifications\/[0-9a-f-]{36}$/);
      await admin.waitForLoadState('networkidle');
      await b.checkA11y(admin);
      expect(await admin.getByText('Every case key, theory question, written item and blueprint uses codes that exist and are complete in this edition.').isVisible()).toBe(true);
      await admin.getByRole('button', { name: `Activate ${name}` }).click();
      await admin.getByRole('button', { name: 'Yes, activate it' }).click();
      await admin.getByText(`${name} is now the active ICD-10 edition`).waitFor();

      // A trainer opens one of Sam's attempts: it was marked under the shipped edition, now the older one.
      const trainer = await b.signedIn(TRAINER_PATEL);
      await trainer.getByRole('link', { name: 'Sam Whitfield' }).click();
      await trainer.waitForURL(/\/apprenticeships\//);
      await trainer.getByRole('link', { name: 'Coding practice', exact: true }).click();
      await trainer.waitForURL(/section=practice/);
      await trainer.locator('a[href^="/attempts/"]').first().click();
      await trainer.waitForURL(/\/attempts\/[0-9a-f-]{36}$/);
      const attemptUrl = new URL(trainer.url()).pathname;
      const how = () => trainer.locator('section', { has: trainer.getByRole('heading', { name: 'How this was marked' }) }).innerText();
      expect(await how()).toContain('Marked under ICD-10 5th Edition and OPCS-4.11');

      // The administrator re-marks every attempt under the new edition; the original stays beside it.
      await b.visit(admin, '/admin/classifications', { settle: true });
      const remark = admin.getByRole('button', { name: /^Re-mark [\d,]+ attempts$/ });
      await remark.click();
      await admin.getByRole('button', { name: 'Yes, re-mark them' }).click();
      await admin.getByText(/^Re-marked [\d,]+ attempts?; each keeps its original mark/).waitFor({ timeout: 60_000 });

      await trainer.goto(attemptUrl, { waitUntil: 'networkidle' });
      expect(await trainer.getByText(`Re-marked under ${name} and OPCS-4.11. First marked under ICD-10 5th Edition and OPCS-4.11`).isVisible()).toBe(true);
      const marks = await how();
      expect(marks).toMatch(/Original mark, .*: marked under ICD-10 5th Edition and OPCS-4\.11/);
      expect(marks).toMatch(/Re-marked by Admin.*\(standing\)|Re-marked by .*\(standing\)/);
      await b.checkA11y(trainer, 're-marked');
    } finally {
      // Put the shipped edition back for the tests that follow.
      await b.visit(admin, '/admin/classifications', { settle: true });
      await admin.getByRole('link', { name: 'ICD-10 5th Edition', exact: true }).click();
      await admin.waitForLoadState('networkidle');
      const back = admin.getByRole('button', { name: 'Activate ICD-10 5th Edition' });
      if (await back.count()) {
        await back.click();
        await admin.getByRole('button', { name: 'Yes, activate it' }).click();
        await admin.getByText('ICD-10 5th Edition is now the active ICD-10 edition').waitFor();
      }
      fs.rmSync(file, { force: true });
    }
  });
});
