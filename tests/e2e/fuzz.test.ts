// Bad input never answers 500, and never writes (issue 14, point 5).
//
// Every server action (from the build's server-reference manifest, so a new one cannot be missed) and every
// route handler (every app/**/route.ts and the methods it exports) is sent generated and adversarial input
// as each demo role and signed out: wrong types, huge numbers, NUL, lone surrogates, bidi and zero-width
// characters, impossible dates, strings near and past their limits, deep nesting, arrays for objects,
// __proto__ keys, javascript: URLs, ids of records that do not exist and other people's ids; as React's
// client sends them (text and multipart) and as it never does (JSON, form-encoded, cross-origin, over 1 MB).
//
// Every page is also opened with adversarial filters, sort orders, page numbers and ids.
//
// It fails on any 500 (an HTTP status of 500 or more, or a server-action reply carrying an error row, which is
// how Next.js reports an action that threw) and on any write. Every write through the data access layer
// appends to the audit log, so after signing in the test notes the log's size; at the end every entry added
// since must be a refusal (access.denied) or a refused sign-in. On PostgreSQL it also counts the rows of
// every table directly. fast-check runs with a fixed seed and a fixed number of runs: the same cases every time.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '@/db/demo-data';
import { ADMIN, ASHWELL_MANAGER, SAM, TRAINER_PATEL } from './support/people';

const base = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
const SEED = 20261207;
/** Generated argument sets per action and role, and query/body sets per route, method and role. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 4);
const CONCURRENCY = 4;
// A documentation address (RFC 5737) for every request: refused sign-ins made here are counted against it,
// never against the address the other browser tests sign in from (the throttle allows 100 a window).
const FUZZ_ADDRESS = '198.51.100.77';

// Audit entries a refused request may add: a refusal, and what a refused sign-in records.
// issue 20: downloading the learner-record CSV is a read, recorded (ilr.exported) as every export is; it changes no data.
const ALLOWED_AUDIT = new Set(['access.denied', 'auth.sign_in_failed', 'auth.sign_in_throttled', 'auth.locked', 'ilr.exported']);
// Tables a refused request may add to: the audit log (checked entry by entry) and the sign-in throttle.
const ALLOWED_TABLES = new Set(['audit_log', 'sign_in_failures']);

type Role = 'signed-out' | 'admin' | 'trainer' | 'employer' | 'apprentice';
const PEOPLE: Record<Exclude<Role, 'signed-out'>, string> = { admin: ADMIN, trainer: TRAINER_PATEL, employer: ASHWELL_MANAGER, apprentice: SAM };
const ROLES: Role[] = ['signed-out', 'admin', 'trainer', 'employer', 'apprentice'];

// ---------------------------------------------------------------------------------------------------------
// What there is to call

type Action = { id: string; file: string; name: string; page: string };

/** A page path that runs the action: one of the pages its module is bundled with, dynamic segments filled. */
function pagePath(worker: string, fill: string): string {
  const segments = worker
    .replace(/^app\//, '')
    .replace(/\/page$/, '')
    .split('/')
    .filter((s) => !/^\(.*\)$/.test(s));
  return `/${segments.map((s) => (s.startsWith('[') ? fill : s)).join('/')}`.replace(/\/$/, '') || '/';
}

function listActions(): Action[] {
  const manifest = JSON.parse(fs.readFileSync(path.resolve('.next/server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const workers = Object.keys(entry.workers).filter((w) => w.endsWith('/page'));
    // The page with the fewest dynamic segments (a random id in one only makes the page a 404 if rendered).
    const worker = workers.sort((a, b) => (a.match(/\[/g)?.length ?? 0) - (b.match(/\[/g)?.length ?? 0) || a.localeCompare(b))[0] ?? 'app/page';
    return { id, file: entry.filename ?? '?', name: entry.exportedName ?? id, page: pagePath(worker, '00000000-0000-4000-8000-000000000000') };
  });
}

/** Every exported async function of every 'use server' file under app/: what the manifest must hold. */
function scanActionSources(): string[] {
  const names: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name)) {
        const text = fs.readFileSync(full, 'utf8');
        if (!/^\s*['"]use server['"]/.test(text)) continue;
        for (const m of text.matchAll(/export async function (\w+)/g)) names.push(`${path.relative('.', full)}#${m[1]}`);
      }
    }
  };
  walk('app');
  return names.sort();
}

/** Every page (each page.tsx under app/) as a path with its dynamic segments in brackets. */
function listPages(): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'page.tsx') pages.push(pagePath(path.relative('.', full).replace(/\.tsx$/, ''), '[id]'));
    }
  };
  walk('app');
  return pages.sort();
}

type Route = { file: string; path: string; methods: string[] };

