import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { listMyAssessments } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { FocusOnArrival } from '@/components/focus-on-arrival';
import { minutesWithExtraTime } from '@/lib/assessments/deadline';
import { formatDateTime, formatMinutes } from '@/lib/format';
import { startAssessmentAction } from '../../../assessments/actions';

type Props = { searchParams: Promise<{ paper?: string | string[]; sitting?: string | string[] }> };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

// The title and the page read the same list: once per request.
const mineOf = cache(async () => listMyAssessments(await requireRole('apprentice')));
function choose(mine: Awaited<ReturnType<typeof listMyAssessments>>, key: string | undefined, sittingId: string | undefined) {
  const sitting = sittingId ? mine.sittings.find((s) => s.id === sittingId) : undefined;
  const practice = !sittingId && key ? mine.practice.find((b) => b.key === key) : undefined;
  return { sitting, practice };
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { paper, sitting } = await searchParams;
  const c = choose(await mineOf(), one(paper), one(sitting));
  const title = (c.sitting ?? c.practice)?.title;
  return { title: title ? `Start ${title}?` : 'Start a mock paper' };
}

/**
 * The step before a timed paper starts: what it is, how long it lasts, how many questions, that the
 * timer keeps running once started and what happens at the end. Only this page's form sends the
 * confirmation the start action requires. A paper already in progress opens again without it.
 */
export default async function StartPaperPage({ searchParams }: Props) {
  const { paper: key, sitting: sittingId } = await searchParams;
  const mine = await mineOf();
  const { sitting, practice } = choose(mine, one(key), one(sittingId));
  const chosen = sitting ?? practice;
  if (!chosen) redirect(`/apprentice/assessments?problem=${encodeURIComponent('That paper is not one you can start. Choose a paper from the list.')}`);

  const resuming = mine.attempts.find((a) => a.status === 'in_progress' && a.blueprintKey === (sitting?.blueprintKey ?? practice?.key) && (a.sittingId ?? null) === (sitting?.id ?? null));
  if (resuming) redirect(`/assessments/${resuming.id}/sit`);

  const minutes = minutesWithExtraTime(chosen.minutes, mine.extraTimePercent);
  const notYetOpen = sitting && !sitting.open;
  return (
    <>
      <FocusOnArrival targetId="start-title" />
      <p className="mb-4">
        <Link href="/apprentice/assessments">← Mock assessments</Link>
      </p>
      <PageHeader headingId="start-title" title={`Start ${chosen.title}?`} />
      <section aria-labelledby="about-heading" className="mb-6 max-w-3xl bg-white p-5">
        <h2 id="about-heading" className="mb-3 text-xl font-bold">
          About this paper
        </h2>
        <dl className="mb-4 grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[12rem_1fr]">
          <dt className="font-bold">Paper</dt>
          <dd>{chosen.title}</dd>
          <dt className="font-bold">Time allowed</dt>
          <dd>
            {formatMinutes(minutes)} ({minutes} minutes){mine.extraTimePercent ? `, including your ${mine.extraTimePercent}% extra time` : ''}
          </dd>
          <dt className="font-bold">Questions</dt>
          <dd>{chosen.items}</dd>
          {practice && (
            <>
              <dt className="font-bold">To pass</dt>
              <dd>{practice.boundaries.pass}% or more</dd>
            </>
          )}
          {sitting && (
            <>
              <dt className="font-bold">Scheduled by your trainer</dt>
              <dd>
                Open {formatDateTime(sitting.opensAt)} to {formatDateTime(sitting.closesAt)}
              </dd>
            </>
          )}
        </dl>
        <p>{chosen.description}</p>
      </section>
      <section aria-labelledby="before-heading" className="mb-6 max-w-3xl border-l-8 border-nhs-warm-yellow bg-white p-5">
        <h2 id="before-heading" className="mb-3 text-xl font-bold">
          Before you start
        </h2>
        <ul className="list-disc space-y-2 pl-5">
          <li>The timer starts as soon as you press “Start the paper” and runs on the server: it keeps running if you leave the page, close the browser or lose your connection.</li>
          <li>While you sit the paper the page shows only the paper: its timer, the list of questions and the question you are on. You can leave at any time; your answers are saved as you go.</li>
          <li>When the time is up, the paper is submitted as it stands and marked. You can also submit it yourself before then. Written answers are marked by your trainer.</li>
        </ul>
      </section>
      {notYetOpen ? (
        <p className="bg-white p-4 font-bold">This paper opens at {formatDateTime(sitting.opensAt)}. Come back then to start it.</p>
      ) : (
        <form action={startAssessmentAction} className="flex flex-wrap items-center gap-6">
          {sitting ? <input type="hidden" name="sittingId" value={sitting.id} /> : <input type="hidden" name="blueprintKey" value={practice!.key} />}
          <input type="hidden" name="confirm" value="yes" />
          <button type="submit" className="bg-nhs-green px-5 py-3 text-lg font-bold text-white shadow-[0_4px_0_#00401e]">
            Start the paper
          </button>
          <Link href="/apprentice/assessments" className="font-bold">
            Not now
          </Link>
        </form>
      )}
    </>
  );
}
