import type { Metadata } from 'next';
import Link from 'next/link';
import { listMyAssessments } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { DataTable } from '@/components/data-table';
import { GradeTag, formatPercent } from '@/components/assessments/grade-tag';
import { BLUEPRINT_KINDS, SECTION_KINDS, type BlueprintKind } from '@/lib/content/assessment';
import { formatDateTime, formatMinutes } from '@/lib/format';

export const metadata: Metadata = { title: 'Mock assessments' };


export default async function MyAssessmentsPage({ searchParams }: { searchParams: Promise<{ problem?: string }> }) {
  const viewer = await requireRole('apprentice');
  const { problem } = await searchParams;
  const mine = await listMyAssessments(viewer);
  const inProgress = mine.attempts.filter((a) => a.status === 'in_progress');
  const startButton = 'inline-block bg-nhs-green px-4 py-2 font-bold text-white no-underline shadow-[0_4px_0_#00401e] hover:text-white';
  return (
    <>
      <PageHeader
        title="Mock assessments"
        lead={`Timed practice papers marked the way the real ones are. The clock runs on the server: once started, a paper ends at its deadline even if you close the page.${mine.extraTimePercent ? ` Your papers include ${mine.extraTimePercent}% extra time.` : ''}`}
      />
      {problem && (
        <div role="alert" className="mb-6 border-4 border-nhs-red bg-white p-4 font-bold text-nhs-red">
          {problem}
        </div>
      )}
      {inProgress.length > 0 && (
        <section aria-labelledby="resume-heading" className="mb-8 border-l-8 border-nhs-warm-yellow bg-white p-5">
          <h2 id="resume-heading" className="mb-2 text-xl font-bold">
            In progress
          </h2>
          <ul className="space-y-2">
            {inProgress.map((a) => (
              <li key={a.id}>
                <Link href={`/assessments/${a.id}/sit`} className="font-bold">
                  Resume {a.title}
                </Link>{' '}
                <span className="text-nhs-grey-1">— ends {formatDateTime(a.deadline)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {mine.sittings.length > 0 && (
        <section aria-labelledby="scheduled-heading" className="mb-8">
          <h2 id="scheduled-heading" className="mb-3 text-2xl font-bold">
            Scheduled by your trainer
          </h2>
          <ul className="space-y-3">
            {mine.sittings.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 bg-white p-4">
                <div>
                  <p className="font-bold">{s.title}</p>
                  <p className="text-sm text-nhs-grey-1">
                    {formatMinutes(s.minutes)} · open {formatDateTime(s.opensAt)} to {formatDateTime(s.closesAt)}
                  </p>
                </div>
                {s.open ? (
                  <Link href={`/apprentice/assessments/start?sitting=${s.id}`} className={startButton}>
                    Start <span className="sr-only">{s.title}, scheduled by your trainer</span>
                  </Link>
                ) : (
                  <p className="text-sm">Opens {formatDateTime(s.opensAt)}</p>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="practice-heading" className="mb-8">
        <h2 id="practice-heading" className="mb-3 text-2xl font-bold">
          Practice papers
        </h2>
        <p className="mb-3 text-nhs-grey-1">Start any of these on your own, whenever you like. One attempt of a paper can be in progress at a time.</p>
        <ul className="grid grid-cols-1 gap-4 md:grid-cols-2">
          {mine.practice.map((b) => (
            <li key={b.key} className="flex flex-col bg-white p-5">
              <h3 className="text-lg font-bold">{b.title}</h3>
              <p className="mb-2 text-sm text-nhs-grey-1">
                {BLUEPRINT_KINDS[b.kind as BlueprintKind] ?? b.kind} · {formatMinutes(b.minutes)} · {b.items} items · pass {b.boundaries.pass}%
              </p>
              <p className="mb-3">{b.description}</p>
              <ul className="mb-4 list-disc pl-5 text-sm">
                {b.sections.map((s) => (
                  <li key={s.id}>
                    {s.title}: {s.draw} {SECTION_KINDS[s.kind].toLowerCase()} ({formatMinutes(s.minutes)})
                  </li>
                ))}
              </ul>
              {(() => {
                // Starting asks first (how long it lasts, what happens at the end); resuming goes straight back to the paper.
                const open = inProgress.find((a) => a.blueprintKey === b.key && !a.sittingId);
                return (
                  <Link href={open ? `/assessments/${open.id}/sit` : `/apprentice/assessments/start?paper=${encodeURIComponent(b.key)}`} className={`mt-auto self-start ${startButton}`}>
                    {open ? 'Resume' : 'Start'} <span className="sr-only">{b.title}</span>
                  </Link>
                );
              })()}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="results-heading">
        <h2 id="results-heading" className="mb-3 text-2xl font-bold">
          Your attempts
        </h2>
        {mine.attempts.length === 0 ? (
          <p className="bg-white p-4 text-nhs-grey-1">You have not sat a mock paper yet.</p>
        ) : (
          <DataTable caption="Your mock assessment attempts, newest first" head={['Paper', 'Started', 'Submitted', 'Result', 'Score']}>
            {mine.attempts.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link href={`/assessments/${a.id}`} className="font-bold">
                    {a.title}
                  </Link>
                </td>
                <td className="whitespace-nowrap">{formatDateTime(a.startedAt)}</td>
                <td className="whitespace-nowrap">{a.submittedAt ? `${formatDateTime(a.submittedAt)}${a.submittedBy === 'deadline' ? ' (at the deadline)' : ''}` : '—'}</td>
                <td>
                  <GradeTag grade={a.grade} status={a.status} />
                </td>
                <td>{formatPercent(a.percent)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </>
  );
}
