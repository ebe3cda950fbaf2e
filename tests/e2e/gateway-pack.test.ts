import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useBrowser } from './support/browser';
import { artifactsDir } from './support/global-setup';
import { startOwnInstance } from './support/own-instance';
import { ASHWELL_MANAGER, SAM, TRAINER_PATEL } from './support/people';

// Issue 20 §6: a nearly-ready apprentice from gateway to the assessor's link. On an app instance of its own:
// gateway confirmations are permanent (a trigger refuses their deletion), so the shared server's Sam must not
// be confirmed. The demo has Sam's trainer confirm already; Sam and his employer give the other two.
const REFUSAL = 'This link has expired or been withdrawn. Ask the training provider for a new one.';
const shot = (name: string) => path.join(artifactsDir, `gateway-pack-${name}.png`);

describe('the gateway pack for the end-point assessment organisation', () => {
  let app: Awaited<ReturnType<typeof startOwnInstance>>;
  const b = useBrowser({ baseUrl: () => app.base });

  beforeAll(async () => {
    app = await startOwnInstance('gateway-pack', {});
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  });

  test('the apprentice and the employer confirm, the pack builds, the trainer shares it, the assessor opens it signed out, and the trainer revokes it', async () => {
    // The apprentice: "I am ready for gateway".
    const sam = await b.signedIn(SAM);
    await b.visit(sam, '/apprentice/progress', { settle: true });
    const own = sam.getByRole('region', { name: 'Confirmations of readiness for gateway' });
    await own.getByLabel('Why you are ready for gateway').fill('Every KSB is met and I passed the practice assessment.');
    await own.getByRole('button', { name: 'I am ready for gateway' }).click();
    await own.getByText('Apprentice:', { exact: true }).waitFor();
    await b.checkA11y(sam, 'confirmed');

    // Sam's apprenticeship, as his trainer reaches it.
    const patel = await b.signedIn(TRAINER_PATEL);
    await b.visit(patel, '/trainer');
    await patel.getByRole('link', { name: 'Sam Whitfield', exact: true }).first().click();
    await patel.waitForURL(/\/apprenticeships\/[0-9a-f-]{36}$/);
    const apprenticeshipPath = new URL(patel.url()).pathname;

    // The employer gives the third confirmation: the pack is queued in the same transaction.
    const employer = await b.signedIn(ASHWELL_MANAGER);
    await b.visit(employer, `${apprenticeshipPath}/progress`, { settle: true });
    const forEmployer = employer.getByRole('region', { name: 'Confirmations of readiness for gateway' });
    await forEmployer.getByLabel('Why the apprentice is ready for gateway').fill('Sam codes independently on the wards now.');
    await forEmployer.getByRole('button', { name: 'Confirm readiness for gateway' }).click();
    await forEmployer.getByText('Employer:', { exact: true }).waitFor();
    expect(await employer.getByRole('region', { name: 'Gateway checklist' }).innerText()).toMatch(/apprentice Sam Whitfield on .*trainer Priya Patel on .*employer Helen Birch on/);

    // The trainer's page: progress while building, then the downloads.
    await b.visit(patel, apprenticeshipPath);
    await patel.getByRole('link', { name: 'Gateway pack', exact: true }).click();
    await patel.waitForURL(/\/gateway$/);
    const status = await patel.getByTestId('pack-status').innerText();
    expect(status).toMatch(/items|Waiting to start|Built/);
    await patel.screenshot({ path: shot('building'), fullPage: true });
    await patel.getByRole('link', { name: 'Download the summary (PDF)' }).waitFor({ timeout: 60_000 });
    await b.checkA11y(patel, 'built');
    const summary = await patel.context().request.get(`${apprenticeshipPath.replace('/apprenticeships/', '/api/gateway-pack/')}/summary`);
    expect(summary.headers()['content-type']).toBe('application/pdf');

    // Share: the link is shown once.
    await patel.getByLabel('End-point assessment organisation', { exact: true }).fill('Open Awards EPA');
    expect(await patel.getByLabel('Days the link lasts').inputValue()).toBe('30');
    await patel.getByRole('button', { name: 'Share with the end-point assessment organisation' }).click();
    const urlField = patel.getByLabel('Link', { exact: true });
    await urlField.waitFor();
    const link = await urlField.inputValue();
    expect(link).toMatch(/\/gateway-pack\/[A-Za-z0-9_-]{43}$/);
    await b.checkA11y(patel, 'link made');
    await patel.screenshot({ path: shot('trainer-link'), fullPage: true });

    // The assessor: a new browser context, signed out.
    const assessor = await b.newPage();
    const opened = await assessor.goto(link);
    expect(opened?.status()).toBe(200);
    expect(opened?.headers()['referrer-policy']).toBe('no-referrer');
    expect(opened?.headers()['x-robots-tag']).toContain('noindex');
    expect(opened?.headers()['cache-control']).toContain('no-store');
    await assessor.getByRole('heading', { name: 'Gateway pack: Sam Whitfield' }).waitFor();
    expect(await assessor.innerText('main')).toContain('Clinical coder');
    await b.checkA11y(assessor, 'shared');
    await assessor.setViewportSize({ width: 320, height: 800 });
    await assessor.screenshot({ path: shot('assessor-320'), fullPage: true });
    const pdf = await assessor.context().request.get(`${link}/summary`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // The trainer sees the openings (the page and the summary), then revokes the link.
    await patel.reload();
    const row = patel.getByRole('row').filter({ hasText: 'Open Awards EPA' }).first();
    expect(Number((await row.getByTestId('link-openings').innerText()).split(/\s/)[0])).toBeGreaterThanOrEqual(2);
    expect(await patel.getByRole('region', { name: 'Openings of the gateway pack links, newest first' }).innerText()).toContain('Downloaded the summary PDF');
    await row.getByRole('button', { name: 'Revoke the link for Open Awards EPA' }).click();
    await row.getByText('Revoked', { exact: true }).waitFor();
    await b.checkA11y(patel, 'revoked');
    await patel.setViewportSize({ width: 320, height: 800 });
    await patel.screenshot({ path: shot('trainer-320'), fullPage: true });

    // Now refused, as an unknown link would be.
    const refused = await assessor.goto(link);
    expect(refused?.status()).toBe(404);
    expect(await assessor.innerText('main')).toContain(REFUSAL);
    await b.checkA11y(assessor, 'refused');
    const gone = await assessor.context().request.get(`${link}/summary`);
    expect(gone.status()).toBe(404);
    expect(await gone.text()).toBe(REFUSAL);
    const unknown = await assessor.goto(`/gateway-pack/${'A'.repeat(43)}`);
    expect(unknown?.status()).toBe(404);
    expect(await assessor.innerText('main')).toContain(REFUSAL);
    // Signed out, nothing else is reachable: the trainer's page sends to sign-in.
    await assessor.goto(`${apprenticeshipPath}/gateway`);
    expect(new URL(assessor.url()).pathname).toBe('/login');
  });
});
