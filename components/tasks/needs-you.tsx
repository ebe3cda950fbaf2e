import Link from 'next/link';
import type { Task, TaskKind } from '@/lib/tasks/rules';
import { formatDate, formatDateTime } from '@/lib/format';
import { StatusTag } from '@/components/status-tag';

/** How a count of each kind reads above the list ("3 pieces of evidence to mark"). */
const KIND_COUNT: Record<TaskKind, [string, string]> = {
  evidence_referred: ['piece referred back', 'pieces referred back'],
  review_to_sign: ['review to sign', 'reviews to sign'],
  witness_waiting: ['witness statement awaited', 'witness statements awaited'],
  witness_returned: ['witness statement returned', 'witness statements returned'],
  paper_in_progress: ['paper in progress', 'papers in progress'],
  paper_open: ['paper open to sit', 'papers open to sit'],
  paper_scheduled: ['paper scheduled', 'papers scheduled'],
  otj_behind: ['off-the-job log behind plan', 'off-the-job logs behind plan'],
  gateway_missing: ['gateway checklist', 'gateway checklists'],
  next_review: ['next review', 'next reviews'],
  evidence_to_mark: ['piece of evidence to mark', 'pieces of evidence to mark'],
  written_to_mark: ['paper with written answers to mark', 'papers with written answers to mark'],
  query_to_mark: ['clinical query to mark', 'clinical queries to mark'],
  otj_to_review: ['off-the-job log to review', 'off-the-job logs to review'],
  review_overdue: ['review overdue', 'reviews overdue'],
  review_due: ['review due soon', 'reviews due soon'],
  gateway_to_confirm: ['gateway to confirm', 'gateways to confirm'],
  no_activity: ['apprentice with no activity', 'apprentices with no activity'],
  signatures_outstanding: ['review waiting for signatures', 'reviews waiting for signatures'],
  witness_to_sign: ['witness statement to give', 'witness statements to give'],
  at_red: ['apprentice at red', 'apprentices at red'],
  account_locked: ['locked account', 'locked accounts'],
  never_signed_in: ['person who never signed in', 'people who never signed in'],
  no_trainer: ['apprenticeship with no trainer', 'apprenticeships with no trainer'],
  failed_jobs: ['queue with failed jobs', 'queues with failed jobs'],
  // issue 20: initial assessment
  initial_assessment: ['initial assessment to complete', 'initial assessments to complete'],
  initial_assessment_to_confirm: ['initial assessment to confirm', 'initial assessments to confirm'],
  plan_to_sign: ['training plan to sign', 'training plans to sign'], // issue 20: training plan
};

/** Shown at once; the next MORE behind "Show … more" so that a long list does not push the page away. */
const SHOWN = 10;
/**
 * Beyond SHOWN + MORE the tasks are counted, not drawn: each kind has a page listing every one of them
 * (a trainer with 200 apprentices can have hundreds waiting; drawing them all cost the home page more than
 * reading them: bench:tasks).
 */
const MORE = 40;
const KIND_PAGE: Partial<Record<TaskKind, { href: string; label: string }>> = {
  evidence_to_mark: { href: '/trainer/marking', label: 'Marking' },
  written_to_mark: { href: '/trainer/marking', label: 'Marking' },
  query_to_mark: { href: '/trainer/queries', label: 'Clinical queries to mark' },
  otj_to_review: { href: '/trainer/marking', label: 'Marking' },
  review_overdue: { href: '/trainer/progress', label: 'Cohort progress' },
  review_due: { href: '/trainer/progress', label: 'Cohort progress' },
  no_activity: { href: '/trainer/progress', label: 'Cohort progress' },
  at_red: { href: '/employer/progress', label: 'Progress' },
  witness_to_sign: { href: '/employer/witness', label: 'Witness statements' },
  never_signed_in: { href: '/admin/users', label: 'Users' },
  account_locked: { href: '/admin/users', label: 'Users' },
  no_trainer: { href: '/admin/apprentices', label: 'Apprentices' },
  failed_jobs: { href: '/admin/jobs', label: 'Jobs' },
  evidence_referred: { href: '/apprentice/evidence', label: 'Portfolio' },
};

const whenText = (w: Task['when']) => {
  const at = w.at.length === 10 ? formatDate(w.at) : formatDateTime(new Date(w.at));
  return w.type === 'since' ? `Since ${at}` : w.type === 'closes' ? `Closes ${at}` : w.type === 'as_of' ? `As of ${at}` : `Due ${at}`;
};

