import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { useBrowser } from './support/browser';
import { ADMIN, TRAINER_PATEL } from './support/people';
import { shiftDate, ukToday } from '@/lib/forms/fields';
import { formatDate } from '@/lib/format';

const artifacts = (name: string) => path.resolve('tests/e2e/artifacts', name);

// issue 20 point 3. Lucy Chen (trainer Patel): no other browser test touches her off-the-job log or reviews.
describe('a break in learning', () => {
  const b = useBrowser();

  test('the trainer records a break, sees the paused notice and the moved end, and records the return', async () => {
    const page = await b.signedIn(TRAINER_PATEL);
    await b.visit(page, '/trainer?q=Lucy');
    await page.getByRole('link', { name: 'Lucy Chen', exact: true }).first().click();
    await page.waitForURL(/\/apprenticeships\/[0-9a-f-]+$/);
    const section = page.getByTestId('learning-status');
    const plannedBefore = (await section.getByTestId('moved-planned-end').innerText()).split('\n')[0]!.trim();

    const from = shiftDate(ukToday(), { days: -14 });
    const breakForm = page.getByRole('form', { name: 'Record a break in learning' });
    // A reason is needed: the message is beside the field and nothing is saved.
    await breakForm.getByLabel('First day of the break').fill(from);
    await breakForm.getByRole('button', { name: 'Record the break' }).click();
    await expect.poll(() => breakForm.getByText('Say why the apprentice is taking a break in learning.').count()).toBe(1);
    await b.checkA11y(page, 'break form error');

    await breakForm.getByLabel('Reason').fill('Long-term illness (occupational health advice).');
    await breakForm.getByRole('button', { name: 'Record the break' }).click();
    await expect.poll(() => section.getByTestId('break-notice').count(), { timeout: 15_000 }).toBe(1);
    expect(await section.getByTestId('break-notice').innerText()).toContain(
      `On a break in learning since ${formatDate(from)}: the plan, the off-the-job expectation, KSB expectations and review dates are paused.`,
    );
    const moved = (await section.getByTestId('moved-planned-end').innerText()).split('\n')[0]!.trim();
    expect(moved).not.toBe(plannedBefore);
    await b.checkA11y(page, 'on a break');
    await page.setViewportSize({ width: 320, height: 800 });
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifacts('break-in-learning-320.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });

    // The off-the-job page says the same, with the rule in force at the start.
    await b.visit(page, `${new URL(page.url()).pathname}/otj`);
    expect(await page.getByTestId('break-notice').innerText()).toContain(`since ${formatDate(from)}`);
    expect(await page.getByTestId('otj-rule').innerText()).toContain('The rule in force at the start');
    await page.goBack();

    // The apprentice sees the break on their home page and their off-the-job page, with the moved end.
    const lucy = await b.signedIn('lucy.chen@kingsmere.example');
    await b.visit(lucy, '/apprentice');
    expect(await lucy.getByTestId('break-notice').innerText()).toContain(`since ${formatDate(from)}`);
    expect(await lucy.locator('main').innerText()).toContain(moved);
    await b.visit(lucy, '/apprentice/otj');
    expect(await lucy.getByTestId('break-notice').count()).toBe(1);

    const returnForm = page.getByRole('form', { name: 'Record the return' });
    await returnForm.getByRole('button', { name: 'Record the return' }).click();
    await expect.poll(() => section.getByTestId('break-notice').count(), { timeout: 15_000 }).toBe(0);
    expect(await section.getByRole('table').innerText()).toContain('Long-term illness');
    // Fourteen days in the break: the planned end stays moved on by them.
    expect((await section.getByTestId('moved-planned-end').innerText()).split('\n')[0]!.trim()).not.toBe(plannedBefore);
    await b.checkA11y(page, 'returned');
  });

  test('the admin changes a funding rule and it is kept', async () => {
    const page = await b.signedIn(ADMIN);
    await b.visit(page, '/admin/settings', { settle: true });
    const form = page.getByRole('form', { name: 'Funding rules' });
    const days = form.getByLabel('Days a gateway pack link lasts', { exact: true });
    const stored = await days.inputValue();
    const typed = stored === '45' ? '46' : '45';
    await days.fill(typed);
    await form.getByRole('button', { name: 'Save funding rules' }).click();
    await expect.poll(() => form.getByText('Funding rules saved.').count(), { timeout: 15_000 }).toBe(1);
    const fresh = await page.context().newPage();
    await b.visit(fresh, '/admin/settings', { settle: true });
    await expect.poll(() => fresh.getByRole('form', { name: 'Funding rules' }).getByLabel('Days a gateway pack link lasts', { exact: true }).inputValue()).toBe(typed);
    // Put it back, so no other test sees the change.
    await days.fill(stored);
    await form.getByRole('button', { name: 'Save funding rules' }).click();
    await expect.poll(() => form.getByText('Funding rules saved.').count(), { timeout: 15_000 }).toBe(1);
  });
});
