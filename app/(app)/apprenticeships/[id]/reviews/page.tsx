import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { getStandard, listProgressReviews } from '@/lib/dal';
import { orNotFound, requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { StatusTag } from '@/components/status-tag';
import { ReviewForm } from '@/components/reviews/review-form';
import { ReviewList } from '@/components/reviews/review-list';
import { formatDate } from '@/lib/format';
import { recordReviewAction } from '../../../reviews/actions';

type Props = { params: Promise<{ id: string }> };

// One read for the page and its <title>; out of reach is the same 404 in both.
const load = cache(async (id: string) => {
  const viewer = await requireRole('trainer', 'employer', 'admin');
  return { viewer, data: await orNotFound(listProgressReviews(viewer, id, { forReviewForm: viewer.role === 'trainer' })) };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { data } = await load((await params).id);
  return { title: `${data.apprenticeship.apprenticeName}: progress reviews` };
}

export default async function ApprenticeshipReviewsPage({ params }: Props) {
  const { id } = await params;
  const { viewer, data } = await load(id);
  const standard = viewer.role === 'trainer' ? await getStandard(viewer) : null;
  const a = data.apprenticeship;
  return (
    <>
      <p className="mb-4">
        <Link href={`/apprenticeships/${id}/progress`}>← Progress: {a.apprenticeName}</Link>
      </p>
      <PageHeader title={`Progress reviews: ${a.apprenticeName}`} lead={`${a.employerName} · started ${formatDate(a.startDate)}. A tripartite review at least every 12 weeks, signed by the apprentice and the employer.`}>
        {data.daysOverdue > 0 ? <StatusTag tone="red">{`Next review overdue since ${formatDate(data.nextDue)}`}</StatusTag> : <StatusTag tone="blue">{`Next review due ${formatDate(data.nextDue)}`}</StatusTag>}
      </PageHeader>
      <div className="space-y-8">
        <section aria-labelledby="list-heading">
          <h2 id="list-heading" className="mb-2 text-2xl font-bold">
            Reviews
          </h2>
          <ReviewList reviews={data.reviews} caption={`Progress reviews of ${a.apprenticeName}`} />
        </section>
        {standard && data.otjToday && data.since && (
          <section aria-labelledby="record-heading" className="bg-white p-5">
            <h2 id="record-heading" className="mb-4 text-2xl font-bold">
              Record a review
            </h2>
            <ReviewForm apprenticeshipId={a.id} today={data.today} ksbs={standard.ksbs} otjToday={data.otjToday} since={data.since} interval={data.interval} startDate={a.startDate} action={recordReviewAction} />
          </section>
        )}
      </div>
    </>
  );
}
