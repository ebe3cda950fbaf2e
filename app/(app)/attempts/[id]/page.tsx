import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { CommentsPanel } from '@/components/conversations/comments-panel';
import { getAttempt } from '@/lib/dal';
import { orNotFound, requireViewer } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { AttemptResult, HowMarked } from '@/components/coding/attempt-result';
import { formatDateTime } from '@/lib/format';
import { FourStepTable } from '@/components/coding/four-step-table';

// One read for the page and its <title>; out of reach is the same 404 in both.
const load = cache(async (id: string) => {
  const viewer = await requireViewer();
  return { viewer, a: await orNotFound(getAttempt(viewer, id)) };
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { a } = await load((await params).id);
  return { title: `Marked attempt: ${a.caseTitle}` };
}

export default async function AttemptPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { viewer, a } = await load(id);
  const own = viewer.userId === a.apprenticeId;
  return (
    <>
      <p className="mb-4">
        {own ? <Link href={`/apprentice/cases/${a.caseId}`}>← Back to the case</Link> : <Link href="/">← Back</Link>}
      </p>
      <PageHeader title={a.caseTitle} lead={`${own ? 'Your attempt' : `${a.apprenticeName}'s attempt`}, ${formatDateTime(a.createdAt)}. Marked as the national clinical coding audit marks an episode.`}>
        {own && (
          <Link href={`/apprentice/cases/${a.caseId}`} className="bg-nhs-blue px-4 py-2 font-bold text-white no-underline hover:bg-nhs-dark-blue hover:text-white">
            Try again
          </Link>
        )}
      </PageHeader>
      {a.marks.length > 1 && (
        <p className="mb-4 border-l-4 border-nhs-warm-yellow bg-white p-3">
          Re-marked under {a.markedUnder.icd10} and {a.markedUnder.opcs4}. First marked under {a.marks[0]!.markedUnder.icd10} and {a.marks[0]!.markedUnder.opcs4}: see every mark below.
        </p>
      )}
      <AttemptResult answer={a.answer} result={a.result} expected={a.expected} codes={a.codes} />
      {a.fourStep?.length ? <FourStepTable steps={a.fourStep} own={own} /> : null}
      <HowMarked markedUnder={a.markedUnder} rules={a.rules} marks={a.marks} />
      <CommentsPanel viewer={viewer} subject={{ type: 'attempt', id: a.id }} intro="Between the apprentice and their trainer: employers do not see coding practice." />
    </>
  );
}
