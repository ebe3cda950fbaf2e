import type { Metadata } from 'next';
import Link from 'next/link';
import { getAttemptPaper, getAttemptResult } from '@/lib/dal';
import { orNotFound, requireViewer } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { Paper } from '@/components/assessments/paper';
import { AttemptResultView } from '@/components/assessments/attempt-result';
import { formatDateTime } from '@/lib/format';
import { submitAssessmentAction } from '../actions';

export const metadata: Metadata = { title: 'Mock assessment' };

/**
 * The apprentice sits their paper here while it is in progress; once submitted (by them or by the
 * server at the deadline) the same address shows the result, to them and to their trainer.
 */
export default async function AttemptPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  const { id } = await params;
  if (viewer.role === 'apprentice') {
    const paper = await orNotFound(getAttemptPaper(viewer, id));
    if (paper.status === 'in_progress')
      return (
        <>
          <PageHeader title={paper.title} lead={`Started ${formatDateTime(paper.startedAt)}. Ends ${formatDateTime(paper.deadline)}, when the server submits the paper as it stands.`} />
          <Paper paper={paper} submit={submitAssessmentAction} />
        </>
      );
  }
  const r = await orNotFound(getAttemptResult(viewer, id));
  const back = viewer.role === 'apprentice' ? { href: '/apprentice/assessments', label: 'Mock assessments' } : { href: '/trainer/assessments', label: 'Mock assessments' };
  return (
    <>
      <p className="mb-4">
        <Link href={back.href}>← {back.label}</Link>
      </p>
      <PageHeader title={r.title} lead={viewer.role === 'apprentice' ? undefined : `${r.apprenticeName}${r.extraTimePercent ? ` · ${r.extraTimePercent}% extra time` : ''}`} />
      {'items' in r && r.result ? (
        <AttemptResultView r={r} canMark={viewer.role === 'trainer'} practiseLinks={viewer.role === 'apprentice'} />
      ) : (
        <p className="bg-white p-4">In progress: started {formatDateTime(r.startedAt)}, ends {formatDateTime(r.deadline)}. The result shows here once it is submitted.</p>
      )}
    </>
  );
}
