import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from './support/browser';
import { SAM, TRAINER_PATEL } from './support/people';

// Clinical query practice (issue 19, point 2): Sam answers a scenario with a query, the pre-checks flag his
// leading first draft as he types, he rewrites it and submits; Priya Patel marks it against the rubric from
// her Marking page; Sam sees the marking and the model query.
const SCENARIO = 'query-01-anaemia-type-not-stated';
const TITLE = 'Anaemia with no type stated';
const LEADING = 'Dr Okafor, please confirm this is iron deficiency anaemia.';
const GOOD =
  'Dear Dr Okafor, the discharge summary of 07/03 records "anaemia" and the FBC of 04/03 shows Hb 81 g/L with MCV 74 fL. Could you please state the type of anaemia treated: iron deficiency, anaemia of chronic disease, other (please specify), or unable to determine? The answer determines the diagnosis code assigned, so that the episode can be coded accurately. Thank you, clinical coding.';
const artifacts = path.resolve('tests/e2e/artifacts');

async function shoot(page: Page, name: string) {
  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, `query-practice-${name}.png`), fullPage: true, caret: 'initial' });
}
async function noSideways(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
}

describe('clinical query practice', () => {
  const b = useBrowser();

  test('Sam writes a query, the pre-check flags leading phrasing, he rewrites and submits; Patel marks it; Sam sees the marking', async () => {
    const sam = await b.signedIn(SAM);
    await b.visit(sam, '/apprentice/practice');
    await sam.getByRole('link', { name: 'Clinical query practice' }).click();
    await sam.waitForURL('**/apprentice/practice/queries');
    await b.checkA11y(sam);
    const row = sam.getByRole('row').filter({ hasText: TITLE });
    expect(await row.innerText()).toContain('Not tried');
    await row.getByRole('link', { name: TITLE }).click();
    await sam.waitForURL(`**/apprentice/practice/queries/${SCENARIO}`);
    await sam.waitForLoadState('networkidle');
    await b.checkA11y(sam);
    // The trainer's side of the scenario is not on the page.
    expect(await sam.getByText('A model query').count()).toBe(0);

    await sam.getByRole('radio', { name: 'Yes, a query is needed' }).check();
    await sam.getByLabel('To', { exact: true }).fill('Dr A. Okafor');
    await sam.getByLabel('Your query').fill(LEADING);
    const hints = sam.getByText(/^Pre-check hints/).locator('..');
    await expect.poll(() => hints.innerText()).toContain('leading question');
    await b.checkA11y(sam, 'hints shown');
    await sam.setViewportSize({ width: 1280, height: 900 });
    await shoot(sam, 'apprentice-leading-desktop');
    await sam.setViewportSize({ width: 320, height: 800 });
    await noSideways(sam);
    await shoot(sam, 'apprentice-leading-320');
    await sam.setViewportSize({ width: 1280, height: 900 });

    // Rewritten: neutral, one question, cites the notes, says what it changes.
    await sam.getByLabel('Your query').fill(GOOD);
    await expect.poll(() => hints.innerText()).toContain('No hints');
    await sam.getByLabel('Your reasoning').fill('The discharge summary says only "anaemia"; the type decides the code and I may not infer it from the MCV or the iron.');
    await sam.getByRole('button', { name: 'Submit for marking' }).click();
    await sam.waitForURL(/\/apprentice\/practice\/queries\/attempts\/[0-9a-f-]{36}\?submitted=1$/);
    await sam.getByText('Submitted. Your trainer will mark it').waitFor();
    await b.checkA11y(sam, 'submitted');
    expect(await sam.getByText('A model query').count()).toBe(0);
    const attemptUrl = new URL(sam.url()).pathname;
    const attemptId = attemptUrl.split('/').pop()!;

    // The trainer: from the Marking page to the queue, then the attempt.
    const patel = await b.signedIn(TRAINER_PATEL);
    await b.visit(patel, '/trainer/marking');
    await patel.getByRole('link', { name: /^Clinical queries to mark \(\d+\)$/ }).click();
    await patel.waitForURL('**/trainer/queries');
    await b.checkA11y(patel);
    await patel.getByRole('row').filter({ hasText: 'Sam Whitfield' }).filter({ hasText: TITLE }).last().getByRole('link', { name: TITLE }).click();
    await patel.waitForURL(`**/trainer/queries/${attemptId}`);
    await patel.waitForLoadState('networkidle');
    await b.checkA11y(patel);
    // The apprentice's query beside the scenario's gap, changes and model query.
    await patel.getByRole('heading', { name: 'A model query' }).waitFor();
    expect(await patel.getByText(GOOD).count()).toBe(1);
    await patel.setViewportSize({ width: 1280, height: 900 });
    await shoot(patel, 'trainer-marking-desktop');
    await patel.setViewportSize({ width: 320, height: 800 });
    await noSideways(patel);
    await shoot(patel, 'trainer-marking-320');
    await patel.setViewportSize({ width: 1280, height: 900 });

    // Saving with a criterion unjudged is refused beside it; what was chosen stays.
    await patel.getByRole('radio', { name: 'Yes, right' }).check();
    for (const c of ['Non-leading', 'One question', 'Cites the documentation', 'Names what the answer changes'])
      await patel.getByRole('group', { name: c }).getByRole('radio', { name: 'Met', exact: true }).check();
    await patel.getByLabel('Feedback to the apprentice').fill('A clear, neutral query that names the document and what the answer changes.');
    await patel.getByRole('button', { name: 'Save marking' }).click();
    await patel.getByText('Say whether the query meets this.').waitFor();
    expect(await patel.getByRole('radio', { name: 'Yes, right' }).isChecked()).toBe(true);
    await b.checkA11y(patel, 'criterion missing');
    const tone = patel.getByRole('group', { name: 'Professional tone' });
    await tone.getByRole('radio', { name: 'Not met', exact: true }).check();
    await tone.getByLabel('Comment').fill('Sign off with your name and the department.');
    await patel.getByRole('button', { name: 'Save marking' }).click();
    await patel.getByText('Marking saved.').waitFor();
    await b.checkA11y(patel, 'marked');

    // Sam sees the marking and the model query.
    await b.visit(sam, attemptUrl);
    await sam.getByRole('heading', { name: "Your trainer's marking" }).waitFor();
    expect(await sam.getByText('4 of 5 criteria met', { exact: false }).count()).toBe(1);
    await sam.getByText('Sign off with your name and the department.').waitFor();
    await sam.getByRole('heading', { name: 'A model query' }).waitFor();
    await b.checkA11y(sam, 'marked');
    await shoot(sam, 'apprentice-marked-desktop');
    await sam.setViewportSize({ width: 320, height: 800 });
    await noSideways(sam);
    await shoot(sam, 'apprentice-marked-320');
    await b.visit(sam, '/apprentice/practice/queries');
    expect(await sam.getByRole('row').filter({ hasText: TITLE }).innerText()).toContain('Marked: 4 of 5');
  });
});
