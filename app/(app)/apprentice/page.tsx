import type { Metadata } from 'next';
import Link from 'next/link';
import { getLearningStatus, getOwnApprenticeship, getStandard, listMetKsbs, listTasks } from '@/lib/dal';
import { orNotFound, requireRole } from '@/lib/dal/session';
import { BreakNotice } from '@/components/funding/break-notice';
import { PageHeader } from '@/components/app-shell';
import { ApprenticeshipSummary } from '@/components/apprenticeship-summary';
import { KsbList } from '@/components/ksb-list';
import { StatusTag } from '@/components/status-tag';
import { NeedsYou, StartHere } from '@/components/tasks/needs-you';

export const metadata: Metadata = { title: 'My apprenticeship' };

export default async function ApprenticeHome() {
  const viewer = await requireRole('apprentice');
  const [apprenticeship, standard, met, needs] = await Promise.all([getOwnApprenticeship(viewer), getStandard(viewer), listMetKsbs(viewer, viewer.userId), listTasks(viewer)]);
  // issue 20: the planned end moved by breaks in learning, and the notice during one.
  const status = apprenticeship ? await orNotFound(getLearningStatus(viewer, apprenticeship.id)) : null;
  const metBy = new Map<string, string>();
  for (const m of met) if (!metBy.has(m.ksbCode)) metBy.set(m.ksbCode, m.title);
  return (
    <>
      <PageHeader title="My apprenticeship" lead={`Welcome, ${viewer.name.split(' ')[0]}. Everything you do here is tied to the ${standard.ksbs.length} items of the standard.`} />
      {needs.startHere && <StartHere steps={needs.startHere} />}
      <NeedsYou tasks={needs.tasks} counts={needs.counts} />
      {apprenticeship ? (
        <>
          {status?.breakSince && <BreakNotice since={status.breakSince} />}
          <ApprenticeshipSummary a={{ ...apprenticeship, plannedEndDate: status?.movedPlannedEnd ?? apprenticeship.plannedEndDate }} />
          {/* issue 20: initial assessment (while not submitted, "Needs you" above asks for it too) */}
          <p className="mt-6">
            <Link href="/apprentice/initial-assessment" className="font-bold">
              My initial assessment
            </Link>
          </p>
        </>
      ) : (
        <p className="border-l-8 border-nhs-warm-yellow bg-white p-4">Your apprenticeship has not been recorded yet. Your training provider will add it.</p>
      )}
      {needs.startHere ? (
        // A new starter sees the first steps above, not 59 items all "Not met yet".
        <p className="mt-10 max-w-3xl text-nhs-grey-1">
          The {standard.ksbs.length} knowledge, skills and behaviours are listed in <Link href="/standard">the standard</Link>; your own map of them is in{' '}
          <Link href="/apprentice/progress">My progress</Link> once your trainer starts accepting your evidence.
        </p>
      ) : (
        <>
          <h2 className="mt-10 mb-2 text-2xl font-bold">
            The {standard.ksbs.length} knowledge, skills and behaviours
          </h2>
          <p className="mb-6 max-w-3xl text-nhs-grey-1">
            Met: {metBy.size} of {standard.ksbs.length}. Evidence accepted by your trainer marks each item it judged met.
          </p>
          <KsbList ksbs={standard.ksbs} headingLevel={3} status={(code) => (metBy.has(code) ? <StatusTag tone="green">Met</StatusTag> : <StatusTag tone="grey">Not met yet</StatusTag>)} />
        </>
      )}
    </>
  );
}
