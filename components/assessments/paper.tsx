'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import { CodeListEditor } from '@/components/coding/code-list-editor';
import { NOTE_HEADINGS } from '@/lib/coding/format';
import { formatMinutes } from '@/lib/format';
import { paperPageTitle } from '@/lib/assessments/reopen';
import type { FormResult } from '@/lib/forms/result';
import { AnswerSync, nextSeq, readUnsaved, type ItemKind, type SyncState } from './answer-sync';
import { PaperTimer } from './paper-timer';

type Base = { index: number; sectionId: string; sectionTitle: string; answer: unknown; flagged: boolean; seq: number };
export type PaperItem =
  | (Base & { kind: 'coding'; title: string; specialty: string; notes: Record<string, string> })
  | (Base & { kind: 'theory'; type: 'single' | 'multiple' | 'code'; stem: string; options: string[] | null; classification: 'icd10' | 'opcs4' | null })
  | (Base & { kind: 'written'; prompt: string; marks: number });
export type PaperProps = {
  id: string;
  title: string;
  deadline: Date;
  serverNow: Date;
  extraTimePercent: number;
  lastSavedAt: Date | null;
  sections: { id: string; title: string; kind: ItemKind; instructions: string; minutes: number }[];
  items: PaperItem[];
};

type Answer = { answer: unknown; flagged: boolean; seq: number };

const isAnswered = (kind: ItemKind, a: unknown) => {
  if (a === null || a === undefined) return false;
  if (kind === 'coding') {
    const c = a as { diagnoses: string[]; procedures: string[] };
    return c.diagnoses.length + c.procedures.length > 0;
  }
  if (kind === 'written') return ((a as { text: string }).text ?? '').trim().length > 0;
  return Array.isArray(a) ? a.length > 0 : String(a).trim().length > 0;
};

/**
 * A timed paper being sat, in exam mode: the title, the timer, the question list and the open
 * question, nothing of the site around it. Items in any order, each flaggable for review; every change
 * is saved to the server a moment later and the page says when it last saved or that it cannot. The
 * open question is kept in the address (?q=3), so a reload returns to it. At zero the paper is
 * submitted (the server submits it anyway, whether or not this page is open).
 */
