import { getProgressReview } from '@/lib/dal';
import { getViewer } from '@/lib/dal/session';
import { NotFound } from '@/lib/errors';
import { reviewPdf } from '@/lib/reviews/review-pdf';

export const dynamic = 'force-dynamic';

/**
 * A signed progress review as PDF. The data access layer decides who may read it (the same 404 for
 * someone else's review as for a missing one); a review still waiting for a signature is not a record yet.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return new Response('Not found', { status: 404 });
  const { id } = await params;
  try {
    const review = await getProgressReview(viewer, id);
    if (!review.final) return new Response('This review is not signed by everyone yet.', { status: 409, headers: { 'Cache-Control': 'private, no-store' } });
    const pdf = await reviewPdf(review);
    const name = `progress-review-${review.apprenticeName.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${review.reviewDate}.pdf`;
    return new Response(new Uint8Array(pdf), {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="${name}"`,
        'Content-Length': String(pdf.length),
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (e) {
    if (e instanceof NotFound) return new Response('Not found', { status: 404 });
    throw e;
  }
}