function listRoutes(): Route[] {
  const routes: Route[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'route.ts') {
        const text = fs.readFileSync(full, 'utf8');
        const methods = new Set<string>();
        for (const m of text.matchAll(/export (?:async )?function (GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g)) methods.add(m[1]!);
        for (const m of text.matchAll(/export const \{([^}]+)\}/g)) for (const name of m[1]!.split(',')) if (/^\s*(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\s*$/.test(name)) methods.add(name.trim());
        const segments = path.relative('app', path.dirname(full)).split(path.sep).filter((s) => !/^\(.*\)$/.test(s));
        routes.push({ file: path.relative('.', full), path: `/${segments.join('/')}`, methods: [...methods].sort() });
      }
    }
  };
  walk('app');
  return routes.sort((a, b) => a.path.localeCompare(b.path));
}

// ---------------------------------------------------------------------------------------------------------
// What to send

// Field names of each action's input, so generated input reaches validation field by field. An action not
// listed here (a new one) still gets every generic and adversarial shape.
const FIELDS: Record<string, string[]> = {
  // issue 20: training plan
  draftPlanAction: ['apprenticeshipId'],
  updatePlanAction: ['id', 'rowVersion', 'plannedStartDate', 'plannedEndDate', 'weeklyHours', 'plannedOtjHours', 'activities', 'support', 'reasonableAdjustments', 'englishPlan', 'mathsPlan'],
  signPlanAction: ['id', 'rowVersion', 'signedName'],
  changePlanAction: ['id', 'rowVersion', 'changeSummary'],
  createApprenticeAction: ['name', 'email', 'temporaryPassword', 'employerId', 'cohortId', 'startDate', 'plannedEndDate', 'weeklyHours', 'plannedOtjHours', 'englishStatus', 'mathsStatus'],
  updateApprenticeshipAction: ['id', 'version', 'employerId', 'cohortId', 'startDate', 'plannedEndDate', 'weeklyHours', 'plannedOtjHours', 'englishStatus', 'mathsStatus', 'status'],
  assignTrainerAction: ['trainerId', 'apprenticeshipId'],
  unassignTrainerAction: ['trainerId', 'apprenticeshipId'],
  createCohortAction: ['name', 'startDate'],
  updateCohortAction: ['id', 'version', 'name', 'startDate'],
  createOrganisationAction: ['name', 'kind', 'odsCode'],
  updateOrganisationAction: ['id', 'version', 'name', 'kind', 'odsCode'],
  updateProgressSettingsAction: ['pd1', 'sd1', 'pp1', 'sp1', 'pd2', 'sd2', 'pp2', 'sp2', 'theoryPassMark', 'readinessWindowCases', 'theoryWindowQuestions', 'minCasesForForecast', 'reviewIntervalWeeks', 'inactivityWeeks'],
  updateMarkingRulesAction: ['unnecessary', 'swap', 'conventions'],
  createUserAction: ['name', 'email', 'role', 'organisationId', 'temporaryPassword'],
  updateUserAction: ['id', 'version', 'name', 'email', 'role', 'organisationId', 'temporaryPassword'],
  setUserActiveAction: ['id', 'active', 'version'],
  unlockUserAction: ['id'],
  submitAuditAction: ['episodeId', 'diagnoses', 'procedures', 'omitted', 'figures', 'activeSeconds'],
  submitAttemptAction: ['caseId', 'diagnoses', 'procedures', 'fourStep', 'activeSeconds'],
  createEvidenceAction: ['title', 'type', 'activityDate', 'account', 'ksbs'],
  updateEvidenceAction: ['id', 'rowVersion', 'title', 'type', 'activityDate', 'account', 'ksbs'],
  submitEvidenceAction: ['id', 'rowVersion'],
  requestWitnessAction: ['evidenceId', 'witnessId', 'message'],
  signWitnessAction: ['id', 'rowVersion', 'statement', 'signedName', 'signedJobTitle', 'signedOn'],
  createOtjEntryAction: ['activityDate', 'hours', 'activityType', 'description', 'ksbs'],
  updateOtjEntryAction: ['id', 'rowVersion', 'activityDate', 'hours', 'activityType', 'description', 'ksbs'],
  deleteOtjEntryAction: ['id', 'rowVersion'],
  reviewOtjEntryAction: ['id', 'rowVersion', 'decision', 'comment'],
  acceptOtjEntriesAction: ['entries', 'comment'],
  answerQuestionAction: ['questionId', 'answer', 'activeSeconds'],
  scheduleSittingAction: ['blueprintKey', 'cohortId', 'apprenticeIds', 'opensAt', 'closesAt'],
  markWrittenAction: ['attemptId', 'item', 'criteria', 'feedback', 'reason', 'basedOn'],
  setExtraTimeAction: ['apprenticeshipId', 'percent', 'version'],
  // issue 20: off-the-job, breaks, withdrawal and completion, funding rules
  startLearningBreakAction: ['apprenticeshipId', 'startDate', 'reason', 'version'],
  endLearningBreakAction: ['apprenticeshipId', 'endDate', 'version'],
  recordOutcomeAction: ['apprenticeshipId', 'outcome', 'actualEndDate', 'withdrawReason', 'version'],
  updateFundingSettingsAction: ['rulesYear', 'hoursRuleFrom', 'standardOtjHours', 'otjFloorHours', 'standardDurationMonths', 'minimumDurationMonths', 'sixHourRuleFrom', 'fullTimeWeeklyHours', 'fullTimeOtjHoursPerWeek', 'otjPercent', 'minimumDurationMonthsBefore', 'statutoryLeaveWeeks', 'gatewayLinkDays'],
  uploadBlueprintAction: ['definition'],
  startAssessmentAction: ['sittingId', 'blueprintKey', 'confirm'],
  submitQueryAttemptAction: ['scenarioId', 'queryNeeded', 'addressedTo', 'queryText', 'reasoning', 'activeSeconds'],
  markQueryAttemptAction: ['id', 'rowVersion', 'decision', 'criteria', 'comments', 'feedback'],
  markEvidenceAction: ['id', 'rowVersion', 'outcome', 'decisions', 'feedback'],
  markEvidenceAndNextAction: ['id', 'rowVersion', 'outcome', 'decisions', 'feedback'],
  overrideEvidenceAction: ['id', 'rowVersion', 'outcome', 'decisions', 'feedback', 'reason'],
  recordReviewAction: ['apprenticeshipId', 'reviewDate', 'progressSummary', 'ksbsDiscussed', 'targets', 'englishMaths', 'supportDiscussed', 'wellbeing', 'safeguardingConcern', 'safeguardingNotes'],
  signReviewAction: ['id', 'rowVersion', 'comment'],
  confirmGatewayAction: ['apprenticeshipId', 'note'],
  // issue 20: gateway pack
  createGatewayLinkAction: ['apprenticeshipId', 'recipient', 'days'],
  revokeGatewayLinkAction: ['apprenticeshipId', 'linkId'],
  rebuildGatewayPackAction: ['apprenticeshipId'],
  changePasswordAction: ['currentPassword', 'newPassword', 'confirmPassword'],
  signInAction: ['email', 'password'],
  signInWithProviderAction: ['provider'],
  confirmPracticeTimeAction: ['dates'],
  practiceToEvidenceAction: ['ksb'],
  // issue 20: initial assessment
  saveInitialAssessmentAction: ['apprenticeshipId', 'rowVersion', 'intent', 'ratings', 'priorLearning', 'experience'],
  confirmInitialAssessmentAction: ['apprenticeshipId', 'rowVersion', 'ratings', 'trainerNotes', 'rplKsbs', 'rplReason', 'rplHours', 'rplMonths'],
};
// Actions that take no input and do their work for whoever may call them: sent only what must be refused
// before they run (request-level cases), and, for a role they refuse, generated arguments.
const NO_INPUT: Record<string, Role[]> = {
  signOutAction: [],
  remarkAttemptsAction: ['signed-out', 'trainer', 'employer', 'apprentice'],
  // Every signed-in person has their own calendar feed and notifications: only a visitor is refused.
  createFeedAction: ['signed-out'],
  revokeFeedAction: ['signed-out'],
  markAllReadAction: ['signed-out'],
};

