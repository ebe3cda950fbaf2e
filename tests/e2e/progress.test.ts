import { describe, expect, test } from 'vitest';
import { useBrowser } from './support/browser';

describe('progress and readiness', () => {
  const b = useBrowser();

  test('a trainer sorts the cohort table and opens an apprentice, whose picture shows the KSB map and the gateway', async () => {
    const page = await b.signedIn('trainer.patel@coderpathway.example');
    await b.visit(page, '/trainer/progress', { settle: true });
    const names = async () => page.getByRole('region', { name: 'Progress of the apprentices assigned to you' }).locator('tbody th[scope="row"] a').allInnerTexts();
    await page.getByRole('link', { name: /^Apprentice/ }).click();
    await page.waitForURL(/sort=name&dir=asc/);
    const ascending = await names();
    expect(ascending.length).toBeGreaterThan(2);
    expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b)));
    await page.getByRole('link', { name: /^Apprentice/ }).click();
    await page.waitForURL(/sort=name&dir=desc/);
    expect(await names()).toEqual([...ascending].reverse());
    expect(await page.locator('th[aria-sort="descending"]').innerText()).toContain('Apprentice');
    await b.checkA11y(page, 'sorted');

    await page.getByRole('link', { name: 'Sam Whitfield' }).click();
    await page.waitForURL(/\/apprenticeships\/[0-9a-f-]{36}\/progress$/);
    await page.getByRole('heading', { name: 'KSB map' }).waitFor();
    await b.checkA11y(page);
    // Every KSB is in the grid, each named with its state for a screen reader.
    expect(await page.getByRole('link', { name: /^[KSB]\d{1,2}(?: \d+%)?: (Met|Submitted|Practised|Not started)/ }).count()).toBe(59);
    await page.getByRole('link', { name: /^S3: / }).click();
    await page.locator('#ksb-detail').waitFor();
    expect(await page.locator('#ksb-detail').innerText()).toContain('S3');
    expect(await page.getByRole('heading', { name: 'Gateway checklist' }).isVisible()).toBe(true);
  });

  test('the apprentice downloads their progress report as a PDF', async () => {
    const page = await b.signedIn('sam.whitfield@ashwell.example');
    await b.visit(page, '/apprentice/progress', { settle: true });
    const href = (await page.getByRole('link', { name: 'Download progress report (PDF)' }).getAttribute('href'))!;
    const res = await page.context().request.get(href);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    expect(res.headers()['content-disposition']).toMatch(/^attachment; filename="progress-sam-whitfield-\d{4}-\d{2}-\d{2}\.pdf"$/);
    expect(Buffer.from(await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
    // Another apprentice's report is not found, exactly like a missing one.
    const other = await b.signedIn('owen.price@kingsmere.example');
    expect((await other.context().request.get(href)).status()).toBe(404);
  });

  test("an employer sees counts by RAG and their own apprentices only, and the CSV holds the same rows", async () => {
    const page = await b.signedIn('coding.manager@ashwell.example');
    await b.visit(page, '/employer/progress', { settle: true });
    const table = page.getByRole('region', { name: "Progress of your organisation's apprentices" });
    const rows = await table.locator('tbody th[scope="row"] a').allInnerTexts();
    // Ashwell's six demo apprentices (other tests may add more at Ashwell), none of Kingsmere's.
    expect(rows).toEqual(expect.arrayContaining(['Sam Whitfield', 'Aisha Rahman', 'Tom Hargreaves', 'Ryan Doyle', 'Mei Tanaka', 'Ellie Brooks']));
    for (const kingsmere of ['Owen Price', 'Lucy Chen', 'Grace Adeyemi', 'Jordan Kaur', 'Nathan Lowe', 'Zara Hussain']) expect(rows).not.toContain(kingsmere);
    const csv = await page.context().request.get((await page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href'))!);
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines.length).toBe(rows.length + 1);
    expect(lines.slice(1).map((l) => l.split(',')[0]).sort()).toEqual([...rows].sort());

    // Choosing a bar of the overview shows only those apprentices; choosing it again shows everyone.
    const overview = page.getByRole('region', { name: /^Overview of/ });
    const red = overview.getByRole('link', { name: /^Red\W*show \d+ in the table$/ });
    const count = Number((await red.innerText()).match(/show (\d+)/)![1]);
    expect(count).toBeGreaterThan(0);
    await red.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/rag=red/);
    await expect.poll(() => table.locator('tbody tr').count()).toBe(count);
    expect(await table.locator('tbody').innerText()).toContain('Tom Hargreaves');
    await b.checkA11y(page, 'filtered by a bar');
    await overview.getByRole('link', { name: /^Red\W*shown in the table/ }).click();
    await page.waitForURL((url) => !url.search.includes('rag=red'));
    await expect.poll(() => table.locator('tbody tr').count()).toBe(rows.length);
  });
});
