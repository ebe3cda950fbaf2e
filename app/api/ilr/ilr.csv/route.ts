import { exportIlr } from '@/lib/dal';
import { getViewer } from '@/lib/dal/session';
import { toCsv } from '@/lib/csv';
import { NotFound } from '@/lib/errors';
import { ukToday } from '@/lib/otj/plan';

export const dynamic = 'force-dynamic';

/**
 * The learner-record (ILR) figures as CSV, for one cohort (`?cohortId=`) or every apprenticeship the viewer
 * reaches; the same access rules as the page (the DAL decides). Rows with a problem are left out (the page
 * lists them); the export is recorded as `ilr.exported`.
 */
export async function GET(request: Request) {
  const viewer = await getViewer();
  if (!viewer) return new Response('Not found', { status: 404 });
  try {
    const cohortId = new URL(request.url).searchParams.get('cohortId') ?? '';
    const today = ukToday();
    const { fields, data, excluded } = await exportIlr(viewer, { cohortId }, today);
    return new Response(toCsv(fields, data), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="ilr-figures-${today}.csv"`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
        'X-Rows-Excluded': String(excluded),
      },
    });
  } catch (e) {
    if (e instanceof NotFound) return new Response('Not found', { status: 404 });
    throw e;
  }
}
