import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getAttemptPaper, getAttemptResult } from '@/lib/dal';
import { orNotFound, requireViewer } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { FocusOnArrival } from '@/components/focus-on-arrival';
import { AttemptResultView } from '@/components/assessments/attempt-result';
import { formatDateTime } from '@/lib/format';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ submitted?: string }> };

// The title and the page read the same result: once per request. An apprentice's paper still in
// progress is sent to exam mode instead (getAttemptPaper submits it first if its deadline has passed).
const resultOf = cache(async (id: string) => {
  const viewer = await requireViewer();
  if (viewer.role === 'apprentice') {
    const paper = await orNotFound(getAttemptPaper(viewer, id));
    if (paper.status === 'in_progress') redirect(`/assessments/${paper.id}/sit`);
  }
  return { viewer, r: await orNotFound(getAttemptResult(viewer, id)) };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { r } = await resultOf((await params).id);
  return { title: 'items' in r && r.result ? `Result: ${r.title}` : r.title };
}

/**
 * An attempt's result, to its apprentice and their trainer. While it is in progress the apprentice is
 * sent to /assessments/<id>/sit, where the paper is sat in exam mode; once it is submitted (by them or
 * by the server at the deadline) this address shows the result.
 */
export default async function AttemptPage({ params, searchParams }: Props) {
  const [{ id }, { submitted }] = await Promise.all([params, searchParams]);
  const { viewer, r } = await resultOf(id);
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