export function Paper({ paper, initialIndex = 0, submit }: { paper: PaperProps; initialIndex?: number; submit: (id: string) => Promise<FormResult<string>> }) {
  const router = useRouter();
  // The server's clock judges lateness; the countdown follows it, whatever this device's clock says.
  const [offsetMs] = useState(() => paper.serverNow.getTime() - new Date().getTime());
  const [answers, setAnswers] = useState<Map<number, Answer>>(() => new Map(paper.items.map((i) => [i.index, { answer: i.answer, flagged: i.flagged, seq: i.seq }])));
  const [current, setCurrent] = useState(() => Math.min(Math.max(0, initialIndex), paper.items.length - 1));
  const [listOpen, setListOpen] = useState(false);
  const [leaving, startLeaving] = useTransition();
  const [sync, setSync] = useState<SyncState>({ kind: 'idle', savedAt: paper.lastSavedAt });
  const [confirming, setConfirming] = useState(false);
  const [submitting, startSubmit] = useTransition();
  const [closedMessage, setClosedMessage] = useState<string | null>(null);
  const syncer = useRef<AnswerSync | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const s = new AnswerSync(paper.id, setSync, (m) => setClosedMessage(m));
    syncer.current = s;
    // Answers this device changed but the server never acknowledged (a crash, a closed tab): send
    // them again; the server keeps them only if nothing newer is there.
    const unsaved = readUnsaved(paper.id).filter((u) => paper.items[u.item] && u.seq > paper.items[u.item]!.seq);
    if (unsaved.length) {
      // localStorage exists only in the browser, so this cannot be the initial state of a server render.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setAnswers((prev) => {
        const next = new Map(prev);
        for (const u of unsaved) next.set(u.item, { answer: u.answer, flagged: u.flagged, seq: u.seq });
        return next;
      });
      for (const u of unsaved) s.change(u);
    }
    const warn = (e: BeforeUnloadEvent) => {
      if (s.unsavedCount) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      s.stop();
    };
  }, [paper.id, paper.items]);

  // The open question: in the address (a reload comes back to it, without a request to the server now),
  // in the page's title, and focused, so a keyboard or screen-reader user starts at it.
  useEffect(() => {
    const url = new URL(window.location.href);
    if (url.searchParams.get('q') !== String(current + 1)) {
      url.searchParams.set('q', String(current + 1));
      window.history.replaceState(window.history.state, '', url);
    }
    document.title = `${paperPageTitle(paper.title, current, paper.items.length)} · Coder Pathway`;
    heading.current?.focus({ preventScroll: true });
    heading.current?.scrollIntoView({ block: 'nearest' });
  }, [current, paper.title, paper.items.length]);

  function open(index: number) {
    setCurrent(index);
    setListOpen(false);
  }

  function leave(e: React.MouseEvent<HTMLAnchorElement>) {
    // Send what is still unsaved first (it is kept on this device too, and sent on return, if this fails).
    e.preventDefault();
    startLeaving(async () => {
      await syncer.current?.flush().catch(() => {});
      router.push('/apprentice/assessments');
    });
  }

  function update(index: number, patch: Partial<Omit<Answer, 'seq'>>) {
    const item = paper.items[index]!;
    const before = answers.get(index) ?? { answer: null, flagged: false, seq: 0 };
    const next = { ...before, ...patch, seq: nextSeq() };
    setAnswers((prev) => new Map(prev).set(index, next));
    const empty = item.kind === 'coding' ? { diagnoses: [], procedures: [] } : item.kind === 'written' ? { text: '' } : [];
    syncer.current?.change({ kind: item.kind, item: index, answer: next.answer ?? empty, flagged: next.flagged, seq: next.seq });
  }

  function finish() {
    startSubmit(async () => {
      await syncer.current?.flush();
      syncer.current?.stop();
      try {
        await submit(paper.id);
      } finally {
        // Whatever happened, the server has the paper: show what it says now (the result, focused).
        router.replace(`/assessments/${paper.id}?submitted=1`);
      }
    });
  }

  const item = paper.items[current]!;
  const a = answers.get(current);
  const unanswered = paper.items.filter((i) => !isAnswered(i.kind, answers.get(i.index)?.answer)).length;
  const flagged = paper.items.filter((i) => answers.get(i.index)?.flagged).length;
  const section = paper.sections.find((s) => s.id === item.sectionId)!;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-x-4 gap-y-2">
        <h1 className="min-w-0 text-2xl font-bold wrap-break-word sm:text-3xl">{paper.title}</h1>
        <a href="/apprentice/assessments" onClick={leave} aria-describedby="leave-hint" className="font-bold">
          Leave the paper
        </a>
      </div>
      <p id="leave-hint" className="text-sm text-nhs-grey-1">
        {leaving ? 'Saving your answers…' : 'Your answers are saved as you go. If you leave, the timer keeps running and the paper is submitted at its deadline.'}
      </p>
      <div className="sticky top-0 z-10 flex flex-wrap items-center justify-between gap-3 border-b border-nhs-grey-4 bg-nhs-grey-5 py-2">
        <PaperTimer deadline={paper.deadline} offsetMs={offsetMs} onTimeUp={finish} />
        <SaveStatus state={sync} />
      </div>
      {closedMessage && (
        <div role="alert" className="border-4 border-nhs-red bg-white p-4 font-bold text-nhs-red">
          {closedMessage}
        </div>
      )}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[16rem_1fr]">

        {/* The question first in reading order (and on a phone); the list of questions beside it from lg up. */}
        <section aria-labelledby="item-heading" className="min-w-0 scroll-mt-16 bg-white p-5 lg:col-start-2 lg:row-start-1">
          <p className="text-sm text-nhs-grey-1">
            {section.title} · about {formatMinutes(section.minutes)} suggested for the section
          </p>
          <h2 id="item-heading" ref={heading} tabIndex={-1} className="mb-2 text-2xl font-bold">
            Question {current + 1} of {paper.items.length}
          </h2>
          <p className="mb-4 text-nhs-grey-1">{section.instructions}</p>
          <ItemBody item={item} answer={a?.answer ?? null} onAnswer={(answer) => update(current, { answer })} />
          <div className="mt-6 flex flex-wrap items-center gap-4 border-t border-nhs-grey-4 pt-4">
            <label className="flex items-center gap-2">
              <input type="checkbox" className="h-6 w-6" checked={a?.flagged ?? false} onChange={(e) => update(current, { flagged: e.target.checked })} />
              Flag this question to review later
            </label>
            <div className="ml-auto flex gap-2">
              <button type="button" className="border-2 border-nhs-blue px-4 py-2 font-bold text-nhs-blue disabled:opacity-40" disabled={current === 0} onClick={() => open(current - 1)}>
                Previous
              </button>
              <button type="button" className="border-2 border-nhs-blue px-4 py-2 font-bold text-nhs-blue disabled:opacity-40" disabled={current === paper.items.length - 1} onClick={() => open(current + 1)}>
                Next
              </button>
            </div>
          </div>
        </section>
        <nav aria-label="Questions in this paper" className="self-start bg-white p-4 lg:sticky lg:top-16 lg:col-start-1 lg:row-start-1">
          {/* On a phone the list folds away under one button; from lg up it is always shown beside the question. */}
          <button
            type="button"
            aria-expanded={listOpen}
            aria-controls="question-list"
            onClick={() => setListOpen(!listOpen)}
            className="w-full border-2 border-nhs-blue px-3 py-2 text-left font-bold text-nhs-blue lg:hidden"
          >
            {listOpen ? 'Hide the list of questions' : 'Show all questions'}
            <span className="block text-sm font-normal">
              {paper.items.length - unanswered} of {paper.items.length} answered{flagged ? `, ${flagged} flagged` : ''}
            </span>
          </button>
          <div id="question-list" className={`${listOpen ? 'mt-3 block' : 'hidden'} lg:mt-0 lg:block`}>
          {paper.sections.map((s) => (
            <div key={s.id} className="mb-3">
              <h2 className="mb-1 text-sm font-bold">{s.title}</h2>
              <ol className="flex flex-wrap gap-1">
                {paper.items
                  .filter((i) => i.sectionId === s.id)
                  .map((i) => {
                    const ans = answers.get(i.index);
                    const done = isAnswered(i.kind, ans?.answer);
                    return (
                      <li key={i.index}>
                        <button
                          type="button"
                          onClick={() => open(i.index)}
                          aria-current={i.index === current ? 'step' : undefined}
                          aria-label={`Question ${i.index + 1}${done ? ', answered' : ', not answered'}${ans?.flagged ? ', flagged for review' : ''}`}
                          className={`relative h-10 w-10 border-2 text-sm font-bold ${i.index === current ? 'border-nhs-black' : 'border-nhs-grey-4'} ${done ? 'bg-nhs-blue text-white' : 'bg-white text-nhs-black'}`}
                        >
                          {i.index + 1}
                          {ans?.flagged && <span aria-hidden className="absolute -right-1 -top-1 text-xs text-nhs-red">⚑</span>}
                        </button>
                      </li>
                    );
                  })}
              </ol>
            </div>
          ))}
          <p className="mt-2 text-sm text-nhs-grey-1">
            {paper.items.length - unanswered} of {paper.items.length} answered{flagged ? `, ${flagged} flagged` : ''}.
          </p>
          {paper.extraTimePercent > 0 && <p className="mt-1 text-sm text-nhs-grey-1">Includes {paper.extraTimePercent}% extra time.</p>}
          </div>
        </nav>
      </div>

      <section aria-labelledby="submit-heading" className="bg-white p-5">
        <h2 id="submit-heading" className="mb-2 text-xl font-bold">
          Finish
        </h2>
        {!confirming ? (
          <button type="button" onClick={() => setConfirming(true)} className="bg-nhs-green px-5 py-3 text-lg font-bold text-white shadow-[0_4px_0_#00401e]">
            Submit paper
          </button>
        ) : (
          <div role="group" aria-labelledby="confirm-text" className="space-y-3 border-l-8 border-nhs-warm-yellow pl-4">
            <p id="confirm-text" className="font-bold">
              {unanswered ? `${unanswered} question${unanswered === 1 ? ' is' : 's are'} not answered. ` : 'Every question is answered. '}
              {flagged ? `${flagged} flagged for review. ` : ''}Once submitted, no answer can change.
            </p>
            <div className="flex gap-3">
              <button type="button" onClick={finish} disabled={submitting} className="inline-flex items-center gap-2 bg-nhs-green px-5 py-3 font-bold text-white disabled:opacity-70">
                {submitting && <span aria-hidden className="h-4 w-4 animate-spin rounded-full border-2 border-white border-t-transparent" />}
                Yes, submit now
              </button>
              <button type="button" onClick={() => setConfirming(false)} className="border-2 border-nhs-blue px-5 py-3 font-bold text-nhs-blue">
                Keep working
              </button>
            </div>
          </div>
        )}
      </section>
    </div>
  );
}

