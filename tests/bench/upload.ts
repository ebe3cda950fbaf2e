// `npm run bench:upload`: a 10 MB PDF uploaded end to end, five times — from the request being sent
// to the answer that it is stored (type checked from the bytes, text read for NHS numbers, written to
// the data folder, row and audit entry committed). Starts its own `next start` on a fresh embedded
// database unless BASE_URL is given. Needs a production build (`npm run build`).
import { chromium } from 'playwright-core';
import { MAX_FILE_BYTES } from '@/lib/files/limits';
import { makePdf } from '../fixtures/files';
import { percentile, signInCookie, startServer } from './server';

const APPRENTICE = 'sam.whitfield@ashwell.example';
const RUNS = 5;

const { base, server } = await startServer();
try {
  const cookie = await signInCookie(base, APPRENTICE);

  // The draft is made through the form, as the apprentice would (it is a server action, not an API).
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const context = await browser.newContext({ baseURL: base });
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: base }]);
  const page = await context.newPage();
  await page.goto('/apprentice/evidence/new', { waitUntil: 'networkidle' });
  await page.getByLabel('Title').fill('Upload benchmark');
  await page.getByLabel('Your account').fill('A piece of evidence to time uploads against.');
  await page.getByRole('button', { name: 'Create draft' }).click();
  await page.waitForURL(/\/apprentice\/evidence\/[0-9a-f-]{36}$/);
  const evidenceId = new URL(page.url()).pathname.split('/').pop()!;
  await browser.close();

  // A real PDF (text on a page) padded to just under the 10 MB limit.
  const pdf = new Uint8Array(await makePdf(['Coding audit of twenty inpatient episodes.'], { padTo: MAX_FILE_BYTES - 1024 }));
  const upload = async (bytes: Uint8Array<ArrayBuffer>, fileName: string) => {
    const t = performance.now();
    const res = await fetch(`${base}/api/evidence/${evidenceId}/files`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(fileName) },
      body: bytes,
    });
    const body = (await res.json()) as { id?: string; error?: string };
    return { ms: performance.now() - t, status: res.status, body };
  };

  console.log(`server ${base}; ${RUNS} uploads of a ${(pdf.length / 1024 / 1024).toFixed(2)} MB PDF (${pdf.length.toLocaleString('en-GB')} bytes) to one draft\n`);
  const times: number[] = [];
  for (let i = 1; i <= RUNS; i++) {
    const r = await upload(pdf, `audit-${i}.pdf`);
    if (r.status !== 201) throw new Error(`upload ${i} answered ${r.status}: ${r.body.error}`);
    times.push(r.ms);
    console.log(`upload ${i}: ${r.ms.toFixed(0)} ms`);
  }
  console.log(`\nmedian ${percentile(times, 50).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`);

  const sixth = await upload(pdf, 'audit-6.pdf');
  console.log(`a sixth file: ${sixth.status} in ${sixth.ms.toFixed(0)} ms (“${sixth.body.error}”)`);
  const over = await upload(new Uint8Array(MAX_FILE_BYTES + 1), 'too-big.pdf');
  console.log(`10 MB + 1 byte: ${over.status} in ${over.ms.toFixed(0)} ms`);
} finally {
  server?.kill('SIGTERM');
}
