import { saveAssessmentAnswer } from '@/lib/dal';
import { AnswerRefused } from '@/lib/dal/assessments';
import { getViewer } from '@/lib/dal/session';
import { NotFound } from '@/lib/errors';
import { sameOrigin } from '@/lib/files/route-errors';

/**
 * Saves one answer of a mock paper being sat (the page calls it a moment after each change). JSON in,
 * JSON out: { status: 'saved' | 'stale', savedAt, seq } or { error, reason } with 409 (late or
 * submitted), 400 (unreadable) or 404.
 */
export async function PUT(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return Response.json({ error: 'Your session has ended. Sign in again: your saved answers are kept.' }, { status: 401 });
  if (!sameOrigin(request)) return Response.json({ error: 'This request came from another site.' }, { status: 403 });
  const { id } = await params;
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ error: 'That answer could not be read.', reason: 'invalid' }, { status: 400 });
  }
  try {
    return Response.json(await saveAssessmentAnswer(viewer, id, body), { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    if (e instanceof AnswerRefused) return Response.json({ error: e.userMessage, reason: e.reason }, { status: e.reason === 'invalid' ? 400 : 409 });
    if (e instanceof NotFound) return Response.json({ error: e.userMessage }, { status: 404 });
    console.error(e);
    return Response.json({ error: 'The answer could not be saved. It will be tried again.' }, { status: 500 });
  }
}
