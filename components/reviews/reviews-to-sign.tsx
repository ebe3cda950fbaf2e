import Link from 'next/link';
import { listReviewsToSign } from '@/lib/dal';
import type { Viewer } from '@/lib/dal/viewer';
import { formatDate } from '@/lib/format';

/**
 * First thing on an apprentice's or employer contact's home page: the progress reviews waiting for
 * their signature (chasing signatures is what people complain about most), each linked.
 */
export async function ReviewsToSign({ viewer }: { viewer: Viewer }) {
  const rows = await listReviewsToSign(viewer);
  if (rows.length === 0) return null;
  const mine = viewer.role === 'apprentice';
  return (
    <section aria-labelledby="reviews-to-sign" className="mb-6 border-l-8 border-nhs-warm-yellow bg-white p-4">
      <h2 id="reviews-to-sign" className="text-xl font-bold">
        {rows.length === 1 ? 'A progress review is' : `${rows.length} progress reviews are`} waiting for your signature
      </h2>
      <p className="mb-2 text-nhs-grey-1">{mine ? 'Read what your trainer recorded, add your comment and sign.' : 'Read what the trainer recorded, add your comment for the employer and sign.'}</p>
      <ul className="list-disc space-y-1 pl-6">
        {rows.map((r) => (
          <li key={r.id}>
            {/* For an employer the apprentice's name describes the link rather than naming it: the apprentice tables keep the only links named after the apprentice. */}
            {!mine && (
              <>
                <span id={`sign-${r.id}`}>{r.apprenticeName}</span>:{' '}
              </>
            )}
            <Link href={`/reviews/${r.id}`} className="font-bold" aria-describedby={mine ? undefined : `sign-${r.id}`}>
              {mine ? 'Review' : 'review'} of {formatDate(r.reviewDate)}
            </Link>{' '}
            recorded by {r.trainerName}
          </li>
        ))}
      </ul>
    </section>
  );
}
