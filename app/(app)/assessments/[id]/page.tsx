import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getAttemptPaper, getAttemptResult } from '@/lib/dal';
import { orNotFound, requireViewer } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { FocusOnArrival } from '@/components/focus-on-arrival';
import { AttemptResultView } from '@/components/assessments/attempt-result';
import { formatDateTime } from '@/lib/format';

export const metadata: Metadata = { title: 'Mock assessment' };

/**
 * An attempt's result, to its apprentice and their trainer. While it is in progress the apprentice is
 * sent to /assessments/<id>/sit, where the paper is sat in exam mode; once it is submitted (by them or
 * by the server at the deadline) this address shows the result.
 */
export default async function AttemptPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ submitted?: string }> }) {
  const viewer = await requireViewer();
  const [{ id }, { submitted }] = await Promise.all([params, searchParams]);
  if (viewer.role === 'apprentice') {
    const paper = await orNotFound(getAttemptPaper(viewer, id));
    // A paper in progress is sat in exam mode, with no site navigation (app/(exam)).
    if (paper.status === 'in_progress') redirect(`/assessments/${paper.id}/sit`);
  }
  const r = await orNotFound(getAttemptResult(viewer, id));
  const back = viewer.role === 'apprentice' ? { href: '/apprentice/assessments', label: 'Mock assessments' } : { href: '/trainer/assessments', label: 'Mock assessments' };
  return (
    <>
      <p className="mb-4">
        <Link href={back.href}>← {back.label}</Link>
      </p>
      {submitted && <FocusOnArrival targetId="attempt-title" forget="submitted" />}
      <PageHeader headingId="attempt-title" title={r.title} lead={viewer.role === 'apprentice' ? undefined : `${r.apprenticeName}${r.extraTimePercent ? ` · ${r.extraTimePercent}% extra time` : ''}`} />
      {'items' in r && r.result ? (
        <AttemptResultView r={r} canMark={viewer.role === 'trainer'} practiseLinks={viewer.role === 'apprentice'} />
      ) : (
        <p className="bg-white p-4">In progress: started {formatDateTime(r.startedAt)}, ends {formatDateTime(r.deadline)}. The result shows here once it is submitted.</p>
      )}
    </>
  );
}
