import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { useBrowser } from './support/browser';

// issue 20 point 2: Ellie Brooks (Priya Patel's, employed by Ashwell) has a confirmed initial assessment and no plan.
describe('the training plan', () => {
  const b = useBrowser();

  test('the trainer drafts and signs Ellie’s plan, Ellie and her employer sign it from their home pages, the PDF downloads, and a change makes version 2', async () => {
    const trainer = await b.signedIn('trainer.patel@coderpathway.example');
    await b.visit(trainer, '/trainer');
    await trainer.getByRole('link', { name: 'Ellie Brooks', exact: true }).click();
    await trainer.waitForURL(/\/apprenticeships\/[0-9a-f-]{36}$/);
    const planPath = `${new URL(trainer.url()).pathname}/plan`;
    await b.visit(trainer, planPath, { settle: true });
    await trainer.getByRole('heading', { name: 'No training plan yet' }).waitFor();
    await trainer.getByRole('button', { name: 'Draft the training plan' }).click();

    // The draft: the figures from the rules, an edit form.
    const edit = trainer.getByRole('region', { name: 'Edit the draft' });
    await edit.waitFor();
    await trainer.waitForLoadState('networkidle');
    await b.checkA11y(trainer, 'draft');
    expect(await edit.getByLabel('Planned off-the-job hours').inputValue()).toBe('419');
    expect(await edit.innerText()).toContain('published minimum of 419 off-the-job hours');
    // An activity with hours that no longer add up is refused beside the activities; what was typed stays.
    await edit.getByRole('button', { name: 'Add an activity' }).click();
    const rows = edit.getByRole('listitem');
    const added = rows.last();
    await added.getByLabel('Activity').fill('Shadowing the ward clerk for a day');
    await added.getByLabel('KSBs').fill('S8, K25');
    await added.getByLabel('Hours').fill('7');
    await edit.getByLabel('Support agreed').fill('A mentor in the coding team and a fortnightly one-to-one.');
    await edit.getByRole('button', { name: 'Save the draft' }).click();
    await edit.getByText('The activities add up to 426 off-the-job hours; the plan says 419.', { exact: false }).waitFor();
    expect(await added.getByLabel('Activity').inputValue()).toBe('Shadowing the ward clerk for a day');
    await b.checkA11y(trainer, 'refused');
    await edit.getByLabel('Planned off-the-job hours').fill('426');
    await edit.getByRole('button', { name: 'Save the draft' }).click();
    await trainer.getByText('Saved.', { exact: false }).waitFor();
    // The page has read the saved version back (its new row version is in the signature form).
    await edit.getByText('426 planned off-the-job hours', { exact: false }).waitFor();
    await trainer.waitForLoadState('networkidle');

    // The trainer signs for the provider.
    const signTrainer = trainer.getByRole('region', { name: /^Your signature/ });
    await signTrainer.getByLabel('Your full name').fill('Priya Patel');
    await signTrainer.getByRole('button', { name: 'Sign version 1' }).click();
    await trainer.getByText('Awaiting the apprentice and the employer').first().waitFor();
    expect(await trainer.getByRole('region', { name: 'Edit the draft' }).count()).toBe(0);
    expect(await trainer.getByRole('region', { name: 'Training activities of version 1, by month' }).innerText()).toContain('Shadowing the ward clerk for a day');

    // Ellie signs from her home page.
    const ellie = await b.signedIn('ellie.brooks@ashwell.example');
    const callout = ellie.getByRole('region', { name: /^Needs you/ });
    await callout.getByRole('link', { name: 'Sign the training plan (version 1)' }).click();
    await ellie.waitForURL('**/apprentice/plan');
    await ellie.waitForLoadState('networkidle');
    await b.checkA11y(ellie, 'to sign');
    await ellie.getByLabel('Your full name').fill('Ellie Brooks');
    await ellie.getByRole('button', { name: 'Sign version 1' }).click();
    await ellie.getByText('Awaiting the employer').first().waitFor();

    // Her employer signs, from the home page.
    const employer = await b.signedIn('coding.manager@ashwell.example');
    const employerCallout = employer.getByRole('region', { name: /^Needs you/ });
    const more = employerCallout.getByText(/^Show \d+ more$/);
    if (await more.count()) await more.click();
    await employerCallout.getByRole('listitem').filter({ hasText: 'Ellie Brooks' }).getByRole('link', { name: 'Sign the training plan (version 1)' }).click();
    await employer.waitForURL(`**${planPath}`);
    await employer.waitForLoadState('networkidle');
    await employer.getByLabel('Your full name').fill('Helen Birch');
    await employer.getByRole('button', { name: 'Sign version 1' }).click();
    await employer.getByText('In force').first().waitFor();
    await b.checkA11y(employer, 'signed');

    // The PDF of version 1.
    const href = await employer.getByRole('link', { name: 'Download version 1 (PDF)' }).getAttribute('href');
    const pdf = await employer.context().request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(pdf.headers()['content-disposition']).toBe('attachment; filename="training-plan-ellie-brooks-v1.pdf"');
    const bytes = await pdf.body();
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(2000);
    const text = (await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true })).text.replace(/\s+/g, ' ');
    expect(text).toContain('published minimum of 419 off-the-job hours');
    expect(text).toContain('Shadowing the ward clerk for a day');
    expect(text).toMatch(/Employer: Helen Birch \(Ashwell Vale Hospitals NHS Trust\), signed/);
    // Another employer's contact: the same 404 as a missing page.
    const otherEmployer = await b.signedIn('coding.manager@kingsmere.example');
    expect((await b.visit(otherEmployer, planPath)).status()).toBe(404);
    expect((await otherEmployer.context().request.get(href!)).status()).toBe(404);

    // The trainer changes the plan: version 2 awaits all three; version 1 stays in force.
    await b.visit(trainer, planPath, { settle: true });
    const change = trainer.getByRole('region', { name: 'Change the plan' });
    await change.getByLabel('What changes, and why').fill('Weekly hours reduced to 22.5 from January at Ellie’s request.');
    await change.getByRole('button', { name: 'Change the plan' }).click();
    await trainer.getByRole('heading', { name: 'Version 2' }).waitFor();
    await trainer.getByText('Version 1 stays in force until version 2 is signed by all three.').waitFor();
    expect(await trainer.getByRole('region', { name: /^Versions of the training plan/ }).innerText()).toContain('Awaiting the apprentice, the employer and the training provider');
    await b.checkA11y(trainer, 'version 2');

    // On a phone.
    await trainer.setViewportSize({ width: 320, height: 640 });
    await b.visit(trainer, planPath, { settle: true });
    await trainer.screenshot({ path: path.join('tests', 'e2e', 'artifacts', 'training-plan-320.png'), fullPage: true });
    expect(await trainer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });
});
