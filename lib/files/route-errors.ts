import { AppError, Conflict, NotFound } from '@/lib/errors';
import { FileRefused } from './file-types';

/** A refusal as JSON `{ error }` with its status; anything unexpected is logged and answered 500, never with a stack trace. */
export function fileErrorResponse(e: unknown, fallback: string): Response {
  const headers = { 'Cache-Control': 'private, no-store' };
  if (e instanceof NotFound) return Response.json({ error: 'We could not find that file or piece of evidence.' }, { status: 404, headers });
  if (e instanceof FileRefused) return Response.json({ error: e.userMessage }, { status: e.status, headers });
  if (e instanceof Conflict) return Response.json({ error: e.userMessage }, { status: 409, headers });
  if (e instanceof AppError) return Response.json({ error: e.userMessage }, { status: 400, headers });
  console.error(e);
  return Response.json({ error: fallback }, { status: 500, headers });
}

/**
 * A write must come from our own pages. The session cookie is SameSite=Lax, which already keeps it off
 * cross-site POSTs; this refuses any that still arrive with a foreign Origin.
 */
export function sameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (!origin) return true;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
