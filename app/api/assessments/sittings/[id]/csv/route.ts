import { format } from 'date-fns';
import { getSitting } from '@/lib/dal';
import { getViewer } from '@/lib/dal/session';
import { toCsv } from '@/lib/csv';
import { NotFound } from '@/lib/errors';

export const dynamic = 'force-dynamic';

const STATE = { not_started: 'not started', in_progress: 'in progress', submitted: 'submitted, awaiting marking', marked: 'marked' } as const;

/** A scheduled paper's results as CSV: the same rows and access rules as its page (the DAL decides). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return new Response('Not found', { status: 404 });
  const { id } = await params;
  try {
    const s = await getSitting(viewer, id);
    const csv = toCsv(
      ['Apprentice', 'State', 'Submitted', 'Submitted by', 'Extra time %', 'Percent', 'Grade', 'Written answers to mark'],
      s.rows.map((r) => [
        r.apprenticeName,
        STATE[r.state],
        r.submittedAt ? format(r.submittedAt, "yyyy-MM-dd'T'HH:mm:ssXXX") : '',
        r.submittedBy ?? '',
        r.attemptId ? (r.extraTimePercent ?? 0) : '',
        r.percent === null ? '' : r.percent.toFixed(2),
        r.grade ?? '',
        r.waiting,
      ]),
    );
    const name = `${s.title.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}-${format(s.opensAt, 'yyyy-MM-dd')}.csv`;
    return new Response(csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' } });
  } catch (e) {
    if (e instanceof NotFound) return new Response('Not found', { status: 404 });
    throw e;
  }
}
