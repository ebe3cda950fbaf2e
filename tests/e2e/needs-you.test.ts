import { describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useBrowser } from './support/browser';
import { ASHWELL_MANAGER, TRAINER_PATEL } from './support/people';

// Aisha Rahman (Ashwell, Priya Patel's) has a piece waiting to be marked in the demo data; Sam Whitfield's
// trainer has confirmed readiness for gateway, his employer has not; Ryan Doyle started four weeks ago.
const AISHA = 'aisha.rahman@ashwell.example';
const RYAN = 'ryan.doyle@ashwell.example';
const PIECE = 'Observation: coding a complex cardiology episode';

/** The "Needs you" region, with any tasks folded under "Show … more" opened. */
async function needsYou(page: Page): Promise<Locator> {
  const region = page.getByRole('region', { name: /^Needs you/ });
  await region.waitFor();
  const more = region.getByText(/^Show \d+ more$/);
  if (await more.count()) await more.click();
  return region;
}

/** Tab from the top of the page until the link named `name` has focus: it is reachable by keyboard. */
async function tabTo(page: Page, name: string) {
  await page.locator('body').focus();
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')) === name) return;
  }
  throw new Error(`“${name}” was not reached with the Tab key`);
}

async function noSideways(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
}

describe('needs you', () => {
  const b = useBrowser();

  test('the trainer marks from their task list and refers a piece back; the apprentice finds it first on their home, and its link works', async () => {
    const trainer = await b.signedIn(TRAINER_PATEL);
    // The navigation's marking count is evidence, written answers and off-the-job entries together.
    const markingCount = async () => Number((await trainer.getByRole('link', { name: /^Marking/ }).innerText()).match(/\d+/)![0]);
    const navCount = await markingCount();
    const tasks = await needsYou(trainer);
    const counts = await tasks.getByRole('list', { name: 'Counts' }).innerText();
    expect(counts).toMatch(/\d+ off-the-job logs? to review/);
    const task = tasks.getByRole('listitem').filter({ hasText: 'Aisha Rahman' }).filter({ hasText: PIECE });
    expect(await task.innerText()).toMatch(/Since \d{1,2} \w{3} \d{4}/);
    // By keyboard: Tab to the task's link and follow it with Enter.
    await tabTo(trainer, `Mark evidence: ${PIECE}`);
    await trainer.keyboard.press('Enter');
    await trainer.waitForURL(/\/evidence\/[0-9a-f-]{36}$/);
    await trainer.waitForLoadState('networkidle');
    for (const code of ['K4', 'S2', 'S15']) await trainer.getByRole('group', { name: new RegExp(`^${code}:`) }).getByRole('radio', { name: 'Not yet met', exact: true }).check();
    await trainer.getByLabel('Feedback to the apprentice').fill('Say which conventions decided the sequence of the cardiology codes, and why.');
    await trainer.getByRole('radio', { name: /Refer back/ }).check();
    await trainer.getByRole('button', { name: 'Save decision' }).click();
    await trainer.getByText('Referred back', { exact: true }).first().waitFor();
    await b.visit(trainer, '/trainer');
    expect(await (await needsYou(trainer)).getByRole('link', { name: `Mark evidence: ${PIECE}` }).count()).toBe(0);
    expect(await markingCount()).toBe(navCount - 1);
    // The marking page lists what the count holds, off-the-job entries included.
    await b.visit(trainer, '/trainer/marking');
    expect(await trainer.getByRole('heading', { name: /^Off-the-job entries to review \(\d+\)$/ }).count()).toBe(1);

    const apprentice = await b.signedIn(AISHA);
    const mine = await needsYou(apprentice);
    await b.checkA11y(apprentice, 'referred back');
    const link = mine.getByRole('link', { name: `Referred back: ${PIECE}` });
    await link.click();
    await apprentice.waitForURL(/\/apprentice\/evidence\/[0-9a-f-]{36}$/);
    await apprentice.getByText('Say which conventions decided the sequence of the cardiology codes', { exact: false }).first().waitFor();
  });

  test('an employer contact confirms readiness for gateway on their home page, by keyboard, and the task goes', async () => {
    const employer = await b.signedIn(ASHWELL_MANAGER);
    const tasks = await needsYou(employer);
    const task = tasks.getByRole('listitem').filter({ hasText: 'Sam Whitfield' }).filter({ hasText: 'Confirm readiness for gateway' });
    expect(await task.innerText()).toContain('The trainer has confirmed.');
    // The form is on the home page itself, under the tasks: no page to find first.
    const gateway = employer.getByRole('region', { name: 'Readiness for gateway' });
    await gateway.getByRole('heading', { name: 'Sam Whitfield' }).waitFor();
    await b.checkA11y(employer, 'gateway on the home page');
    await gateway.getByLabel('Why Sam Whitfield is ready for gateway').fill('Sam codes day cases independently and checks his own work.');
    await gateway.getByRole('button', { name: 'Confirm Sam Whitfield is ready for gateway' }).focus();
    await employer.keyboard.press('Enter');
    await gateway.getByText('Your confirmation for Sam Whitfield is recorded.').waitFor();
    // Focus is on what happened, not lost to <body> when the form went.
    await expect.poll(() => employer.evaluate(() => document.activeElement?.textContent)).toBe('Your confirmation for Sam Whitfield is recorded.');
    await expect.poll(() => gateway.getByRole('heading', { name: 'Sam Whitfield' }).count()).toBe(0);
    expect(await tasks.getByRole('listitem').filter({ hasText: 'Sam Whitfield' }).filter({ hasText: 'Confirm readiness for gateway' }).count()).toBe(0);
    // Still so after a reload: the confirmation is stored, not only shown.
    await b.visit(employer, '/employer');
    await employer.getByRole('region', { name: 'Readiness for gateway' }).getByText('No apprentice is waiting for your confirmation.').waitFor();
  });

  test('Ryan, a new starter, sees where to start instead of 59 items not met yet, by keyboard and at 320 px', async () => {
    const ryan = await b.signedIn(RYAN);
    const start = ryan.getByRole('region', { name: 'Start here' });
    await start.waitFor();
    const steps = await start.getByRole('listitem').allInnerTexts();
    expect(steps).toHaveLength(5);
    expect(steps[0]).toContain('Read the standard you will be assessed against');
    expect(await ryan.getByText('Not met yet', { exact: true }).count()).toBe(0);
    // His tasks are there too: at least his next review.
    expect(await (await needsYou(ryan)).getByRole('link', { name: /progress review/ }).count()).toBe(1);
    await tabTo(ryan, 'Add your first piece of evidence');
    await ryan.keyboard.press('Enter');
    await ryan.waitForURL(/\/apprentice\/evidence\/new$/);

    await ryan.setViewportSize({ width: 320, height: 800 });
    await b.visit(ryan, '/apprentice');
    await start.waitFor();
    await noSideways(ryan);
    const sam = await b.signedIn('sam.whitfield@ashwell.example');
    await sam.setViewportSize({ width: 320, height: 800 });
    await b.visit(sam, '/apprentice');
    await needsYou(sam);
    await noSideways(sam);
    const trainer = await b.signedIn(TRAINER_PATEL);
    await trainer.setViewportSize({ width: 320, height: 800 });
    await b.visit(trainer, '/trainer');
    await needsYou(trainer);
    await noSideways(trainer);
  });

  test('an admin sees the people who never signed in, each linked to their account', async () => {
    const admin = await b.signedIn('admin@coderpathway.example');
    const tasks = await needsYou(admin);
    expect(await tasks.getByRole('list', { name: 'Counts' }).innerText()).toMatch(/\d+ (person|people) who never signed in/);
    await tasks.getByRole('link', { name: 'Never signed in', exact: true }).first().click();
    await admin.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);
  });
});