function TaskItem({ task, n }: { task: Task; n: number }) {
  const id = `task-${n}`;
  return (
    <li className="flex flex-col gap-1 py-3 sm:flex-row sm:items-baseline sm:gap-4">
      <span className="min-w-0 flex-1">
        <Link href={task.href} className="font-bold break-words" aria-describedby={task.who ? `${id}-who ${id}-when` : `${id}-when`}>
          {task.title}
        </Link>
        {task.who && (
          <span id={`${id}-who`} className="block text-nhs-grey-1">
            {task.who}
          </span>
        )}
        {task.detail && <span className="block text-sm text-nhs-grey-1">{task.detail}</span>}
      </span>
      <span id={`${id}-when`} className="shrink-0">
        <StatusTag tone={task.urgent ? 'red' : task.when.type === 'since' || task.when.type === 'as_of' ? 'grey' : 'yellow'}>{whenText(task.when)}</StatusTag>
      </span>
    </li>
  );
}

/**
 * "Needs you": the first thing on every home page (issue 17). A heading with the number of tasks, the
 * counts by kind, then each task as a link to the record's own page, oldest first.
 */
export function NeedsYou({ tasks, counts }: { tasks: Task[]; counts: Partial<Record<TaskKind, number>> }) {
  const shown = tasks.slice(0, SHOWN);
  const rest = tasks.slice(SHOWN, SHOWN + MORE);
  const hidden = tasks.slice(SHOWN + MORE);
  const pages = [...new Map(hidden.flatMap((t) => (KIND_PAGE[t.kind] ? [[KIND_PAGE[t.kind]!.href, KIND_PAGE[t.kind]!] as const] : []))).values()];
  const kinds = (Object.keys(counts) as TaskKind[]).sort((a, b) => counts[b]! - counts[a]! || a.localeCompare(b));
  return (
    <section aria-labelledby="needs-you-heading" className="mb-8 border-l-8 border-nhs-blue bg-white p-4 sm:p-5">
      <h2 id="needs-you-heading" className="text-2xl font-bold">
        Needs you{' '}
        <span className="text-lg font-normal text-nhs-grey-1">
          ({tasks.length} {tasks.length === 1 ? 'task' : 'tasks'})
        </span>
      </h2>
      {tasks.length === 0 ? (
        <p className="mt-2 text-nhs-grey-1">Nothing needs you today.</p>
      ) : (
        <>
          <ul aria-label="Counts" className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-nhs-grey-1">
            {kinds.map((k) => (
              <li key={k}>
                <strong className="text-nhs-black">{counts[k]}</strong> {KIND_COUNT[k][counts[k] === 1 ? 0 : 1]}
              </li>
            ))}
          </ul>
          <ol aria-label="Tasks, oldest first" className="mt-2 divide-y divide-nhs-grey-4">
            {shown.map((t, i) => (
              <TaskItem key={t.key} task={t} n={i} />
            ))}
          </ol>
          {rest.length > 0 && (
            <details className="mt-2">
              <summary className="cursor-pointer font-bold text-nhs-blue underline">Show {rest.length} more</summary>
              <ol aria-label="More tasks" className="divide-y divide-nhs-grey-4" start={SHOWN + 1}>
                {rest.map((t, i) => (
                  <TaskItem key={t.key} task={t} n={SHOWN + i} />
                ))}
              </ol>
            </details>
          )}
          {hidden.length > 0 && (
            <p className="mt-2 text-nhs-grey-1">
              And {hidden.length} more, counted above
              {pages.length > 0 && (
                <>
                  : see{' '}
                  {pages.map((p, i) => (
                    <span key={p.href}>
                      {i > 0 && (i === pages.length - 1 ? ' and ' : ', ')}
                      <Link href={p.href}>{p.label}</Link>
                    </span>
                  ))}
                </>
              )}
              .
            </p>
          )}
        </>
      )}
    </section>
  );
}

/** A new starter's first steps, instead of a list of 59 items not met yet. */
export function StartHere({ steps }: { steps: { key: string; title: string; detail: string; href: string; done: boolean }[] }) {
  return (
    <section aria-labelledby="start-here-heading" className="mb-8 border-l-8 border-nhs-green bg-white p-4 sm:p-5">
      <h2 id="start-here-heading" className="text-2xl font-bold">
        Start here
      </h2>
      <p className="mt-1 mb-3 max-w-3xl text-nhs-grey-1">New to the apprenticeship? Take these first steps, in any order. Your map of the standard fills in as your trainer accepts your evidence.</p>
      <ol className="list-decimal space-y-3 pl-6">
        {steps.map((s) => (
          <li key={s.key}>
            <Link href={s.href} className="font-bold">
              {s.title}
            </Link>
            {s.done && (
              <>
                {' '}
                <StatusTag tone="green">Done</StatusTag>
              </>
            )}
            <span className="block text-nhs-grey-1">{s.detail}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
