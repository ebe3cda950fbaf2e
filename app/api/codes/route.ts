import { searchCodes } from '@/lib/dal';
import { getViewer } from '@/lib/dal/session';
import { NotFound } from '@/lib/errors';

// Search-as-you-type for the answer pickers. Same access rule as the code browser.
export async function GET(request: Request) {
  const viewer = await getViewer();
  if (!viewer) return Response.json({ error: 'Please sign in.' }, { status: 401 });
  const url = new URL(request.url);
  try {
    const hits = await searchCodes(viewer, { q: url.searchParams.get('q') ?? '', scheme: (url.searchParams.get('scheme') ?? '') as 'icd10' | 'opcs4' | '' }, 12);
    return Response.json(hits, { headers: { 'Cache-Control': 'private, max-age=60' } });
  } catch (e) {
    // Refused by the data access layer (for one, a user who must first choose a new password).
    if (e instanceof NotFound) return Response.json({ error: e.userMessage }, { status: 404, headers: { 'Cache-Control': 'private, no-store' } });
    throw e;
  }
}
