import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { useBrowser } from './support/browser';
import { startSecondInstance } from './support/second-instance';
import { makePdf } from '../fixtures/files';

const APPRENTICE = 'aisha.rahman@ashwell.example';
const shared = inject('sharedEnv');

// Issue 16: with the database on PostgreSQL and files in S3, any instance serves what another stored.
// Only that run (CI's PostgreSQL one) has a store two instances can share: PGlite is one process's, and
// each instance's local disk is its own.
describe.runIf(shared !== null && inject('storageKind') === 's3')('two instances of the app', () => {
  const b = useBrowser();
  let second: Awaited<ReturnType<typeof startSecondInstance>> | undefined;
  beforeAll(async () => {
    second = await startSecondInstance(shared!);
  }, 90_000);
  afterAll(async () => second?.stop());

  test('a file uploaded through one instance is downloaded, and then removed, through the other', async () => {
    const page = await b.signedIn(APPRENTICE);
    await b.visit(page, '/apprentice/evidence/new', { settle: true });
    await page.getByLabel('Title').fill('Audit shared by two instances');
    await page.getByLabel('Your account').fill('I audited twenty coded episodes against the four-step process and wrote up what I found.');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/apprentice\/evidence\/[0-9a-f-]{36}$/);
    const evidenceId = new URL(page.url()).pathname.split('/').pop()!;

    const pdf = await makePdf(['Coding audit read back through the other instance.']);
    const upload = await page.context().request.post(`/api/evidence/${evidenceId}/files`, {
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'two-instances.pdf' },
      data: pdf,
    });
    expect(upload.status()).toBe(201);
    const { id } = (await upload.json()) as { id: string };

    // The same session (sessions live in the database) on the other instance, whose data folder is empty.
    const session = (await page.context().cookies()).find((c) => c.name === 'authjs.session-token')!;
    const cookie = `${session.name}=${session.value}`;
    const download = await fetch(`${second!.base}/api/files/${id}`, { headers: { cookie } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
    expect(fs.readdirSync(second!.dataDir).includes('files')).toBe(false);

    const removed = await fetch(`${second!.base}/api/files/${id}`, { method: 'DELETE', headers: { cookie } });
    expect(removed.status).toBe(200);
    expect(await removed.json()).toMatchObject({ outcome: 'deleted' });
    expect((await page.context().request.get(`/api/files/${id}`)).status()).toBe(404);
  });
});