const BIG = (n: number) => 'x'.repeat(n);
const adversarialText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }), // any code point, lone surrogates included
  fc.constantFrom(
    'A\u0000B',
    '\u0000',
    '\uD800',
    'x\uDC00y',
    '\u202Eevil\u202C',
    'a\u200Bb\u200D\uFEFF',
    '\u061C\u200F',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(document.cookie)',
    'NaN',
    'Infinity',
    '-0',
    '1e309',
    '0000-01-01',
    '2026-13-01',
    '2026-02-30',
    '2026-06-01T25:61',
    '+275760-09-13T00:00:00.000Z',
    '__proto__',
    'constructor',
    '<script>alert(1)</script>',
    "' or 1=1 --",
    '%00',
    '../../etc/passwd',
    '4010232137', // passes the NHS-number check
    '$$not-a-reference',
    '',
    ' ',
  ),
  fc.constantFrom(BIG(121), BIG(201), BIG(321), BIG(2_001), BIG(20_001), BIG(200_001)),
);
const hugeNumber = fc.constantFrom(2 ** 40, -(2 ** 40), 2 ** 53 + 2, -1, 0, 1.5, 1e308, -1e308, 2 ** 31, 2 ** 31 - 1);
const numberish = fc.oneof(hugeNumber, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom('NaN', '12abc', '1e309', '0x10', ' 5 ', '$NaN', '$Infinity', '$-0', '$n99999999999999999999'));
const dateish = fc.constantFrom('0000-01-01', '2026-13-01', '2026-02-30', '2026-06-01', '2026-06-01T09:00', '2026-06-01T24:00', '2026-06-01T09:60', '9999-12-31', '10000-01-01', '1e309', '$D0000-01-01T00:00:00.000Z', '$D2026-13-01T00:00:00.000Z', '$Dnonsense');
/** The ids the pages show (other people's records among them), and ids of nothing. */
let realIds: string[] = [];
const anyId = () => fc.oneof(fc.uuid(), fc.constantFrom(...(realIds.length ? realIds : ['00000000-0000-4000-8000-000000000000'])), fc.constantFrom('00000000-0000-0000-0000-000000000000', 'not-a-uuid', 'A\u0000B', '1', '-1'));

