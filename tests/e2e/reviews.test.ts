import { describe, expect, test } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { description, useBrowser } from './support/browser';

const SUMMARY = 'Tom has coded eighty inpatient episodes since starting and her sequencing of secondary diagnoses has improved.';
const TARGETS = 'Complete the dagger and asterisk module and code one full outpatient clinic list before the next review.';

describe('progress reviews', () => {
  const b = useBrowser();

  test('the trainer records a review, the apprentice and then the employer sign it from their home page, the employer downloads the PDF', async () => {
    // The trainer sees the overdue review on their home page and opens the apprentice's reviews.
    const trainer = await b.signedIn('trainer.patel@coderpathway.example');
    // In "Needs you" (any tasks folded under "Show … more" opened).
    const due = trainer.getByRole('region', { name: /^Needs you/ });
    const more = due.getByText(/^Show \d+ more$/);
    if (await more.count()) await more.click();
    const tom = due.getByRole('listitem').filter({ hasText: 'Tom Hargreaves' }).filter({ hasText: 'Progress review overdue' });
    expect(await tom.innerText()).toMatch(/Due \d{1,2} \w{3} \d{4}/);
    await tom.getByRole('link', { name: 'Progress review overdue' }).click();
    await trainer.waitForURL(/\/apprenticeships\/[0-9a-f-]{36}\/reviews$/);
    await trainer.waitForLoadState('networkidle');
    const reviewsPath = new URL(trainer.url()).pathname;
    await b.checkA11y(trainer);

    // The off-the-job hours are shown, not typed.
    const record = trainer.getByRole('region', { name: 'Record a review' });
    const otjText = await record.getByText('Filled in from the log', { exact: false }).innerText();
    const [, logged, planned] = otjText.match(/As at today: ([\d.]+) hours logged against ([\d.]+) planned/)!;
    expect(Number(logged)).toBeGreaterThan(0);
    expect(await record.getByRole('spinbutton').count()).toBe(0);

    // What changed since the last review (or the start), and the fields it pre-fills.
    const since = record.getByRole('region', { name: /^Since the (last review|start) on \d{1,2} \w{3} \d{4}$/ });
    const sinceText = await since.innerText();
    expect(sinceText).toMatch(/Evidence accepted\s+\d+ piece/);
    expect(sinceText).toMatch(/Off-the-job hours logged\s+[\d.,]+ hours/);
    expect(sinceText).toMatch(/English and maths\s+English /);
    expect(await record.getByLabel('English and maths').inputValue()).toMatch(/^English: [a-z ]+( \(was: [a-z ]+\))?\. Maths: [a-z ]+( \(was: [a-z ]+\))?\.$/);
    expect(await record.getByLabel('Support discussed').inputValue()).toMatch(/^(Support agreed in the signed training plan|Reasonable adjustment: |No training plan signed yet)/);
    // Each part of the minimum content is a headed section.
    for (const heading of ['Progress against the training plan', 'Off-the-job hours', 'Knowledge, skills and behaviours', 'English and maths', 'Support, including reasonable adjustments', 'Wellbeing and safeguarding', 'Next steps'])
      await record.getByRole('heading', { name: heading, exact: true }).waitFor();
    // Tom's review is overdue: a review dated today would be late, and the form says so before saving.
    const lateWarning = record.getByText('This review would be late.', { exact: false });
    await lateWarning.waitFor();
    expect(await lateWarning.locator('..').innerText()).toMatch(/Recorded \d+ weeks( and \d days?)? after the (previous review|start of the apprenticeship): more than the 12 weeks the funding rules allow\./);
    await trainer.setViewportSize({ width: 320, height: 900 });
    await trainer.screenshot({ path: 'tests/e2e/artifacts/review-form-320.png', fullPage: true });
    expect(await trainer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await trainer.setViewportSize({ width: 1280, height: 900 });
    // The English and maths field is required.
    await record.getByLabel('English and maths').fill('');

    await record.getByLabel('Progress since the last review').fill(SUMMARY);
    await record.getByLabel('Find an item by code or words').fill('four-step');
    await record.getByRole('checkbox', { name: /S5/ }).check();
    const withNumber = `${TARGETS} Check the letter for 943 476 5919.`;
    await record.getByLabel('Targets for the next period').fill(withNumber);
    await record.getByLabel('Wellbeing').fill('Settled and enjoying the coding work.');
    await record.getByRole('button', { name: 'Record the review' }).click();
    // The browser check first: the safeguarding question is not answered.
    await record.getByText('Say whether there is a safeguarding concern.').waitFor();
    await record.getByLabel('No concern').check();
    expect(await description(trainer, 'English and maths')).toContain('Write the English and maths progress (at least 10 characters)');
    await record.getByLabel('English and maths').fill('English: achieved. Maths: in progress, exam booked for next month.');
    await record.getByRole('button', { name: 'Record the review' }).click();
    // The NHS number is refused beside the field, and what was typed stays.
    await record.getByText('“943 476 5919” in the targets for the next period looks like an NHS number', { exact: false }).waitFor();
    expect(await description(trainer, 'Targets for the next period')).toContain('943 476 5919');
    expect(await record.getByLabel('Targets for the next period').inputValue()).toBe(withNumber);
    expect(await record.getByLabel('Progress since the last review').inputValue()).toBe(SUMMARY);
    await b.checkA11y(trainer, 'refused');

    await record.getByLabel('Targets for the next period').fill(TARGETS);
    await record.getByRole('button', { name: 'Record the review' }).click();
    await trainer.waitForURL(/\/reviews\/[0-9a-f-]{36}$/);
    const reviewPath = new URL(trainer.url()).pathname;
    await trainer.getByRole('heading', { name: /Progress review of/ }).waitFor();
    await b.checkA11y(trainer);
    const recorded = await trainer.getByRole('article', { name: 'The review' }).innerText();
    expect(recorded).toContain(SUMMARY);
    expect(recorded).toContain(TARGETS);
    expect(recorded).toContain('S5');
    expect(recorded).toContain('English: achieved. Maths: in progress, exam booked for next month.');
    expect(recorded).toContain('Support, including reasonable adjustments');
    const flag = await trainer.getByRole('note').filter({ hasText: 'Late review.' }).innerText();
    expect(flag).toMatch(/more than the 12 weeks the funding rules allow\./);
    expect(recorded).toContain(`${Number(logged).toLocaleString('en-GB', { maximumFractionDigits: 2 })} hours logged against ${Number(planned).toLocaleString('en-GB', { maximumFractionDigits: 2 })} planned`);
    expect(await trainer.getByText('Waiting for apprentice and employer').count()).toBe(1);
    expect(await trainer.getByRole('link', { name: 'Download as PDF' }).count()).toBe(0);

    // The apprentice sees it first on their home page and signs.
    const apprentice = await b.signedIn('tom.hargreaves@ashwell.example');
    const callout = apprentice.getByRole('region', { name: /^Needs you/ });
    await callout.getByRole('link', { name: /^Sign your progress review of / }).waitFor();
    await b.checkA11y(apprentice, 'review to sign');
    await callout.getByRole('link', { name: /^Sign your progress review of / }).click();
    await apprentice.waitForURL(`**${reviewPath}`);
    await apprentice.waitForLoadState('networkidle');
    await b.checkA11y(apprentice, 'to sign');
    await apprentice.getByLabel('Your comment').fill('I agree with the targets and would like more outpatient practice.');
    await apprentice.getByRole('button', { name: 'Sign', exact: true }).click();
    await apprentice.getByText('Waiting for employer').waitFor();
    expect(await apprentice.getByLabel('Your comment').count()).toBe(0);
    expect(await apprentice.getByRole('region', { name: 'Signatures' }).innerText()).toContain('I agree with the targets');
    await b.visit(apprentice, '/apprentice');
    expect(await apprentice.getByRole('link', { name: /^Sign your progress review of / }).count()).toBe(0);

    // The employer contact signs from their home page callout, and downloads the PDF.
    const employer = await b.signedIn('coding.manager@ashwell.example');
    const employerCallout = employer.getByRole('region', { name: /^Needs you/ });
    await employerCallout.waitFor();
    await b.checkA11y(employer, 'review to sign');
    await employerCallout.getByRole('listitem').filter({ hasText: 'Tom Hargreaves' }).getByRole('link', { name: /^Sign the progress review of / }).click();
    await employer.waitForURL(`**${reviewPath}`);
    await employer.waitForLoadState('networkidle');
    await b.checkA11y(employer, 'to sign');
    await employer.getByLabel('Your comment, for the employer').fill('Tom works carefully and asks good questions on the ward.');
    await employer.getByRole('button', { name: 'Sign', exact: true }).click();
    await employer.getByText('A signed review cannot be changed.', { exact: false }).waitFor();
    expect(await employer.getByLabel('Your comment, for the employer').count()).toBe(0);
    await b.checkA11y(employer, 'signed');
    const signatures = await employer.getByRole('region', { name: 'Signatures' }).innerText();
    expect(signatures).toContain('Helen Birch (');
    expect(signatures).toContain('Tom works carefully');

    const href = await employer.getByRole('link', { name: 'Download as PDF' }).getAttribute('href');
    const pdf = await employer.context().request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(pdf.headers()['content-disposition']).toMatch(/^attachment; filename="progress-review-tom-hargreaves-\d{4}-\d{2}-\d{2}\.pdf"$/);
    expect(pdf.headers()['x-content-type-options']).toBe('nosniff');
    const bytes = await pdf.body();
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(1000);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
    expect(text).toContain(TARGETS);
    expect(text).toContain('English: achieved. Maths: in progress, exam booked for next month.');
    expect(text).toContain('Late review: Recorded');
    expect(text).toContain('Comment: Tom works carefully and asks good questions on the ward.');
    expect(text).toMatch(/Employer: Helen Birch \(Ashwell Vale Hospitals NHS Trust\), signed/);

    // The trainer's list shows it signed by all; another employer's contact gets the same 404 as a missing page.
    await b.visit(trainer, reviewsPath);
    const list = await trainer.getByRole('region', { name: 'Progress reviews of Tom Hargreaves' }).innerText();
    expect(list).toContain('Signed by all');
    expect(list).toMatch(/Late\s+Recorded \d+ weeks/);
    const otherEmployer = await b.signedIn('coding.manager@kingsmere.example');
    expect((await b.visit(otherEmployer, reviewPath)).status()).toBe(404);
    expect((await otherEmployer.context().request.get(href!)).status()).toBe(404);
  });

  test('the trainer and the employer each confirm readiness for gateway once, with a note', async () => {
    const trainer = await b.signedIn('trainer.patel@coderpathway.example');
    // Aisha: the demo data has Sam's trainer confirm already.
    await b.visit(trainer, '/trainer');
    await trainer.getByRole('link', { name: 'Aisha Rahman', exact: true }).click();
    await trainer.waitForURL(/\/apprenticeships\/[0-9a-f-]{36}$/);
    const progressPath = `${new URL(trainer.url()).pathname}/progress`;
    await b.visit(trainer, progressPath, { settle: true });
    const gateway = trainer.getByRole('region', { name: 'Confirmations of readiness for gateway' });
    await gateway.getByLabel('Why the apprentice is ready for gateway').fill('Ready');
    await gateway.getByRole('button', { name: 'Confirm readiness for gateway' }).click();
    await gateway.getByText('Write a short note (at least four words)', { exact: false }).waitFor();
    await gateway.getByLabel('Why the apprentice is ready for gateway').fill('Portfolio complete and audit figures steady for months.');
    await gateway.getByRole('button', { name: 'Confirm readiness for gateway' }).click();
    await gateway.getByText('Trainer:', { exact: true }).waitFor();
    expect(await gateway.innerText()).toContain('Priya Patel');
    expect(await gateway.getByRole('button', { name: 'Confirm readiness for gateway' }).count()).toBe(0);
    await b.checkA11y(trainer, 'confirmed');

    const employer = await b.signedIn('coding.manager@ashwell.example');
    await b.visit(employer, progressPath, { settle: true });
    const forEmployer = employer.getByRole('region', { name: 'Confirmations of readiness for gateway' });
    expect(await forEmployer.innerText()).toContain('Portfolio complete and audit figures steady for months.');
    await forEmployer.getByLabel('Why the apprentice is ready for gateway').fill('Aisha codes independently on the ward now.');
    await forEmployer.getByRole('button', { name: 'Confirm readiness for gateway' }).click();
    await forEmployer.getByText('Employer:', { exact: true }).waitFor();
    const checklist = await employer.getByRole('region', { name: 'Gateway checklist' }).innerText();
    expect(checklist).toMatch(/trainer Priya Patel on .*employer Helen Birch on/);
  });
});