function SaveStatus({ state }: { state: SyncState }) {
  const time = (d: Date) => d.toLocaleTimeString('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  let text: string;
  let bad = false;
  switch (state.kind) {
    case 'saving':
      text = 'Saving…';
      break;
    case 'idle':
      text = state.savedAt ? `All answers saved at ${time(state.savedAt)}` : 'Answers are saved as you go';
      break;
    case 'offline':
      text = state.message;
      bad = true;
      break;
    case 'refused':
      text = `Question ${state.item + 1} not saved: ${state.message}`;
      bad = true;
      break;
    case 'closed':
      text = state.message;
      bad = true;
      break;
  }
  return (
    <p role="status" className={`text-sm ${bad ? 'font-bold text-nhs-red' : 'text-nhs-grey-1'}`}>
      {text}
    </p>
  );
}

function ItemBody({ item, answer, onAnswer }: { item: PaperItem; answer: unknown; onAnswer: (a: unknown) => void }) {
  if (item.kind === 'coding') {
    const coding = (answer as { diagnoses: string[]; procedures: string[] } | null) ?? { diagnoses: [], procedures: [] };
    return (
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <article aria-label="Case notes" className="border border-nhs-grey-4 p-4" tabIndex={0}>
          <h3 className="mb-1 text-lg font-bold">{item.title}</h3>
          <p className="mb-3 text-sm text-nhs-grey-1">Synthetic record: no real patient.</p>
          {[...Object.keys(NOTE_HEADINGS), ...Object.keys(item.notes).filter((k) => !(k in NOTE_HEADINGS))]
            .filter((k) => item.notes[k])
            .map((k) => (
              <section key={k} className="mb-3">
                <h4 className="font-bold">{NOTE_HEADINGS[k] ?? k}</h4>
                <p className="whitespace-pre-line">{item.notes[k]}</p>
              </section>
            ))}
        </article>
        <div className="space-y-6 self-start xl:sticky xl:top-20" key={item.index}>
          <CodeListEditor label="Diagnoses (ICD-10)" scheme="icd10" codes={coding.diagnoses} onChange={(diagnoses) => onAnswer({ ...coding, diagnoses })} hint="The first is the primary diagnosis." />
          <CodeListEditor label="Procedures (OPCS-4)" scheme="opcs4" codes={coding.procedures} onChange={(procedures) => onAnswer({ ...coding, procedures })} hint="The first is the primary procedure." />
        </div>
      </div>
    );
  }
  if (item.kind === 'theory') {
    if (item.type === 'code')
      return (
        <div key={item.index}>
          <label htmlFor={`q-${item.index}`} className="mb-2 block text-lg">
            {item.stem}
          </label>
          <p className="mb-2 text-sm text-nhs-grey-1">Type one {item.classification === 'opcs4' ? 'OPCS-4' : 'ICD-10'} code.</p>
          <input id={`q-${item.index}`} className="w-40 border-2 border-nhs-black px-2 py-1 font-mono uppercase" value={typeof answer === 'string' ? answer : ''} onChange={(e) => onAnswer(e.target.value)} autoComplete="off" spellCheck={false} />
        </div>
      );
    const chosen = Array.isArray(answer) ? (answer as number[]) : [];
    return (
      <fieldset key={item.index}>
        <legend className="mb-3 text-lg">
          {item.stem}
          {item.type === 'multiple' && <span className="block text-sm text-nhs-grey-1">Select all that apply.</span>}
        </legend>
        <div className="space-y-2">
          {item.options!.map((o, i) => (
            <label key={i} className="flex items-start gap-3">
              <input
                type={item.type === 'single' ? 'radio' : 'checkbox'}
                name={`q-${item.index}`}
                className="mt-1 h-6 w-6 shrink-0"
                checked={chosen.includes(i)}
                onChange={(e) => onAnswer(item.type === 'single' ? [i] : e.target.checked ? [...chosen, i].sort() : chosen.filter((c) => c !== i))}
              />
              <span>{o}</span>
            </label>
          ))}
        </div>
      </fieldset>
    );
  }
  const text = (answer as { text: string } | null)?.text ?? '';
  return (
    <div key={item.index}>
      <label htmlFor={`w-${item.index}`} className="mb-2 block whitespace-pre-line text-lg">
        {item.prompt}
      </label>
      <p id={`w-${item.index}-hint`} className="mb-2 text-sm text-nhs-grey-1">
        {item.marks} marks. Marked by your trainer. Never include patient identifiers.
      </p>
      <textarea id={`w-${item.index}`} aria-describedby={`w-${item.index}-hint`} rows={12} className="w-full border-2 border-nhs-black p-2" value={text} maxLength={20_000} onChange={(e) => onAnswer({ text: e.target.value })} />
      <p className="text-sm text-nhs-grey-1">{text.length.toLocaleString('en-GB')} of 20,000 characters</p>
    </div>
  );
}
