import { describe, expect, test } from 'vitest';
import { description, useBrowser } from './support/browser';

const TITLE = 'Coding an outpatient clinic list, witnessed';
const STATEMENT = 'I sat with Tom while he coded the whole clinic list. He checked every outcome against the letters and asked sensible questions where one was unclear.';

describe('witness statements', () => {
  const b = useBrowser();

  test('the apprentice asks, the employer contact reads the evidence and signs (an NHS number refused first), the apprentice sees the statement', async () => {
    // The apprentice writes a piece of evidence and asks their employer's coding manager about it.
    const apprentice = await b.signedIn('tom.hargreaves@ashwell.example');
    await b.visit(apprentice, '/apprentice/evidence/new', { settle: true });
    await apprentice.getByLabel('Title').fill(TITLE);
    const account = 'I coded a full outpatient clinic list of twenty-two attendances, following the four-step process for each.';
    await apprentice.getByLabel('Your account').fill(account);
    await apprentice.getByLabel('Find an item by code or words').fill('four-step');
    await apprentice.getByRole('checkbox', { name: /S5/ }).check();
    await apprentice.getByRole('button', { name: 'Create draft' }).click();
    await apprentice.waitForURL(/\/apprentice\/evidence\/[0-9a-f-]{36}$/);
    await apprentice.waitForLoadState('networkidle');
    const evidencePath = new URL(apprentice.url()).pathname;
    const witnessSection = apprentice.getByRole('region', { name: 'Witness statements' });
    await witnessSection.getByText('No witness statements have been asked for yet.').waitFor();
    await b.checkA11y(apprentice, 'no statements');

    await witnessSection.getByLabel('Who to ask').selectOption({ label: 'Helen Birch (coding.manager@ashwell.example)' });
    await witnessSection.getByLabel('Message').fill('Please confirm you watched me code the clinic list.');
    await witnessSection.getByRole('button', { name: 'Send request' }).click();
    await witnessSection.getByText('Request sent.', { exact: false }).waitFor();
    await witnessSection.getByText('Waiting for signature').waitFor();
    expect(await witnessSection.innerText()).toContain('Please confirm you watched me code the clinic list.');
    await b.checkA11y(apprentice, 'requested');

    // The employer contact sees the request among what needs them on their home page, with a link to it,
    // and in the list of requests, and reads the evidence.
    const employer = await b.signedIn('coding.manager@ashwell.example');
    const task = employer.getByRole('link', { name: `Witness statement: ${TITLE}` });
    await task.waitFor();
    expect(await task.getAttribute('href')).toMatch(/^\/employer\/witness\/[0-9a-f-]{36}$/);
    await employer.getByRole('link', { name: 'Witness statements', exact: true }).click();
    await employer.waitForURL('**/employer/witness');
    await b.checkA11y(employer);
    const row = employer.getByRole('row', { name: new RegExp(TITLE) });
    expect(await row.innerText()).toContain('Waiting for signature');
    expect(await row.innerText()).toContain('Tom Hargreaves');
    await row.getByRole('link', { name: TITLE }).click();
    await employer.waitForURL(/\/employer\/witness\/[0-9a-f-]{36}$/);
    await employer.waitForLoadState('networkidle');
    const requestPath = new URL(employer.url()).pathname;
    await b.checkA11y(employer);
    const evidence = employer.getByRole('article', { name: 'The evidence' });
    expect(await evidence.innerText()).toContain(account);
    expect(await evidence.innerText()).toContain('four-step coding process');

    // An NHS number in the statement is refused beside the field, and what was typed stays.
    const withNumber = `${STATEMENT} One letter was for 943 476 5919.`;
    await employer.getByLabel('Your statement').fill(withNumber);
    await employer.getByLabel('Your job title').fill('Clinical coding manager');
    expect(await employer.getByLabel('Your full name').inputValue()).toBe('Helen Birch');
    await employer.getByRole('button', { name: 'Sign the statement' }).click();
    await employer.getByText('“943 476 5919” in the statement looks like an NHS number', { exact: false }).waitFor();
    expect(await description(employer, 'Your statement')).toContain('943 476 5919');
    expect(await employer.getByLabel('Your statement').inputValue()).toBe(withNumber);
    expect(await employer.getByLabel('Your job title').inputValue()).toBe('Clinical coding manager');
    await b.checkA11y(employer, 'refused');

    await employer.getByLabel('Your statement').fill(STATEMENT);
    await employer.getByRole('button', { name: 'Sign the statement' }).click();
    await employer.getByText('A signed statement cannot be changed.', { exact: false }).waitFor();
    expect(await employer.getByLabel('Your statement').count()).toBe(0);
    const signed = employer.getByRole('region', { name: 'Your witness statement' });
    expect(await signed.innerText()).toContain(STATEMENT);
    await b.checkA11y(employer, 'signed');

    // The apprentice now sees the signed statement on the evidence page.
    await b.visit(apprentice, evidencePath);
    const statements = apprentice.getByRole('region', { name: 'Witness statements' });
    await statements.getByText('Signed', { exact: true }).waitFor();
    const text = await statements.innerText();
    expect(text).toContain(STATEMENT);
    expect(text).toContain('Helen Birch, Clinical coding manager');
    await b.checkA11y(apprentice, 'signed');

    // The trainer sees it with the evidence.
    const trainer = await b.signedIn('trainer.patel@coderpathway.example');
    await b.visit(trainer, evidencePath.replace('/apprentice', ''));
    const forTrainer = await trainer.getByRole('region', { name: 'Witness statements' }).innerText();
    expect(forTrainer).toContain(STATEMENT);
    expect(forTrainer).toContain('Signed by Helen Birch (Clinical coding manager)');

    // Another employer's contact who guesses the address gets the same 404 as a missing page.
    const otherEmployer = await b.signedIn('coding.manager@kingsmere.example');
    expect((await b.visit(otherEmployer, requestPath)).status()).toBe(404);
  });
});
