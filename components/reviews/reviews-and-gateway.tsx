import Link from 'next/link';
import type { listProgressReviews } from '@/lib/dal';
import type { Viewer } from '@/lib/dal/viewer';
import { formatDate, formatDateTime } from '@/lib/format';
import { confirmGatewayAction } from '@/app/(app)/reviews/actions';
import { GatewayConfirmForm } from './gateway-confirm-form';
import { ReviewList } from './review-list';

/**
 * For a progress page: the latest reviews with a link to them all, and, for the apprentice, the trainer and
 * the employer contact, their confirmation of readiness for gateway (or who gave it and when). The page
 * reads `data` (listProgressReviews) alongside its other data rather than after drawing them.
 */
export function ReviewsAndGateway({ viewer, apprenticeshipId, data }: { viewer: Viewer; apprenticeshipId: string; data: Awaited<ReturnType<typeof listProgressReviews>> }) {
  const role = viewer.role === 'trainer' || viewer.role === 'employer' || viewer.role === 'apprentice' ? viewer.role : null;
  const mine = role && data.confirmations.find((c) => c.role === role);
  return (
    <div className="mt-8 space-y-8">
      <section aria-labelledby="reviews-heading" className="bg-white p-5">
        <h2 id="reviews-heading" className="mb-1 text-2xl font-bold">
          Progress reviews
        </h2>
        <p className="mb-4 text-nhs-grey-1">
          Next review {data.daysOverdue > 0 ? `overdue since ${formatDate(data.nextDue)}` : `due ${formatDate(data.nextDue)}`}.{' '}
          {viewer.role !== 'apprentice' && <Link href={`/apprenticeships/${apprenticeshipId}/reviews`}>{viewer.role === 'trainer' ? 'All reviews, and record a review' : 'All reviews'}</Link>}
        </p>
        <ReviewList reviews={viewer.role === 'apprentice' ? data.reviews : data.reviews.slice(0, 3)} />
      </section>
      <section aria-labelledby="gateway-confirm-heading" className="bg-white p-5">
        <h2 id="gateway-confirm-heading" className="mb-1 text-2xl font-bold">
          Confirmations of readiness for gateway
        </h2>
        {data.confirmations.length === 0 ? (
          <p className="mb-4 text-nhs-grey-1">None of the apprentice, the trainer and the employer has confirmed readiness yet.</p>
        ) : (
          <ul className="mb-4 space-y-2">
            {data.confirmations.map((c) => (
              <li key={c.role}>
                <strong>{c.role === 'trainer' ? 'Trainer' : c.role === 'apprentice' ? 'Apprentice' : 'Employer'}:</strong> {c.name}, {formatDateTime(c.at)}
                {c.note && <span className="block whitespace-pre-line text-nhs-grey-1">“{c.note}”</span>}
              </li>
            ))}
          </ul>
        )}
        {role && !mine && <GatewayConfirmForm apprenticeshipId={apprenticeshipId} action={confirmGatewayAction} self={role === 'apprentice'} />}
        {/* issue 20: the gateway pack, once all three have confirmed (its page says if it is built). */}
        {(viewer.role === 'trainer' || viewer.role === 'admin') && data.confirmations.length === 3 && (
          <p className="mt-4">
            <Link href={`/apprenticeships/${apprenticeshipId}/gateway`}>Gateway pack for the end-point assessment organisation</Link>
          </p>
        )}
      </section>
    </div>
  );
}
