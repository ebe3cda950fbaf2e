import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { getProgressReview } from '@/lib/dal';
import { orNotFound, requireViewer } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { ReviewDetail } from '@/components/reviews/review-detail';
import { ReviewStatus } from '@/components/reviews/review-status';
import { SignReviewForm } from '@/components/reviews/sign-review-form';
import { formatDate } from '@/lib/format';
import { CommentsPanel } from '@/components/conversations/comments-panel';
import { signReviewAction } from '../actions';

// One read for the page and its <title>; out of reach is the same 404 in both.
const load = cache(async (id: string) => {
  const viewer = await requireViewer();
  return { viewer, r: await orNotFound(getProgressReview(viewer, id)) };
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { r } = await load((await params).id);
  return { title: `Progress review: ${r.apprenticeName}, ${formatDate(r.reviewDate)}` };
}

export default async function ReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { viewer, r } = await load(id);
  const back = viewer.role === 'apprentice' ? { href: '/apprentice/progress', text: 'My progress' } : { href: `/apprenticeships/${r.apprenticeshipId}/reviews`, text: `Progress reviews: ${r.apprenticeName}` };
  return (
    <>
      <p className="mb-4">
        <Link href={back.href}>← {back.text}</Link>
      </p>
      <PageHeader title={`Progress review of ${formatDate(r.reviewDate)}`} lead={`${r.apprenticeName} · ${r.employerName} · recorded by ${r.trainerName}`}>
        <ReviewStatus r={r} />
      </PageHeader>
      {r.mySide && (
        <section aria-labelledby="sign-heading" className="mb-6 border-l-8 border-nhs-warm-yellow bg-white p-5">
          <h2 id="sign-heading" className="mb-2 text-xl font-bold">
            Your signature
          </h2>
          <SignReviewForm id={r.id} rowVersion={r.rowVersion} side={r.mySide} action={signReviewAction} />
        </section>
      )}
      {r.final && (
        <p className="mb-6 border-l-8 border-nhs-green bg-white p-4">
          <strong>Signed by the trainer, the apprentice and the employer. A signed review cannot be changed.</strong>{' '}
          <a href={`/api/reviews/${r.id}/pdf`} download>
            Download as PDF
          </a>
        </p>
      )}
      <ReviewDetail r={r} />
      <CommentsPanel viewer={viewer} subject={{ type: 'review', id: r.id }} intro="The apprentice, their trainer and their employer can read and add to these." />
    </>
  );
}
