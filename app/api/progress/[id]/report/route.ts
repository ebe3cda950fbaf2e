import { format } from 'date-fns';
import { getProgressPicture } from '@/lib/dal';
import { getViewer } from '@/lib/dal/session';
import { NotFound } from '@/lib/errors';
import { progressReportPdf } from '@/lib/progress/report-pdf';

export const dynamic = 'force-dynamic';

/** An apprentice's progress report as PDF; the data access layer decides who may have it. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return new Response('Not found', { status: 404 });
  const { id } = await params;
  try {
    const p = await getProgressPicture(viewer, id);
    const pdf = await progressReportPdf({ ...p.apprenticeship, ...p, generatedAt: new Date(), latestReview: p.latestReview });
    const slug = p.apprenticeship.apprenticeName.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    return new Response(new Uint8Array(pdf), {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="progress-${slug}-${format(new Date(), 'yyyy-MM-dd')}.pdf"`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (e) {
    if (e instanceof NotFound) return new Response('Not found', { status: 404 });
    throw e;
  }
}
