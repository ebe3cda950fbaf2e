import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { useBrowser } from './support/browser';
import { startCluster, startSplitter, startWorkerProcess, type Served } from './support/cluster';
import { ADMIN, runId } from './support/people';
import { makePdf } from '../fixtures/files';

const AISHA = 'aisha.rahman@ashwell.example';
const ELLIE = 'ellie.brooks@ashwell.example';
const shared = inject('sharedEnv');

// Issue 16, point 5: two `next start` instances (A and B, web only) and a worker process on one PostgreSQL
// database and the S3 store, the browser in front of a proxy that picks the instance per request. Only CI's
// PostgreSQL run has what they must share: PGlite is one process's, and each instance's local disk its own.
// Run only with PostgreSQL and S3 (vitest.e2e.config.ts leaves this file out otherwise).
describe('two instances and a worker', () => {
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  let splitter: Awaited<ReturnType<typeof startSplitter>>;
  const b = useBrowser({ baseUrl: () => splitter.base });

  beforeAll(async () => {
    if (shared === null || inject('storageKind') !== 's3') throw new Error('two instances need PostgreSQL (E2E_DATABASE_URL) and S3 (S3_*)');
    cluster = await startCluster(shared);
    splitter = await startSplitter([cluster.a, cluster.b]);
  }, 180_000);
  afterEach(() => splitter?.route(() => null)); // round robin again, whatever a test chose
  afterAll(async () => {
    await splitter?.close();
    await cluster?.stop();
  }, 60_000);

  /** What the splitter served from now on. */
  const from = () => {
    const mark = splitter.served.length;
    return () => splitter.served.slice(mark);
  };
  const by = (served: Served[]) => [...new Set(served.map((s) => s.by))].sort();
  const cookieOf = async (page: Page) => (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const apprenticeshipOf = async (email: string) =>
    (await cluster.database.sql<{ id: string }[]>`select a.id::text from apprenticeships a join users u on u.id = a.apprentice_id where lower(u.email) = ${email}`)[0]!.id;

  async function createDraft(page: Page, title: string) {
    await b.visit(page, '/apprentice/evidence/new', { settle: true });
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Your account').fill('I audited twenty coded episodes against the four-step process and wrote up what I found.');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/apprentice\/evidence\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: title }).waitFor();
    return new URL(page.url()).pathname.split('/').pop()!;
  }

  test('signed in on A, the session goes on on B; a form rendered by A is posted to B and does its work', { timeout: 120_000 }, async () => {
    const page = await b.newPage();
    splitter.route(() => cluster.a);
    const signingIn = from();
    await b.signIn(page, AISHA);
    expect(by(signingIn())).toEqual(['a']);

    splitter.route(() => cluster.b);
    const onB = from();
    await b.visit(page, '/apprentice/evidence', { settle: true });
    expect(new URL(page.url()).pathname).toBe('/apprentice/evidence'); // not sent back to sign in
    await page.getByRole('heading', { name: 'My portfolio', exact: true }).waitFor();
    expect(by(onB())).toEqual(['b']);

    // The page from A, its server action (the form's POST, with the action id A rendered) to B.
    splitter.route((req) => (req.headers['next-action'] ? cluster.b : cluster.a));
    const mixed = from();
    const id = await createDraft(page, 'Audit posted across two instances');
    const served = mixed();
    const actions = served.filter((s) => s.action);
    expect(actions.length).toBeGreaterThan(0);
    expect(by(actions)).toEqual(['b']);
    expect(served.find((s) => s.method === 'GET' && s.path === '/apprentice/evidence/new')?.by).toBe('a');
    // Stored once, readable through either instance.
    expect(await cluster.database.sql`select 1 from evidence where id = ${id} and title = 'Audit posted across two instances'`).toHaveLength(1);
    for (const instance of [cluster.a, cluster.b]) {
      const res = await fetch(`${instance.base}/apprentice/evidence/${id}`, { headers: { cookie: await cookieOf(page) } });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Audit posted across two instances');
    }
  });

  test('a file uploaded through A is downloaded, and then removed, through B', { timeout: 120_000 }, async () => {
    const page = await b.signedIn(AISHA);
    const evidenceId = await createDraft(page, 'Audit shared by two instances');
    const cookie = await cookieOf(page);
    const pdf = await makePdf(['Coding audit read back through the other instance.']);
    const upload = await fetch(`${cluster.a.base}/api/evidence/${evidenceId}/files`, {
      method: 'POST',
      headers: { cookie, origin: cluster.a.base, 'content-type': 'application/octet-stream', 'x-file-name': 'two-instances.pdf' },
      body: new Uint8Array(pdf),
    });
    expect(upload.status).toBe(201);
    const { id } = (await upload.json()) as { id: string };
    const download = await fetch(`${cluster.b.base}/api/files/${id}`, { headers: { cookie } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
    const removed = await fetch(`${cluster.b.base}/api/files/${id}`, { method: 'DELETE', headers: { cookie, origin: cluster.b.base } });
    expect(removed.status).toBe(200);
    expect((await fetch(`${cluster.a.base}/api/files/${id}`, { headers: { cookie } })).status).toBe(404);
  });

  test('an export asked of A is followed on B; its worker is killed mid-way, a new one finishes it, and B hands over the ZIP', { timeout: 150_000 }, async () => {
    const page = await b.signedIn(AISHA);
    const evidenceId = await createDraft(page, 'Audit in an export that outlives its worker');
    const cookie = await cookieOf(page);
    const pdf = await makePdf(['Forty discharges validated.'], { padTo: 512 * 1024 });
    const upload = await fetch(`${cluster.a.base}/api/evidence/${evidenceId}/files`, {
      method: 'POST',
      headers: { cookie, origin: cluster.a.base, 'content-type': 'application/octet-stream', 'x-file-name': 'validation.pdf' },
      body: new Uint8Array(pdf),
    });
    expect(upload.status).toBe(201);
    const apprenticeshipId = await apprenticeshipOf(AISHA);

    // The worker's link to S3 goes dead: whatever it reads or writes there now hangs, as in a real outage.
    cluster.relay.freeze();
    const asked = await fetch(`${cluster.a.base}/api/portfolio/${apprenticeshipId}/export`, { method: 'POST', headers: { cookie, origin: cluster.a.base } });
    expect(asked.status).toBe(202);
    const { token } = (await asked.json()) as { token: string };
    const job = async () =>
      (await cluster.database.sql<{ state: string; retry_count: number }[]>`select state::text, retry_count from pgboss.job where name = 'portfolio-export' and data->>'exportId' = ${token}`)[0];
    const status = async () => (await (await fetch(`${cluster.b.base}/api/portfolio/${apprenticeshipId}/export/${token}`, { headers: { cookie } })).json()) as { done: number; total: number; ready: boolean; failed: boolean };
    await expect.poll(async () => (await job())?.state, { timeout: 30_000, interval: 250 }).toBe('active');
    await expect.poll(async () => (await status()).total, { timeout: 30_000, interval: 250 }).toBeGreaterThan(0);
    const midway = await status();
    expect(midway).toMatchObject({ ready: false, failed: false });

    // Killed, as a crash or an OOM kill would: nothing reports the job; its heartbeat just stops. The link
    // stays frozen, so no error from S3 can fail the job either: only the new worker's heartbeat check can.
    const jobId = (await cluster.database.sql<{ id: string }[]>`select id::text from pgboss.job where name = 'portfolio-export' and data->>'exportId' = ${token}`)[0]!.id;
    await cluster.worker.kill();
    const killedAt = Date.now();
    const second = await startWorkerProcess('worker-2', cluster.env);
    cluster.adopt(second);
    await expect.poll(async () => (await status()).ready, { timeout: 90_000, interval: 500 }).toBe(true);
    const recoveredIn = (Date.now() - killedAt) / 1000;
    console.log(`[e2e] export finished ${recoveredIn.toFixed(1)} s after its worker was killed`);
    expect(await job()).toMatchObject({ state: 'completed', retry_count: 1 });
    expect(fs.readFileSync(second.logFile, 'utf8')).toContain(`job queue: portfolio-export job ${jobId} interrupted: the process running it stopped (no heartbeat for 20 s); to be tried again.`);

    const zip = await fetch(`${cluster.b.base}/api/portfolio/${apprenticeshipId}/export/${token}?download=1`, { headers: { cookie } });
    expect(zip.status).toBe(200);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    const entries = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    const stored = Object.entries(entries).find(([name]) => name.endsWith('/files/validation.pdf'));
    expect(stored && Buffer.from(stored[1]).equals(pdf)).toBe(true);
  });

  test('a paper whose minute runs out while its page polls both instances and two workers run is submitted once', { timeout: 150_000 }, async () => {
    cluster.adopt(await startWorkerProcess('worker-3', cluster.env));
    const run = runId();
    const title = `Two-instance minute ${run}`;
    const admin = await b.signedIn(ADMIN);
    await b.visit(admin, '/assessments/blueprints', { settle: true });
    await admin.getByLabel('Or paste the JSON').fill(
      JSON.stringify({
        id: `two-instances-${run}`,
        title,
        kind: 'other',
        description: 'A one-minute practice paper for the two-instance test.',
        practice: true,
        ksbs: ['K4'],
        sections: [{ id: 'quick', title: 'Quick questions', kind: 'theory', instructions: 'Answer both.', draw: 2, pool: { ids: ['icd10-conventions-001', 'icd10-conventions-002'] }, minutes: 1, weight: 1, boundaries: { pass: 50, distinction: 80 } }],
        boundaries: { pass: 50, distinction: 80 },
      }),
    );
    await admin.getByRole('button', { name: 'Check and save' }).click();
    await admin.getByText('Blueprint saved as a new version.').waitFor();

    const page = await b.signedIn(ELLIE);
    const polling = from();
    await b.visit(page, '/apprentice/assessments', { settle: true });
    await page.getByRole('link', { name: `Start ${title}` }).click();
    await page.getByRole('button', { name: 'Start the paper' }).click();
    await page.waitForURL(/\/assessments\/[0-9a-f-]{36}\/sit(\?q=\d+)?$/);
    const attemptId = new URL(page.url()).pathname.split('/')[2]!;
    await page.getByRole('timer').waitFor();
    await page.getByRole('radio').first().check();
    // Nobody presses Submit: the page, the deadline job (either worker) and the sweep all race at the deadline.
    await page.getByRole('heading', { name: 'Result', exact: true }).waitFor({ timeout: 110_000 });
    expect(by(polling())).toEqual(['a', 'b']);

    const results = await cluster.database.sql`select id from assessment_results where attempt_id = ${attemptId}`;
    expect(results).toHaveLength(1);
    const submissions = await cluster.database.sql<{ action: string }[]>`
      select action from audit_log where entity_id = ${attemptId} and action in ('assessment.submit', 'assessment.submit_at_deadline')`;
    expect(submissions.map((s) => s.action)).toEqual(['assessment.submit_at_deadline']);
    const [attempt] = await cluster.database.sql<{ status: string }[]>`select status::text from assessment_attempts where id = ${attemptId}`;
    expect(attempt!.status).not.toBe('in_progress');
  });
});