function fieldValue(name: string): fc.Arbitrary<unknown> {
  if (/(^id$|Id$|Ids$)/.test(name)) return name.endsWith('Ids') ? fc.array(anyId(), { maxLength: 4 }) : anyId();
  if (/date|At$|Date$/i.test(name)) return fc.oneof(dateish, adversarialText);
  if (/version|hours|percent|item|seq|pd\d|sd\d|pp\d|sp\d|Mark$|Cases$|Questions$|Weeks$/i.test(name)) return fc.oneof(numberish, adversarialText);
  if (/ksbs|diagnoses|procedures|decisions|criteria|ksbsDiscussed|targets/i.test(name)) return fc.oneof(fc.array(fc.oneof(fc.constantFrom('K1', 'S25', 'B5', 'K99', 'X1'), adversarialText), { maxLength: 8 }), fc.dictionary(adversarialText, adversarialText, { maxKeys: 4 }), adversarialText);
  return fc.oneof(adversarialText, numberish, fc.boolean(), fc.constant(null), fc.array(adversarialText, { maxLength: 3 }));
}

/** A value every schema refuses wherever it is put: text with a NUL or a lone surrogate, or an object. */
const poison = fc.oneof(
  fc.string({ maxLength: 10 }).map((s) => `${s}\u0000`),
  fc.string({ maxLength: 10 }).map((s) => `\uD800${s}`),
  fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.string(), { minKeys: 1, maxKeys: 3 }),
);

const nested = (depth: number): unknown => (depth === 0 ? 'deep' : depth % 2 ? [nested(depth - 1)] : { a: nested(depth - 1) });

/** One action's argument list: its fields, each adversarial, one of them poisoned; or a shape that is not a form at all. */
function actionArgs(name: string): fc.Arbitrary<unknown[]> {
  const fields = FIELDS[name] ?? [];
  const formShaped = fields.length
    ? fc
        .tuple(fc.tuple(...fields.map((f) => fc.option(fieldValue(f), { nil: undefined }))), fc.nat(fields.length - 1), poison)
        .map(([values, at, bad]) => {
          const input: Record<string, unknown> = {};
          fields.forEach((f, i) => {
            if (values[i] !== undefined) input[f] = values[i];
          });
          input[fields[at]!] = bad;
          return [input];
        })
    : fc.constant([{ [`${name}Field`]: 'A\u0000B' }]);
  const notAForm = fc.oneof(
    fc.constant([]),
    fc.tuple(adversarialText).map((t) => [t]),
    fc.tuple(numberish).map((n) => [n]),
    fc.constant([null]),
    fc.constant(['$undefined']),
    fc.array(fc.dictionary(adversarialText, adversarialText, { maxKeys: 3 }), { minLength: 1, maxLength: 2 }).map((a) => [a]), // an array for an object
    fc.constant([nested(28)]),
    fc.constant([{ __proto__: { isAdmin: true }, constructor: { prototype: { role: 'admin' } } }]),
    fc.tuple(fc.uuid(), adversarialText, numberish).map((t) => [...t]), // several arguments
  );
  return fc.oneof({ arbitrary: formShaped, weight: 3 }, { arbitrary: notAForm, weight: 1 }).map((args) => [...(args as readonly unknown[])]);
}

/** As React's encodeReply writes plain values: a string that starts with `$` is escaped as `$$`. */
function encodeReply(value: unknown): unknown {
  if (typeof value === 'string') return value.startsWith('$') && !/^\$(NaN|Infinity|-Infinity|-0|undefined|n\d+|D.*)$/s.test(value) ? `$${value}` : value;
  if (Array.isArray(value)) return value.map(encodeReply);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeReply(v)]));
  return value;
}

// ---------------------------------------------------------------------------------------------------------
// Sending, and judging the answer

type Outcome = { status: number; body: string };
type Finding = { kind: string; target: string; role: Role; request: string; status: number; problem: string };

const sessions: Partial<Record<Role, string>> = {};
// The request-level cases have sessions of their own: on a build without the guards, signOutAction sent as
// JSON runs and ends the session it was sent with, which must not end the rest of the run.
const requestSessions: Partial<Record<Role, string>> = {};
// The administrator who reads the audit log before and after: never sent anything else.
let auditor = '';
const findings: Finding[] = [];
const counts = new Map<string, number>(); // cases per action or route
let serverErrors = 0;

function cookieHeader(res: Response, jar: Map<string, string>) {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const at = pair!.indexOf('=');
    jar.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

async function signIn(email: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  let cookie = cookieHeader(csrf, jar);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD }),
  });
  cookie = cookieHeader(res, jar);
  if (![...jar.keys()].some((k) => k.startsWith('authjs.session-token'))) throw new Error(`could not sign in as ${email}: ${res.status}`);
  return cookie;
}

