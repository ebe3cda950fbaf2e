import { getPortfolioExport } from '@/lib/dal';
import { getViewer } from '@/lib/dal/session';
import { NotFound } from '@/lib/errors';
import { sameOrigin } from '@/lib/files/route-errors';
import { startPortfolioExport } from '@/lib/portfolio/export-jobs';

const NO_STORE = { 'Cache-Control': 'private, no-store' };

/**
 * Starts building the portfolio ZIP of an apprenticeship; answers the token to follow its progress
 * (GET ./[token]) and to download it when ready. The data access layer decides who may.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return Response.json({ error: 'Please sign in.' }, { status: 401, headers: NO_STORE });
  if (!sameOrigin(request)) return Response.json({ error: 'This request came from another site.' }, { status: 403, headers: NO_STORE });
  const { id } = await params;
  try {
    const data = await getPortfolioExport(viewer, id);
    const job = await startPortfolioExport(viewer, data);
    return Response.json({ token: job.token, done: job.done, total: job.total, ready: job.ready }, { status: 202, headers: NO_STORE });
  } catch (e) {
    if (e instanceof NotFound) return Response.json({ error: 'We could not find that portfolio.' }, { status: 404, headers: NO_STORE });
    console.error(e);
    return Response.json({ error: 'The portfolio could not be exported. Try again.' }, { status: 500, headers: NO_STORE });
  }
}
