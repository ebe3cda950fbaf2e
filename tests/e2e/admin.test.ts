import { describe, expect, test } from 'vitest';
import { description, apprenticeNames, useBrowser } from './support/browser';
import { ADMIN, ASHWELL, runId } from './support/people';


describe('administration', () => {
  const b = useBrowser();

  test('an administrator adds a cohort and it appears in the cohort table and the audit log', async () => {
    const page = await b.signedIn(ADMIN);
    await b.visit(page, '/admin/cohorts', { settle: true });
    const name = `E2E cohort ${runId()}`;

    // An empty name is refused beside the field; the date typed stays.
    await page.getByLabel('Start date', { exact: true }).fill('2026-09-07');
    await page.getByRole('button', { name: 'Add cohort' }).click();
    await expect.poll(() => description(page, 'Cohort name')).toContain('Enter the cohort name');
    expect(await page.getByLabel('Start date', { exact: true }).inputValue()).toBe('2026-09-07');
    await b.checkA11y(page, 'error');

    await page.getByLabel('Cohort name', { exact: true }).fill(name);
    await page.getByRole('button', { name: 'Add cohort' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
    await row.waitFor();
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('7 Sep 2026');
    expect(await page.getByRole('status').filter({ hasText: 'Cohort added.' }).count()).toBe(1);

    // It survives a reload (it was saved, not just shown).
    await b.visit(page, '/admin/cohorts');
    expect(await page.getByRole('cell', { name, exact: true }).count()).toBe(1);

    await b.visit(page, '/admin/audit?entity=cohort');
    const entry = page.getByRole('row').filter({ hasText: 'cohort.create' }).filter({ hasText: name });
    expect(await entry.count()).toBe(1);
    expect(await entry.getByRole('cell').nth(1).textContent()).toBe('Alex Morgan');
  });

  test('the new-apprentice form shows a bad field’s message beside it, keeps what was typed, then adds the apprentice', async () => {
    const page = await b.signedIn(ADMIN);
    await b.visit(page, '/admin/apprentices/new', { settle: true });
    const id = runId();
    const name = `Robin Tester ${id}`;
    const email = `robin.${id}@ashwell.example`;

    await page.getByLabel('Full name', { exact: true }).fill(name);
    await page.getByLabel('Email address', { exact: true }).fill(email);
    await page.getByLabel('Temporary password', { exact: true }).fill('Temporary-pass-2026');
    await page.getByLabel('Employer', { exact: true }).selectOption({ label: ASHWELL });
    await page.getByLabel('Cohort', { exact: true }).selectOption({ label: 'September 2025' });
    await page.getByLabel('Start date', { exact: true }).fill('2026-09-01');
    await page.getByLabel('Planned end date', { exact: true }).fill('2026-03-01'); // before the start
    await page.getByLabel('Weekly contracted hours', { exact: true }).fill('5'); // under 16
    await page.getByLabel('Planned off-the-job hours', { exact: true }).fill('300');
    await page.getByLabel('English', { exact: true }).selectOption({ label: 'Achieved' });
    await page.getByLabel('Maths', { exact: true }).selectOption({ label: 'In progress' });
    await page.getByRole('button', { name: 'Add apprentice' }).click();

    await expect.poll(() => description(page, 'Planned end date')).toContain('The planned end date must be after the start date.');
    expect(await description(page, 'Weekly contracted hours')).toContain('Apprentices are contracted for at least 16 hours a week.');
    expect(await page.getByLabel('Planned end date', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Full name', { exact: true }).getAttribute('aria-invalid')).toBeNull();
    expect(await description(page, 'Full name')).toBe('');
    await b.checkA11y(page, 'errors');

    // Everything typed is still there, the bad values included, so only those need changing.
    const kept = {
      'Full name': name,
      'Email address': email,
      'Start date': '2026-09-01',
      'Planned end date': '2026-03-01',
      'Weekly contracted hours': '5',
      'Planned off-the-job hours': '300',
    };
    for (const [label, value] of Object.entries(kept)) expect(await page.getByLabel(label, { exact: true }).inputValue(), label).toBe(value);
    const selected = (label: string) => page.getByLabel(label, { exact: true }).evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent);
    expect(await selected('Employer')).toBe(ASHWELL);
    expect(await selected('Cohort')).toBe('September 2025');
    expect(await selected('English')).toBe('Achieved');
    expect(await selected('Maths')).toBe('In progress');
    expect(new URL(page.url()).pathname).toBe('/admin/apprentices/new');

    await page.getByLabel('Planned end date', { exact: true }).fill('2028-03-01');
    await page.getByLabel('Weekly contracted hours', { exact: true }).fill('30');
    await page.getByRole('button', { name: 'Add apprentice' }).click();
    await page.waitForURL((url) => /^\/admin\/apprentices\/[0-9a-f-]{36}$/.test(url.pathname));
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(name);
    expect(await page.getByLabel('Weekly contracted hours', { exact: true }).inputValue()).toBe('30');
    expect(await page.getByLabel('Planned end date', { exact: true }).inputValue()).toBe('2028-03-01');
    await b.checkA11y(page);

    await b.visit(page, `/admin/apprentices?q=${encodeURIComponent(email)}`);
    expect(await apprenticeNames(page)).toEqual([name]);
  });

  test('a CSV import with a bad row lists the problem by line and imports nothing', async () => {
    const page = await b.signedIn(ADMIN);
    await b.visit(page, '/admin/import', { settle: true });
    const id = runId();
    const good = `good.${id}@ashwell.example`;
    const bad = `bad.${id}@ashwell.example`;
    const header = 'name,email,employer,cohort,start date,planned end date,weekly hours';
    const goodRow = `Good Row ${id},${good},${ASHWELL},September 2025,2025-09-01,2027-03-01,37.5`;
    const badRow = `Bad Row ${id},${bad},${ASHWELL},September 2025,2025-09-01,2025-08-01,5`;

    async function importFile(csv: string) {
      await page.getByLabel('CSV file').setInputFiles({ name: 'apprentices.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: 'Check and import' }).click();
    }

    await importFile(`${header}\n${goodRow}\n${badRow}\n`);
    await page.getByRole('heading', { name: 'Nothing was imported' }).waitFor();
    const problems = page.getByRole('table', { name: 'Problems in the file' }).locator('tbody tr');
    const rows = await problems.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => r[0] === '3'), JSON.stringify(rows)).toBe(true); // only the bad row, line 3
    expect(rows).toContainEqual(['3', 'planned end date', 'The planned end date must be after the start date.']);
    expect(rows).toContainEqual(['3', 'weekly hours', 'Apprentices are contracted for at least 16 hours a week.']);
    await b.checkA11y(page, 'problems');

    // Neither row's person exists.
    for (const email of [good, bad]) {
      await b.visit(page, `/admin/users?q=${encodeURIComponent(email)}`);
      expect(await page.getByText('0 users.').count(), email).toBe(1);
      expect(await page.getByText(email).count(), email).toBe(0);
      await b.visit(page, `/admin/apprentices?q=${encodeURIComponent(email)}`);
      expect(await page.getByText('No apprentices match.').count(), email).toBe(1);
    }

    // The same good row on its own imports, so the searches above would have found it.
    await b.visit(page, '/admin/import', { settle: true });
    await importFile(`${header}\n${goodRow}\n`);
    await page.getByRole('heading', { name: 'Imported 1 apprentice' }).waitFor();
    await b.checkA11y(page, 'imported');
    await b.visit(page, `/admin/users?q=${encodeURIComponent(good)}`);
    expect(await page.getByText(good).count()).toBe(1);
  });

  test('an administrator sees the background jobs by queue, on a page that passes the accessibility check', async () => {
    const page = await b.signedIn(ADMIN);
    await b.visit(page, '/admin/jobs', { settle: true });
    await page.getByRole('heading', { name: 'Background jobs', level: 1 }).waitFor();
    const queues = page.getByRole('region', { name: 'Jobs by queue' });
    for (const label of ['Portfolio export', 'Mock paper submitted at its deadline', 'Sweep for mock papers past their deadline', 'Removing old portfolio exports'])
      expect(await queues.getByRole('rowheader', { name: new RegExp(`^${label}`) }).count()).toBe(1);
    await b.checkA11y(page);
  });

  test('disabling a user ends their open session on their next request', async () => {
    const grace = await b.signedIn('grace.adeyemi@kingsmere.example');
    expect(new URL(grace.url()).pathname).toBe('/apprentice');

    const admin = await b.signedIn(ADMIN);
    await b.visit(admin, `/admin/users?q=${encodeURIComponent('grace.adeyemi@kingsmere.example')}`);
    await admin.getByRole('link', { name: 'Grace Adeyemi', exact: true }).click();
    await admin.waitForURL((url) => /^\/admin\/users\/[0-9a-f-]{36}$/.test(url.pathname));
    await b.checkA11y(admin);
    let confirmText = '';
    admin.once('dialog', (dialog) => {
      confirmText = dialog.message();
      void dialog.accept();
    });
    await admin.getByRole('button', { name: 'Disable', exact: true }).click();
    await admin.getByRole('button', { name: 'Re-enable', exact: true }).waitFor();
    expect(confirmText).toContain('Disable Grace Adeyemi?');
    expect(await admin.locator('main').getByText('Disabled', { exact: true }).count()).toBe(1);

    // Grace's cookie is still there, but the next request treats her as signed out.
    expect((await grace.context().cookies()).map((c) => c.name)).toContain('authjs.session-token');
    await grace.goto('/apprentice');
    expect(new URL(grace.url()).pathname).toBe('/login');
    await grace.goto('/standard');
    expect(new URL(grace.url()).pathname).toBe('/login');

    // Signing in again, with the right password, is refused.
    await b.submitSignIn(grace, 'grace.adeyemi@kingsmere.example');
    const alert = grace.getByRole('alert').filter({ hasText: 'disabled' });
    await alert.waitFor();
    expect((await alert.textContent())?.trim()).toBe("This account has been disabled. Ask your training provider's administrator to re-enable it.");
    expect(new URL(grace.url()).pathname).toBe('/login');

    await b.visit(admin, '/admin/audit?entity=user');
    expect(await admin.getByRole('row').filter({ hasText: 'user.disable' }).count()).toBeGreaterThanOrEqual(1);
  });
});
