// `npm run bench:attack`: the hardening findings (issue 14) tried again against a production server, the
// way an attacker or a careless user would: each case, what the server answered, and whether that is
// what it should answer. Also measures /api/health while a decompression bomb is being refused. Starts
// its own `next start` on a fresh embedded database unless BASE_URL is given. Needs a production build.
// Prints figures; exits 1 if any case answered other than it should.
import fs from 'node:fs';
import path from 'node:path';
import { makeBombDocx, makeRawPdf, makeWordFile, w } from '../fixtures/files';
import { percentile, signInCookie, startServer } from './server';

const ADMIN = 'admin@coderpathway.example';
const APPRENTICE = 'sam.whitfield@ashwell.example';
// A week ago: inside every demo apprenticeship, and never in the future.
const LAST_WEEK = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

type Answer = { status: number; text: string; ms: number; headers: Headers };
const results: { section: string; name: string; got: string; ok: boolean }[] = [];

function record(section: string, name: string, got: string, ok: boolean) {
  results.push({ section, name, got, ok });
  console.log(`${ok ? 'refused as it should' : 'WRONG'.padEnd(20)}  ${section} · ${name}: ${got}`);
}

const { base, server } = await startServer();
try {
  const manifest = JSON.parse(fs.readFileSync(path.join('.next', 'server', 'server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { exportedName?: string }>;
  };
  const actionId = (name: string) => {
    const found = Object.entries(manifest.node).find(([, v]) => v.exportedName === name);
    if (!found) throw new Error(`no server action named ${name} in the build`);
    return found[0];
  };

  const send = async (url: string, init: RequestInit = {}): Promise<Answer> => {
    const t = performance.now();
    const res = await fetch(`${base}${url}`, { redirect: 'manual', ...init });
    const text = await res.text();
    return { status: res.status, text, ms: performance.now() - t, headers: res.headers };
  };
  /** A server action called over the wire as the browser calls it, with the arguments as JSON. */
  const action = (name: string, cookie: string, args: unknown[], headers: Record<string, string> = {}, body?: BodyInit) =>
    send('/', {
      method: 'POST',
      headers: { 'next-action': actionId(name), 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component', origin: base, cookie, ...headers },
      body: body ?? JSON.stringify(args),
    });
  const not500 = (a: Answer) => a.status !== 500 && a.status < 500;
  /** A form action's answer names the field it refused (its message is beside the field). */
  const refusedField = (a: Answer, field: string) => a.status === 200 && a.text.includes('"fieldErrors"') && a.text.includes(`"${field}"`);
  const fieldMessage = (a: Answer, field: string) => a.text.match(new RegExp(`"${field}":\\["([^"]*)"`))?.[1] ?? `(status ${a.status})`;

  const admin = await signInCookie(base, ADMIN);
  const sam = await signInCookie(base, APPRENTICE);

  // ---- 1. Files: a bomb is refused and the server keeps answering -------------------------------
  const draft = await action('createEvidenceAction', sam, [
    { title: 'Attack check', type: 'reflective_account', activityDate: LAST_WEEK, account: 'A draft to upload files to.', ksbs: [] },
  ]);
  const evidenceId = draft.text.match(UUID)?.[0];
  if (!evidenceId) throw new Error(`could not create a draft (${draft.status}): ${draft.text.slice(0, 300)}`);
  const upload = (bytes: Uint8Array<ArrayBuffer>, fileName: string) =>
    send(`/api/evidence/${evidenceId}/files`, {
      method: 'POST',
      headers: { cookie: sam, origin: base, 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(fileName) },
      body: bytes,
    });

  const bomb = new Uint8Array(makeBombDocx(100 * 1024 * 1024));
  const health: number[] = [];
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const t = performance.now();
      await fetch(`${base}/api/health`).then((r) => r.text());
      health.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  await new Promise((r) => setTimeout(r, 200)); // a few quiet samples first
  const bombAnswer = await upload(bomb, 'reflection.docx');
  polling = false;
  await poller;
  record('1 files', `a ${Math.round(bomb.length / 1024)} KB DOCX unpacking to 100 MB`, `${bombAnswer.status} in ${bombAnswer.ms.toFixed(0)} ms`, bombAnswer.status === 413);
  const healthMax = Math.max(...health);
  record(
    '1 files',
    `/api/health during the bomb (${health.length} requests)`,
    `p50 ${percentile(health, 50).toFixed(1)} ms, p95 ${percentile(health, 95).toFixed(1)} ms, max ${healthMax.toFixed(1)} ms`,
    healthMax < 100,
  );

  // ---- 2 and 3. NHS numbers in files and names; PDFs with active content -----------------------
  const footer = await upload(new Uint8Array(makeWordFile({ footer: w.p('Ref 943\u00a0476\u200b5919') })), 'notes.docx');
  record('2 identifiers', 'an NHS number with a no-break and a zero-width space in a DOCX footer', `${footer.status}`, footer.status === 400);
  const named = await upload(new Uint8Array(makeRawPdf({})), '943-476-5919.pdf');
  record('2 identifiers', 'an NHS number in the file name', `${named.status}`, named.status === 400);
  const js = makeRawPdf({ catalog: '/OpenAction 100 0 R', objects: ['<< /S /JavaScript /JS (app.alert\\(1\\)) >>'] });
  const active = await upload(new Uint8Array(js), 'scan.pdf');
  record('3 active content', 'a PDF with an OpenAction JavaScript', `${active.status} “${(JSON.parse(active.text) as { error?: string }).error ?? ''}”`, active.status === 400);
  const evidenceTitle = await action('createEvidenceAction', sam, [
    { title: 'Patient ９４３４７６５９１９', type: 'reflective_account', activityDate: LAST_WEEK, account: 'x', ksbs: [] },
  ]);
  record('2 identifiers', 'full-width digits in an evidence title', fieldMessage(evidenceTitle, 'title'), refusedField(evidenceTitle, 'title'));

  // ---- 4. Dates and numbers within reason --------------------------------------------------------
  const apprentices = await send('/admin/apprentices', { headers: { cookie: admin } });
  const apprenticeshipId = apprentices.text.match(new RegExp(`/admin/apprentices/(${UUID.source})`))?.[1];
  const edit = apprenticeshipId ? await send(`/admin/apprentices/${apprenticeshipId}`, { headers: { cookie: admin } }) : null;
  if (!apprenticeshipId || !edit) throw new Error('no apprenticeship to edit');
  const farEnd = await action('updateApprenticeshipAction', admin, [{ id: apprenticeshipId, plannedEndDate: '9999-12-31' }]);
  record('4 dates', 'a planned end date of 9999-12-31', fieldMessage(farEnd, 'plannedEndDate'), refusedField(farEnd, 'plannedEndDate'));
  const otj = (activityDate: string) =>
    action('createOtjEntryAction', sam, [{ activityDate, hours: '1', activityType: 'teaching', description: 'Read the coding standards.', ksbs: ['K1'] }]);
  for (const d of ['2026-13-01', '0000-01-01', '2207-01-01']) {
    const a = await otj(d);
    record('4 dates', `an off-the-job entry dated ${d}`, fieldMessage(a, 'activityDate'), refusedField(a, 'activityDate'));
  }
  const hours = await action('createOtjEntryAction', sam, [{ activityDate: LAST_WEEK, hours: '0x10', activityType: 'teaching', description: 'Read the coding standards.', ksbs: ['K1'] }]);
  record('4 numbers', 'hours of 0x10', fieldMessage(hours, 'hours'), refusedField(hours, 'hours'));
  const settingsEmpty = await action('updateProgressSettingsAction', admin, [{ pd1: '' }]);
  record('4 numbers', 'an emptied settings percentage', fieldMessage(settingsEmpty, 'pd1'), refusedField(settingsEmpty, 'pd1'));
  const page = await send(`/apprenticeships/${apprenticeshipId}`, { headers: { cookie: admin } });
  record('4 bounded pages', 'an apprenticeship page', `${page.status}, ${(page.text.length / 1024).toFixed(0)} KB in ${page.ms.toFixed(0)} ms`, page.status === 200 && page.ms < 2000);

  // ---- 5. Bad input never answers 500 ------------------------------------------------------------
  const nulFilter = await send('/admin/users?q=A%00B', { headers: { cookie: admin } });
  record('5 bad input', 'a list filter with NUL', `${nulFilter.status}`, not500(nulFilter));
  const sitting = await action('scheduleSittingAction', admin, [{ blueprintKey: 'x', apprenticeIds: [], opensAt: '0000-01-01T00:00', closesAt: '275760-09-13T00:00' }]);
  record('5 bad input', 'a sitting from year 0000 to 275760', `${sitting.status}`, not500(sitting) && sitting.text.includes('"ok":false'));
  const item = await send(`/api/assessments/attempts/${apprenticeshipId}/answers`, {
    method: 'PUT',
    headers: { cookie: sam, origin: base, 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'theory', item: 2 ** 40, seq: 1, flagged: false, answer: [0] }),
  });
  record('5 bad input', 'an answer item number of 2^40', `${item.status}`, [400, 404, 409].includes(item.status));
  const big = await action('createEvidenceAction', sam, [], {}, JSON.stringify([{ title: 'x'.repeat(1_100_000) }]));
  record('5 bad input', 'a server action body over 1 MB', `${big.status}`, big.status === 413);
  const json = await action('createEvidenceAction', sam, [], { 'content-type': 'application/json' }, JSON.stringify([{ title: 'JSON' }]));
  record('5 bad input', 'a server action sent as JSON', `${json.status}`, json.status === 400);
  const cross = await action('createEvidenceAction', sam, [{ title: 'cross' }], { origin: 'https://evil.example' });
  record('5 bad input', 'a cross-origin server action', `${cross.status}`, cross.status === 403);
  const callback = await send('/api/auth/csrf', { headers: { cookie: 'authjs.callback-url=javascript:alert(1)' } });
  record('5 bad input', 'authjs.callback-url=javascript:… on /api/auth/csrf', `${callback.status}`, not500(callback));
  const nulEmail = await send('/api/auth/callback/credentials', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: 'sam\u0000@ashwell.example', password: 'x' }),
  });
  record('5 bad input', 'a sign-in email with NUL', `${nulEmail.status}`, not500(nulEmail));

  // ---- 6. Sessions -------------------------------------------------------------------------------
  const copy = await signInCookie(base, APPRENTICE);
  await action('signOutAction', copy, []);
  const replay = await send('/apprentice', { headers: { cookie: copy } });
  record('6 sessions', 'a session cookie replayed after sign-out', `${replay.status} → ${replay.headers.get('location') ?? ''}`, replay.status >= 300 && replay.status < 400 && (replay.headers.get('location') ?? '').includes('/login'));
  const attempt = async (email: string) => {
    const csrf = await send('/api/auth/csrf');
    const jar = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const token = (JSON.parse(csrf.text) as { csrfToken: string }).csrfToken;
    const a = await send('/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar },
      body: new URLSearchParams({ csrfToken: token, email, password: 'wrong-password-123' }),
    });
    return { location: a.headers.get('location') ?? '', ms: a.ms };
  };
  const victim = 'ellie.brooks@ashwell.example';
  for (let i = 0; i < 12; i++) await attempt(victim);
  const locked: number[] = [];
  const unknown: number[] = [];
  let lockedAnswer = '';
  let unknownAnswer = '';
  for (let i = 0; i < 10; i++) {
    const a = await attempt(victim);
    const b = await attempt(`nobody${i}@ashwell.example`);
    locked.push(a.ms);
    unknown.push(b.ms);
    lockedAnswer = new URL(a.location, base).search;
    unknownAnswer = new URL(b.location, base).search;
  }
  record('6 sessions', 'a locked account against an unknown email', `“${lockedAnswer}” in ${percentile(locked, 50).toFixed(0)} ms against “${unknownAnswer}” in ${percentile(unknown, 50).toFixed(0)} ms (medians)`, lockedAnswer === unknownAnswer);

  // ---- 7. Security headers -----------------------------------------------------------------------
  const login = await send('/login');
  const csp = login.headers.get('content-security-policy') ?? '';
  record('7 headers', 'Content-Security-Policy on /login', csp.match(/script-src [^;]*/)?.[0] ?? '(none)', /'nonce-[^']+'/.test(csp) && !!login.headers.get('permissions-policy'));

  const wrong = results.filter((r) => !r.ok);
  console.log(`\n${results.length} cases, ${results.length - wrong.length} answered as they should, ${wrong.length} did not.`);
  if (wrong.length) process.exitCode = 1;
} finally {
  server?.kill('SIGTERM');
}