async function send(url: string, init: RequestInit & { duplex?: 'half' }, role: Role, session = sessions[role]): Promise<Outcome> {
  const headers = new Headers(init.headers);
  headers.set('x-forwarded-for', FUZZ_ADDRESS);
  if (session) headers.set('cookie', [headers.get('cookie'), session].filter(Boolean).join('; '));
  try {
    const res = await fetch(url, { ...init, headers, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
    return { status: res.status, body: await res.text() };
  } catch (e) {
    return { status: 599, body: `no answer: ${(e as Error).message}` };
  }
}

// An action that threw: Next.js answers 500, or (once streaming) an error row `1:E{"digest":"…"}` whose digest
// is a number (a notFound() or redirect() carries NEXT_HTTP_ERROR_FALLBACK or NEXT_REDIRECT instead).
const ERROR_ROW = /^[0-9a-f]+:E\{"digest":"\d+"/m;

function judge(kind: string, target: string, role: Role, request: string, out: Outcome, expected?: number[]) {
  counts.set(`${kind} ${target}`, (counts.get(`${kind} ${target}`) ?? 0) + 1);
  let problem = '';
  if (out.status >= 500) problem = `answered ${out.status}`;
  else if (ERROR_ROW.test(out.body)) problem = 'the action threw (an error row in the reply)';
  else if (expected && !expected.includes(out.status)) problem = `answered ${out.status}, expected ${expected.join(' or ')}`;
  if (out.status >= 500 || ERROR_ROW.test(out.body)) serverErrors++;
  if (problem) findings.push({ kind, target, role, request: request.slice(0, 300), status: out.status, problem: `${problem}: ${out.body.slice(0, 160).replace(/\s+/g, ' ')}` });
}

/** Findings grouped by what and how they failed, with one example request each. */
function summarise(list: Finding[]): string[] {
  const groups = new Map<string, { n: number; example: Finding }>();
  for (const f of list) {
    const how = f.problem.replace(/:.*$/s, '').replace(/\d{3}, expected/, (m) => m);
    const key = `${f.kind} ${f.target}: ${how}`;
    const g = groups.get(key);
    if (g) g.n++;
    else groups.set(key, { n: 1, example: f });
  }
  return [...groups].slice(0, 80).map(([key, g]) => `[fuzz]   ✗ ${key} (${g.n}×; e.g. as ${g.example.role}: ${g.example.request.slice(0, 140)} → ${g.example.problem.slice(0, 120)})`);
}

/** Runs jobs a few at a time: enough to keep the server busy, few enough not to time each other out. */
async function pool(jobs: (() => Promise<void>)[]) {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < jobs.length) await jobs[next++]!();
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Writes

async function auditTotal(): Promise<number> {
  const out = await send(`${base}/admin/audit`, {}, 'admin', auditor);
  const m = /([\d,]+) entr(?:y|ies)\./.exec(out.body);
  if (!m) throw new Error(`the audit page did not give its total (${out.status})`);
  return Number(m[1]!.replace(/,/g, ''));
}

/** The actions of the newest `n` audit entries, from the admin audit page (newest first, 50 a page). */
async function newestAuditActions(n: number): Promise<string[]> {
  const actions: string[] = [];
  for (let page = 1; actions.length < n; page++) {
    const out = await send(`${base}/admin/audit?page=${page}`, {}, 'admin', auditor);
    const found = [...out.body.matchAll(/<td class="font-mono text-sm">([^<]*)<\/td>/g)].map((m) => m[1]!);
    if (!found.length) break;
    actions.push(...found);
  }
  return actions.slice(0, n);
}

async function tableCounts(sql: postgres.Sql): Promise<Record<string, number>> {
  const tables = await sql<{ table_name: string }[]>`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`;
  const result: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = await sql.unsafe(`select count(*)::int as n from "${table_name}"`);
    result[table_name] = row!.n as number;
  }
  const [audit] = await sql`select count(*)::int as n from audit_log where not (action = any(${[...ALLOWED_AUDIT]}))`;
  result['audit_log (entries other than refusals)'] = audit!.n as number;
  return result;
}

// ---------------------------------------------------------------------------------------------------------

describe('bad input never answers 500 and never writes', () => {
  const actions = listActions();
  const routes = listRoutes();
  let sql: postgres.Sql | null = null;
  let auditBefore = 0;
  let tablesBefore: Record<string, number> = {};
  const started = Date.now();

  beforeAll(async () => {
    for (const role of ROLES)
      if (role !== 'signed-out') {
        sessions[role] = await signIn(PEOPLE[role]);
        requestSessions[role] = await signIn(PEOPLE[role]);
      }
    auditor = await signIn(ADMIN);
    // Ids the roles' pages show: the test's "other people's records".
    const ids = new Set<string>();
    for (const [role, page] of [['admin', '/admin/users'], ['admin', '/admin/apprentices'], ['admin', '/admin/cohorts'], ['admin', '/admin/organisations'], ['trainer', '/trainer'], ['trainer', '/trainer/marking'], ['apprentice', '/apprentice/evidence'], ['apprentice', '/apprentice/otj']] as const) {
      const out = await send(`${base}${page}`, {}, role);
      for (const m of out.body.matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)) ids.add(m[0]);
    }
    realIds = [...ids].sort();
    if (databaseUrl) {
      sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
      tablesBefore = await tableCounts(sql);
    }
    auditBefore = await auditTotal();
  });

  afterAll(async () => {
    await sql?.end({ timeout: 5 });
  });

  it('finds every server action in the build, and every one in the sources', () => {
    expect(actions.length).toBeGreaterThanOrEqual(40);
    expect(actions.map((a) => `${a.file}#${a.name}`).sort()).toEqual(scanActionSources());
    expect(routes.length).toBeGreaterThanOrEqual(13);
    expect(realIds.length).toBeGreaterThan(10);
  });

  it('refuses server-action requests that are not what React’s client sends, with 403, 413 or 400 and a sentence', async () => {
    const jobs: (() => Promise<void>)[] = [];
    const big = `["${'a'.repeat(1024 * 1024 + 10)}"]`;
    actions.forEach((action, index) => {
      const url = `${base}${action.page}`;
      const headers = (extra: Record<string, string> = {}) => ({ 'next-action': action.id, accept: 'text/x-component', origin: base, 'content-type': 'text/plain;charset=UTF-8', ...extra });
      const multipartWithout0 = new FormData();
      multipartWithout0.set('name', 'x');
      const cases: [string, RequestInit & { duplex?: 'half' }, number[]][] = [
        ['from another site', { method: 'POST', headers: headers({ origin: 'https://evil.example' }), body: '[]' }, [403]],
        ['Origin: null', { method: 'POST', headers: headers({ origin: 'null' }), body: '[]' }, [403]],
        ['an Origin that is not a URL', { method: 'POST', headers: headers({ origin: 'not a url' }), body: '[]' }, [403]],
        ['a forwarded host that is not the Origin', { method: 'POST', headers: headers({ 'x-forwarded-host': 'evil.example' }), body: '[]' }, [403]],
        ['JSON', { method: 'POST', headers: headers({ 'content-type': 'application/json' }), body: '{"name":"x"}' }, [400]],
        ['a JSON list', { method: 'POST', headers: headers({ 'content-type': 'application/json' }), body: '[{"name":"x"}]' }, [400]],
        ['form-encoded', { method: 'POST', headers: headers({ 'content-type': 'application/x-www-form-urlencoded' }), body: 'name=x' }, [400]],
        ['no content type', { method: 'POST', headers: headers({ 'content-type': '' }), body: new TextEncoder().encode('[]') }, [400]],
        ['over 1 MB', { method: 'POST', headers: headers(), body: big }, [413]],
        ['over 1 MB, chunked', { method: 'POST', headers: headers(), body: new Blob([big]).stream(), duplex: 'half' }, [413]],
        ['an object, not a list', { method: 'POST', headers: headers(), body: '{"name":"x"}' }, [400]],
        ['a string', { method: 'POST', headers: headers(), body: '"x"' }, [400]],
        ['not JSON', { method: 'POST', headers: headers(), body: '[{"name":' }, [400]],
        ['a reference to nothing', { method: 'POST', headers: headers(), body: '["$Q1"]' }, [400]],
        ['a server reference', { method: 'POST', headers: headers(), body: '["$h1"]' }, [400]],
        ['nested 40 deep', { method: 'POST', headers: headers(), body: JSON.stringify([nested(40)]) }, [400]],
        ['multipart without its root row', { method: 'POST', headers: { 'next-action': action.id, origin: base }, body: multipartWithout0 }, [400]],
        ['a form without JavaScript, from another site', { method: 'POST', headers: { origin: 'https://evil.example' }, body: multipartWithout0 }, [403]],
      ];
      // Half the actions as an administrator, half as an apprentice: the guards come before who is asking.
      const role = index % 2 ? 'apprentice' : 'admin';
      for (const [what, init, expected] of cases) jobs.push(async () => judge('action-request', action.name, role, `${what} to ${action.page}`, await send(url, init, role, requestSessions[role]), expected));
    });
    await pool(jobs);
    // signOutAction was among them: every refusal came before it ran, so everyone is still signed in.
    for (const role of ['admin', 'apprentice'] as const) {
      const out = await send(`${base}/api/auth/session`, {}, role, requestSessions[role]);
      expect.soft((JSON.parse(out.body) as { user?: { email?: string } } | null)?.user?.email, `${role} still signed in`).toBe(PEOPLE[role]);
    }
  });

  // Over a thousand requests, more with each new action: about a minute on a quiet machine, and well past the
  // file's two minutes when both CI runs share two cores with other work.
  it('answers every server action sent generated and adversarial arguments with a message, never a 500', { timeout: 300_000 }, async () => {
    const jobs: (() => Promise<void>)[] = [];
    actions.forEach((action, index) => {
      const roles = action.name in NO_INPUT ? NO_INPUT[action.name]! : ROLES;
      for (const role of roles) {
        // Signed out, the proxy sends every page but sign-in to sign in: post where the action still runs.
        const url = `${base}${role === 'signed-out' ? '/login' : action.page}`;
        const samples = fc.sample(actionArgs(action.name), { seed: SEED + index * 7 + ROLES.indexOf(role), numRuns: RUNS });
        samples.forEach((args, n) => {
          const body = JSON.stringify(encodeReply(args));
          // Every other one as multipart, as React sends a FormData argument: `$K1` and its fields `1_…`.
          const multipart = n % 2 === 1 && args.length === 1 && args[0] && typeof args[0] === 'object' && !Array.isArray(args[0]);
          let init: RequestInit;
          if (multipart) {
            const form = new FormData();
            form.set('0', '["$K1"]');
            for (const [k, v] of Object.entries(args[0] as Record<string, unknown>)) form.append(`1_${k}`, typeof v === 'string' ? v : JSON.stringify(v) ?? '');
            init = { method: 'POST', headers: { 'next-action': action.id, accept: 'text/x-component', origin: base }, body: form };
          } else init = { method: 'POST', headers: { 'next-action': action.id, accept: 'text/x-component', origin: base, 'content-type': 'text/plain;charset=UTF-8' }, body };
          jobs.push(async () => judge('action', action.name, role, `${multipart ? 'multipart ' : ''}${body}`, await send(url, init, role)));
        });
      }
    });
    await pool(jobs);
  });

  it('answers every route handler sent bad paths, queries, bodies and methods without a 500', async () => {
    const jobs: (() => Promise<void>)[] = [];
    const segment = fc.oneof(fc.uuid(), fc.constantFrom('A%00B', '%00', '%F0%28', '%ED%A0%80', '..%2F..%2Fetc', 'x'.repeat(2000), '%E2%80%AE', '0000-01-01', '-1', '1e309', 'null', '__proto__', "'%20or%201=1"));
    const query = fc.dictionary(
      fc.constantFrom('q', 'scheme', 'page', 'inline', 'download', 'name', 'releaseDate', 'callbackUrl', 'error', 'cohort', 'rag', 'sort', 'dir', '__proto__', 'from', 'to'),
      fc.oneof(adversarialText.filter((s) => s.length < 3000), fc.constantFrom('1', 'icd10', '2026-13-01', '0000-01-01', 'javascript:alert(1)', '//evil.example', String(2 ** 40))),
      { maxKeys: 4 },
    );
    const body = fc.oneof(
      fc.constant('{'),
      fc.constant('[]'),
      fc.constant('null'),
      fc.json({ maxDepth: 3 }),
      fc.constant(JSON.stringify(nested(200))),
      fc.constant(JSON.stringify({ kind: 'codes', item: 2 ** 40, seq: 1, answer: { diagnoses: ['A\u0000B'] } })),
      fc.constant(JSON.stringify({ kind: 'choice', item: -1, seq: 'NaN', answer: { choices: [2 ** 40] } })),
      fc.uint8Array({ maxLength: 64 }),
      fc.constant(`{"a":"${'x'.repeat(2 * 1024 * 1024)}"}`),
    );
    const contentType = fc.constantFrom('application/json', 'text/plain', 'application/octet-stream', 'multipart/form-data', 'application/x-www-form-urlencoded', '');
    const allMethods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

    routes.forEach((route, index) => {
      const roles: Role[] = ['signed-out', 'admin', 'trainer', 'apprentice'];
      for (const role of roles) {
        const cases = fc.sample(fc.record({ segments: fc.array(segment, { minLength: 3, maxLength: 3 }), query, body, contentType, crossSite: fc.boolean(), method: fc.constantFrom(...allMethods) }), {
          seed: SEED + 1000 + index * 11 + roles.indexOf(role),
          numRuns: RUNS * 2,
        });
        // Each exported method at least once per role, then any method (the others answer 405).
        cases.forEach((c, n) => {
          const method = route.methods[n] ?? c.method;
          let k = 0;
          let pathname = route.path.replace(/\[\.\.\.[^\]]+\]/, () => ['csrf', 'session', 'providers', 'signin', 'signout', 'callback/credentials', 'error', 'nonsense/%00'][n % 8]!);
          pathname = pathname.replace(/\[[^\]]+\]/g, () => c.segments[k++ % 3]!);
          const search = new URLSearchParams(c.query as Record<string, string>).toString();
          const headers: Record<string, string> = { origin: c.crossSite ? 'https://evil.example' : base };
          if (c.contentType) headers['content-type'] = c.contentType;
          if (route.path.startsWith('/api/auth') && n % 3 === 0) headers.cookie = 'authjs.callback-url=javascript:alert(1)';
          const hasBody = !['GET', 'HEAD'].includes(method);
          const init: RequestInit = { method, headers, body: hasBody ? (typeof c.body === 'string' ? c.body : new Blob([new Uint8Array(c.body as Uint8Array)])) : undefined };
          const url = `${base}${pathname}${search ? `?${search}` : ''}`;
          jobs.push(async () => judge('route', `${route.path}`, role, `${method} ${url.slice(base.length, base.length + 200)}`, await send(url, init, role)));
        });
        // A query string far longer than any form makes.
        jobs.push(async () => judge('route', route.path, role, 'GET with a 12 KB query', await send(`${base}${route.path.replace(/\[[^\]]+\]/g, 'x')}?q=${'A%00B'.repeat(2400)}`, {}, role)));
      }
    });
    await pool(jobs);
  });

  it('answers every page given adversarial filters, sort orders, pages and ids without a 500', async () => {
    const pages = listPages();
    expect(pages.length).toBeGreaterThanOrEqual(40);
    const jobs: (() => Promise<void>)[] = [];
    const query = fc.dictionary(
      fc.constantFrom('q', 'page', 'sort', 'dir', 'from', 'to', 'status', 'cohort', 'rag', 'scheme', 'chapter', 'block', 'ksb', 'actor', 'entity', 'problem', 'error', 'callbackUrl', 'specialty', 'difficulty', 'employer', 'trainer'),
      fc.oneof(adversarialText.filter((v) => v.length < 2500), fc.constantFrom('0', '-1', String(2 ** 40), '1e309', 'NaN', '0000-01-01', '2026-13-01', 'icd10', 'desc')),
      { minKeys: 1, maxKeys: 5 },
    );
    const segment = fc.oneof(fc.uuid(), fc.constantFrom(...(realIds.length ? realIds : ['x'])), fc.constantFrom('A%00B', '%00', 'x'.repeat(300), '0000-01-01', '-1', '%E2%80%AE'));
    pages.forEach((page, index) => {
      const area = page.split('/')[1] ?? '';
      const role: Role = area in PEOPLE ? (area as Role) : area === 'login' ? 'signed-out' : 'trainer';
      fc.sample(fc.record({ query, segment }), { seed: SEED + 5000 + index, numRuns: 2 }).forEach((c) => {
        const search = new URLSearchParams(c.query as Record<string, string>).toString();
        const url = `${base}${page.replace(/\[id\]/g, c.segment)}?${search}`;
        jobs.push(async () => judge('page', page, role, `GET ${url.slice(base.length, base.length + 200)}`, await send(url, {}, role)));
      });
    });
    await pool(jobs);
  });

  it('wrote nothing: every audit entry added is a refusal, and no table but the sign-in throttle grew', async () => {
    const added = (await auditTotal()) - auditBefore;
    const writes = (await newestAuditActions(added)).filter((a) => !ALLOWED_AUDIT.has(a));
    let tableChanges: Record<string, [number, number]> = {};
    if (sql) {
      const after = await tableCounts(sql);
      tableChanges = Object.fromEntries(Object.entries(after).filter(([t, n]) => !ALLOWED_TABLES.has(t) && n !== tablesBefore[t]).map(([t, n]) => [t, [tablesBefore[t] ?? 0, n]]));
    }

    const perKind = new Map<string, { targets: number; cases: number }>();
    for (const [key, n] of counts) {
      const kind = key.split(' ')[0]!;
      const k = perKind.get(kind) ?? { targets: 0, cases: 0 };
      perKind.set(kind, { targets: k.targets + 1, cases: k.cases + n });
    }
    const lines = [
      `[fuzz] ${inject('databaseKind')}: ${actions.length} server actions, ${routes.length} route handlers (${routes.reduce((s, r) => s + r.methods.length, 0)} methods), seed ${SEED}, ${RUNS} runs, ${((Date.now() - started) / 1000).toFixed(1)} s`,
      ...[...perKind].map(([kind, k]) => `[fuzz]   ${kind}: ${k.cases} cases over ${k.targets} targets (${(k.cases / k.targets).toFixed(1)} each)`),
      `[fuzz]   500s (or actions that threw): ${serverErrors}; other unexpected answers: ${findings.length - serverErrors}`,
      `[fuzz]   audit entries added: ${added}, of which writes: ${writes.length}${sql ? `; tables changed: ${Object.keys(tableChanges).length}` : ''}`,
      ...(writes.length ? [`[fuzz]   writes: ${[...new Set(writes)].join(', ')}`] : []),
      ...Object.entries(tableChanges).map(([t, [a, b]]) => `[fuzz]   table ${t}: ${a} → ${b}`),
      ...summarise(findings),
    ];
    console.log(lines.join('\n'));
    expect.soft(findings, 'requests answered 500, threw, or were not refused as expected').toEqual([]);
    expect.soft(writes, 'audit entries other than refusals').toEqual([]);
    expect(tableChanges, 'tables that changed').toEqual({});
  });
});
