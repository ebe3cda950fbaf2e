import { getTrainingPlanVersion } from '@/lib/dal';
import { getViewer } from '@/lib/dal/session';
import { NotFound } from '@/lib/errors';
import { trainingPlanPdf } from '@/lib/training-plan/plan-pdf';

export const dynamic = 'force-dynamic';

/**
 * One version of a training plan as PDF (issue 20 point 2), for whoever may read the plan; someone else's is
 * the same 404 as a missing one. A version not yet signed by all three says so on its first page.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return new Response('Not found', { status: 404 });
  const { id } = await params;
  try {
    const plan = await getTrainingPlanVersion(viewer, id);
    const pdf = await trainingPlanPdf(plan);
    const name = `training-plan-${plan.apprenticeName.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-v${plan.version}.pdf`;
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
