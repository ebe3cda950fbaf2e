import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useBrowser } from './support/browser';
import { ADMIN, SAM, TRAINER_PATEL, runId } from './support/people';

const OWEN = 'owen.price@kingsmere.example';
const PRACTICAL = 'Mock NCCQ practical paper';
const THEORY = 'Mock NCCQ theory paper';
const THREE_HOURS = 3 * 3600;

type CaseFile = { id: string; title: string; expected: { diagnoses: { code: string; rationale: string }[]; procedures: { code: string; rationale: string }[] } };
const casesDir = path.resolve('content/cases');
const CASES: CaseFile[] = fs
  .readdirSync(casesDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(fs.readFileSync(path.join(casesDir, f), 'utf8')) as CaseFile);

/** "Time left 2:59:41" (or "0:41") on the role=timer element, in seconds. */
async function secondsLeft(page: Page): Promise<number> {
  const label = (await page.getByRole('timer').getAttribute('aria-label')) ?? '';
  const m = /^Time left (?:(\d+):)?(\d{1,2}):(\d{2})$/.exec(label);
  if (!m) throw new Error(`the timer says "${label}"`);
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/** The nav's "N of M answered[, K flagged]." line. */
const answeredLine = (page: Page) => page.getByRole('navigation', { name: 'Questions in this paper' }).locator('p', { hasText: /answered/ }).first().innerText();

const attemptIdOf = (page: Page) => /\/assessments\/([0-9a-f-]{36})(?:\/sit)?$/.exec(new URL(page.url()).pathname)![1]!;
/** Where the attempt's result is shown (the paper itself is sat at …/sit). */
const resultUrlOf = (page: Page) => `/assessments/${attemptIdOf(page)}`;

/** Wait until the page has nothing left to send (localStorage holds no unsaved answer) and says when it saved. */
async function waitForSaved(page: Page) {
  const id = attemptIdOf(page);
  await expect
    .poll(
      async () => ({
        status: await page.getByRole('status').filter({ hasText: /saved|Saving|not saved|Not saved/i }).first().innerText(),
        unsaved: await page.evaluate((key) => localStorage.getItem(key), `coder-pathway:paper:${id}`),
      }),
      { timeout: 10_000 },
    )
    .toEqual({ status: expect.stringMatching(/^All answers saved at \d{2}:\d{2}:\d{2}$/), unsaved: null });
  return page.getByRole('status').filter({ hasText: /^All answers saved at/ }).innerText();
}

/** Type into the focused code picker, wait for the matches and press Enter (as tests/e2e/coding.test.ts does). */
async function pick(page: Page, combobox: Locator, text: string) {
  await combobox.focus();
  await page.keyboard.type(text);
  await page.getByRole('listbox').filter({ visible: true }).waitFor();
  await page.waitForTimeout(300); // the debounced search settles on the last keystroke
  await page.keyboard.press('Enter');
}

const codesIn = (page: Page, list: string) => page.getByRole('list', { name: `${list} in order` }).locator('li .font-mono').allInnerTexts();

/**
 * Open the apprentice's papers and follow Start (then confirm it) or Resume on one; returns once the paper
 * is showing in exam mode.
 */
async function startPaper(b: ReturnType<typeof useBrowser>, page: Page, title: string) {
  await b.visit(page, '/apprentice/assessments', { settle: true });
  const link = page.getByRole('link', { name: new RegExp(`^(Start|Resume) ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).first();
  const starting = (await link.innerText()).startsWith('Start');
  await link.click();
  if (starting) {
    await page.getByRole('heading', { level: 1, name: `Start ${title}?` }).waitFor();
    await page.getByRole('button', { name: 'Start the paper' }).click();
  }
  await page.waitForURL(/\/assessments\/[0-9a-f-]{36}\/sit(\?q=\d+)?$/);
  await page.getByRole('timer').waitFor();
  await page.waitForLoadState('networkidle');
}

/** Words of a text long enough to be telling, split where HTML or JSON would escape a character. */
const fragments = (text: string) =>
  text
    .split(/[&<>"'\\’‘“”]/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 24);

const codePattern = (code: string) => new RegExp(`(?<![A-Za-z0-9.])${code.replace(/\./g, '\\.')}(?![0-9])`);

describe('mock assessments', () => {
  const b = useBrowser();

  test('an apprentice sits the practical paper: answers and a flag survive a reload, the timer follows the server, and the result is graded at once', async () => {
    const page = await b.signedIn(SAM);
    const before = Date.now();
    await startPaper(b, page, PRACTICAL);
    await b.checkA11y(page, 'in progress');
    expect(await answeredLine(page)).toBe('0 of 11 answered.');
    expect(await page.getByRole('status').filter({ hasText: /saved/ }).first().innerText()).toBe('Answers are saved as you go');
    // A fresh paper: three hours, less the time since Start was pressed.
    const atStart = await secondsLeft(page);
    expect(atStart).toBeLessThanOrEqual(THREE_HOURS);
    expect(atStart).toBeGreaterThanOrEqual(THREE_HOURS - Math.ceil((Date.now() - before) / 1000) - 2);

    // Question 1: a diagnosis and a procedure.
    await pick(page, page.getByRole('combobox', { name: 'Add a diagnosis code' }), 'K35.8');
    await expect.poll(() => codesIn(page, 'Diagnoses (ICD-10)')).toEqual(['K35.8']);
    await pick(page, page.getByRole('combobox', { name: 'Add a procedure code' }), 'H01.1');
    await expect.poll(() => codesIn(page, 'Procedures (OPCS-4)')).toEqual(['H01.1']);
    // Question 2: a diagnosis, flagged for review.
    await page.getByRole('button', { name: 'Question 2, not answered', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2, name: 'Question 2 of 11' }).isVisible()).toBe(true);
    await pick(page, page.getByRole('combobox', { name: 'Add a diagnosis code' }), 'I10');
    // Picked from the list, an undivided category goes in as the UK writes it, with the filler X.
    await expect.poll(() => codesIn(page, 'Diagnoses (ICD-10)')).toEqual(['I10X']);
    await page.getByRole('checkbox', { name: 'Flag this question to review later' }).check();
    const saved = await waitForSaved(page);
    expect(await answeredLine(page)).toBe('2 of 11 answered, 1 flagged.');
    await b.checkA11y(page, 'answered');

    // Reload with this device's copy gone: whatever shows now came from the server.
    const timerBefore = await secondsLeft(page);
    const readAt = Date.now();
    await page.evaluate(() => localStorage.clear());
    await page.reload({ waitUntil: 'networkidle' });
    await page.getByRole('timer').waitFor();
    const timerAfter = await secondsLeft(page);
    const elapsed = Math.ceil((Date.now() - readAt) / 1000);
    expect(timerAfter).toBeLessThanOrEqual(timerBefore);
    expect(timerAfter).toBeGreaterThanOrEqual(timerBefore - elapsed - 2);
    expect(await answeredLine(page)).toBe('2 of 11 answered, 1 flagged.');
    expect(await page.getByRole('status').filter({ hasText: /saved/ }).first().innerText()).toBe(saved);
    expect(await page.getByRole('button', { name: 'Question 1, answered', exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Question 2, answered, flagged for review', exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Question 3, not answered', exact: true }).count()).toBe(1);
    // The reload came back to question 2, the one that was open.
    expect(await page.getByRole('heading', { level: 2, name: 'Question 2 of 11' }).isVisible()).toBe(true);
    expect(await codesIn(page, 'Diagnoses (ICD-10)')).toEqual(['I10X']);
    expect(await page.getByRole('checkbox', { name: 'Flag this question to review later' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: /^Question 1,/ }).click();
    await expect.poll(() => codesIn(page, 'Diagnoses (ICD-10)')).toEqual(['K35.8']);
    expect(await codesIn(page, 'Procedures (OPCS-4)')).toEqual(['H01.1']);
    expect(await page.getByRole('checkbox', { name: 'Flag this question to review later' }).isChecked()).toBe(false);

    const attemptUrl = resultUrlOf(page);
    await page.getByRole('button', { name: 'Submit paper' }).click();
    expect(await page.getByRole('group').filter({ hasText: 'Once submitted' }).innerText()).toContain('9 questions are not answered. 1 flagged for review. Once submitted, no answer can change.');
    await page.getByRole('button', { name: 'Yes, submit now' }).click();
    await page.getByRole('heading', { name: 'Result', exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe(attemptUrl);
    await page.waitForLoadState('networkidle');
    await b.checkA11y(page, 'result');

    // The practical has no written items, so it is graded at once.
    const grade = await page.locator('section', { has: page.getByRole('heading', { name: 'Result', exact: true }) }).innerText();
    expect(grade).toMatch(/\d{1,3}\.\d%\s*(Fail|Pass|Distinction)/);
    expect(grade).toContain('Pass at 90% or more. Distinction is given at 95% or more; this boundary is set by your training provider.');
    expect(grade).not.toContain('waiting for the trainer');
    const sections = await page.getByRole('table', { name: 'Sections' }).locator('tbody tr').allInnerTexts();
    expect(sections).toHaveLength(2);
    expect(sections[0]).toMatch(/^Section A: core case scenarios\s+\d+ of \d+\s+\d{1,3}\.\d%\s+(Fail|Pass|Distinction)$/);
    expect(sections[1]).toMatch(/^Section B: .+\s+\d+ of \d+\s+\d{1,3}\.\d%\s+(Fail|Pass|Distinction)$/);
    const figures = page.locator('section', { has: page.getByRole('heading', { name: 'Audit figures over the paper’s cases' }) }).locator('li');
    expect(await figures.count()).toBe(4);
    for (const f of await figures.allInnerTexts()) expect(f).toMatch(/\d{1,3}\.\d%\s+\d+ of \d+ codes correct$/);
    // Question 1's answer is kept beside the expected codes.
    const first = await page.locator('article', { has: page.getByRole('heading', { name: /^1\. / }) }).innerText();
    expect(first).toMatch(/Your diagnoses\s+K35\.8\s+Your procedures\s+H01\.1\s+Expected diagnoses\s+\S/);

    // The list shows the attempt as submitted, with its grade.
    await b.visit(page, '/apprentice/assessments');
    const row = await page.locator('tr', { has: page.locator(`a[href="${attemptUrl}"]`) }).innerText();
    expect(row).toMatch(/\d{2}\/\d{2}\/\d{4}|\d{1,2} \w+ \d{4}/);
    expect(row).toMatch(/(Fail|Pass|Distinction)\s+\d{1,3}\.\d%$/);
    expect(await page.getByRole('link', { name: `Start ${PRACTICAL}`, exact: true }).count()).toBe(1);
  });

  test('the paper as sent to the browser holds no expected code or rationale, and another apprentice cannot open it', async () => {
    const page = await b.signedIn(SAM);
    await startPaper(b, page, PRACTICAL);
    // Nothing typed on this attempt, so no code on the page can be the apprentice's own.
    expect(await answeredLine(page)).toBe('0 of 11 answered.');
    const titles: string[] = [];
    for (let n = 1; n <= 11; n++) {
      await page.getByRole('button', { name: new RegExp(`^Question ${n},`) }).click();
      await expect.poll(() => page.getByRole('heading', { level: 2, name: `Question ${n} of 11` }).isVisible()).toBe(true);
      titles.push(await page.getByRole('article', { name: 'Case notes' }).locator('h3').innerText());
    }
    expect(new Set(titles).size).toBe(11);
    const shown = titles.map((t) => {
      const c = CASES.find((x) => x.title === t);
      if (!c) throw new Error(`no case in content/cases is titled "${t}"`);
      return c;
    });

    const url = new URL(page.url()).pathname;
    const res = await page.context().request.get(url);
    expect(res.status()).toBe(200);
    // The code pickers' placeholders give K35.8 and H01.1 as examples of what to type: UI text, the same on
    // every case, so they are left out of the search.
    const raw = await res.text();
    expect(raw).toContain('placeholder="Type a code (K35.8) or words (appendicitis)"');
    const html = raw.replace(/ placeholder="[^"]*"/g, '');
    // The check means something only if the paper's own content is in what was fetched.
    for (const c of shown) expect(html).toContain(fragments(c.title)[0] ?? c.title);
    for (const c of shown) {
      for (const e of [...c.expected.diagnoses, ...c.expected.procedures]) {
        expect(html, `${c.id}: expected code ${e.code} is in the page`).not.toMatch(codePattern(e.code));
        for (const f of fragments(e.rationale)) expect(html.includes(f), `${c.id}: rationale of ${e.code} ("${f}") is in the page`).toBe(false);
      }
    }
    expect(html).not.toContain('rationale');

    // Owen, another trust's apprentice, finds nothing there: the page, and the save endpoint.
    const owen = await b.signedIn(OWEN);
    expect((await owen.context().request.get(url)).status()).toBe(404);
    const put = await owen.context().request.put(`/api/assessments/attempts/${attemptIdOf(page)}/answers`, {
      data: { kind: 'coding', item: 0, seq: Date.now(), flagged: false, answer: { diagnoses: ['R69'], procedures: [] } },
    });
    expect(put.status()).toBe(404);
    // And Sam's paper still has nothing answered.
    await page.reload({ waitUntil: 'networkidle' });
    expect(await answeredLine(page)).toBe('0 of 11 answered.');
  });

  test('a one-minute paper uploaded by the admin submits itself at the deadline, and a later save is refused', { timeout: 150_000 }, async () => {
    const run = runId();
    const questionFile = JSON.parse(fs.readFileSync(path.resolve('content/questions/icd10-conventions.json'), 'utf8')) as { questions: { id: string; type: string; ksbs: string[] }[] };
    const pool = questionFile.questions.filter((q) => q.type === 'single').slice(0, 3);
    const title = `One-minute check ${run}`;
    const blueprint = {
      id: `e2e-one-minute-${run}`,
      title,
      kind: 'other',
      description: 'A one-minute practice paper made by the browser tests.',
      practice: true,
      ksbs: [...new Set(pool.flatMap((q) => q.ksbs))],
      sections: [
        {
          id: 'quick-questions',
          title: 'Quick questions',
          kind: 'theory',
          instructions: 'Answer both questions before the minute is up.',
          draw: 2,
          pool: { ids: pool.map((q) => q.id) },
          minutes: 1,
          weight: 1,
          boundaries: { pass: 50, distinction: 80 },
        },
      ],
      boundaries: { pass: 50, distinction: 80 },
    };

    const admin = await b.signedIn(ADMIN);
    await b.visit(admin, '/assessments/blueprints', { settle: true });
    await admin.getByLabel('Or paste the JSON').fill(JSON.stringify(blueprint, null, 2));
    await admin.getByRole('button', { name: 'Check and save' }).click();
    await admin.getByText('Blueprint saved as a new version.').waitFor();
    const listed = admin.locator('tr', { has: admin.locator('code', { hasText: blueprint.id }) });
    await listed.waitFor();
    expect(await listed.innerText()).toMatch(/Practice paper · e2e-one-minute-\w+ · apprentices may start it alone[\s\S]*Quick questions: draws 2 \(theory questions\), 1 min, weight 1, pass 50%[\s\S]*1 min\s+pass 50%\s+distinction 80%\s+1 \(uploaded\)/);
    await b.checkA11y(admin, 'uploaded');

    const page = await b.signedIn(SAM);
    await startPaper(b, page, title);
    const id = attemptIdOf(page);
    expect(await secondsLeft(page)).toBeLessThanOrEqual(60);
    expect(await answeredLine(page)).toBe('0 of 2 answered.');
    await page.getByRole('radio').first().check();
    await waitForSaved(page);
    expect(await answeredLine(page)).toBe('1 of 2 answered.');
    // No Submit: the page must end on the result by itself once the minute is over.
    await page.getByRole('heading', { name: 'Result', exact: true }).waitFor({ timeout: 100_000 });
    expect(new URL(page.url()).pathname).toBe(`/assessments/${id}`);
    const grade = await page.locator('section', { has: page.getByRole('heading', { name: 'Result', exact: true }) }).innerText();
    expect(grade).toMatch(/(0\.0%\s*Fail|50\.0%\s*Pass)/);
    expect(grade).toContain('Pass at 50% or more. Distinction is given at 80% or more; this boundary is set by your training provider.');
    // Submitted at zero, so by the deadline's clock: whether the page's timer or the server's sweep got there first.
    expect(grade).toContain('by the server at the deadline');
    expect(await page.getByRole('timer').count()).toBe(0);

    // A save after the deadline is refused, whatever it says.
    const late = await page.context().request.put(`/api/assessments/attempts/${id}/answers`, {
      data: { kind: 'theory', item: 1, seq: Date.now(), flagged: false, answer: [0] },
    });
    expect(late.status()).toBe(409);
    expect(((await late.json()) as { error: string }).error).toMatch(/submitted|time is up/i);

    await b.visit(page, '/apprentice/assessments');
    const row = await page.locator('tr', { has: page.locator(`a[href="/assessments/${id}"]`) }).innerText();
    expect(row).toContain(title);
    expect(row).not.toContain('In progress');
    expect(row).toContain('(at the deadline)');
    expect(row).toMatch(/(Fail\s+0\.0%|Pass\s+50\.0%)$/);
    expect(await page.getByRole('link', { name: `Resume ${title}` }).count()).toBe(0);
  });

  test('a trainer marks a written answer against its rubric and the apprentice sees the marks and feedback', async () => {
    const run = runId();
    const page = await b.signedIn(SAM);
    await startPaper(b, page, THEORY);
    // The written items come last, in section C.
    // The innermost block holding section C's heading (the list as a whole holds it too).
    const sectionC = page.getByRole('navigation', { name: 'Questions in this paper' }).locator('div', { has: page.getByRole('heading', { name: /^Section C/ }) }).last();
    const firstWritten = sectionC.getByRole('button').first();
    const n = Number(/^Question (\d+),/.exec((await firstWritten.getAttribute('aria-label'))!)![1]);
    await firstWritten.click();
    await expect.poll(() => page.getByRole('heading', { level: 2, name: new RegExp(`^Question ${n} of \\d+$`) }).isVisible()).toBe(true);
    const answer = `I would check the whole record, query the consultant and code only what is documented (${run}).`;
    await page.locator('textarea').fill(answer);
    await waitForSaved(page);
    expect(await page.getByRole('button', { name: `Question ${n}, answered`, exact: true }).count()).toBe(1);
    const attemptUrl = resultUrlOf(page);
    await page.getByRole('button', { name: 'Submit paper' }).click();
    await page.getByRole('button', { name: 'Yes, submit now' }).click();
    await page.getByRole('heading', { name: 'Result', exact: true }).waitFor();
    await page.waitForLoadState('networkidle');
    await b.checkA11y(page, 'result awaiting marking');
    const pending = await page.locator('section', { has: page.getByRole('heading', { name: 'Result', exact: true }) }).innerText();
    expect(pending).toContain('Written answers are waiting for the trainer, so the grade is not final yet.');
    expect(pending).toContain('Awaiting trainer marking');
    const writtenItem = page.locator('article', { has: page.getByRole('heading', { name: new RegExp(`^${n}\\. `) }) });
    expect(await writtenItem.innerText()).toContain('Awaiting marking');

    const trainer = await b.signedIn(TRAINER_PATEL);
    await b.visit(trainer, '/trainer/assessments', { settle: true });
    await trainer.getByRole('link', { name: `Mark Sam Whitfield’s answer to question ${n}`, exact: true }).click();
    await trainer.waitForURL(`**${attemptUrl}/written/${n - 1}`);
    await trainer.waitForLoadState('networkidle');
    await b.checkA11y(trainer);
    expect(await trainer.locator('section', { has: trainer.getByRole('heading', { name: 'The answer' }) }).innerText()).toContain(answer);
    const boxes = trainer.getByRole('spinbutton');
    const count = await boxes.count();
    expect(count).toBeGreaterThan(0);
    const maxima = await Promise.all(Array.from({ length: count }, async (_, i) => Number(await boxes.nth(i).getAttribute('max'))));
    const total = maxima.reduce((t, m) => t + m, 0);
    expect(await trainer.getByRole('heading', { name: `Mark out of ${total}` }).count()).toBe(1);

    // One box left empty: a message beside it, and the feedback typed so far stays.
    const feedback = `Good instinct to query the consultant; say which standard applies (${run}).`;
    for (let i = 0; i < count - 1; i++) await boxes.nth(i).fill('1');
    await trainer.getByLabel('Feedback to the apprentice').fill(feedback);
    await trainer.getByRole('button', { name: 'Save mark' }).click();
    const empty = boxes.nth(count - 1);
    await expect.poll(() => empty.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await empty.getAttribute('aria-describedby'))!;
    expect(await trainer.locator(`[id="${describedBy}"]`).innerText()).toMatch(/Give a mark for each criterion/);
    expect(await trainer.getByLabel('Feedback to the apprentice').inputValue()).toBe(feedback);
    for (let i = 0; i < count - 1; i++) expect(await boxes.nth(i).inputValue()).toBe('1');
    expect(trainer.url()).toContain(`/written/${n - 1}`);
    await b.checkA11y(trainer, 'missing mark');

    await empty.fill('1');
    await trainer.getByRole('button', { name: 'Save mark' }).click();
    await trainer.waitForURL(`**${attemptUrl}`);
    await trainer.getByRole('heading', { name: 'Result', exact: true }).waitFor();

    // Sam's result now holds the trainer's marks and feedback for that item.
    await b.visit(page, attemptUrl);
    const marked = await page.locator('article', { has: page.getByRole('heading', { name: new RegExp(`^${n}\\. `) }) }).innerText();
    expect(marked).toContain(`${count} of ${total} marks`);
    expect(marked).toContain(`Feedback: ${feedback}`);
    expect(marked).toMatch(/Marked by Priya Patel/);
    const rows = await page.locator('article', { has: page.getByRole('heading', { name: new RegExp(`^${n}\\. `) }) }).getByRole('table', { name: 'Rubric' }).locator('tbody tr').allInnerTexts();
    expect(rows.map((r) => r.split('\t').pop()!.trim())).toEqual(maxima.map((m) => `1 of ${m}`));
    const result = await page.locator('section', { has: page.getByRole('heading', { name: 'Result', exact: true }) }).innerText();
    expect(result).not.toContain('waiting for the trainer');
    expect(result).toMatch(/\d{1,3}\.\d%\s*(Fail|Pass|Distinction)/);
    await b.checkA11y(page, 'result marked');
  });
});
