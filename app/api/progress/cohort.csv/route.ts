import { format } from 'date-fns';
import { listCohortProgress } from '@/lib/dal';
import { getViewer } from '@/lib/dal/session';
import { toCsv } from '@/lib/csv';
import { NotFound } from '@/lib/errors';

export const dynamic = 'force-dynamic';

const pct = (v: number | null) => (v === null ? '' : v.toFixed(1));

/** The cohort table as CSV, with the same filters as the page and the same access rules (the DAL decides). */
export async function GET(request: Request) {
  const viewer = await getViewer();
  if (!viewer) return new Response('Not found', { status: 404 });
  try {
    const query = Object.fromEntries(new URL(request.url).searchParams);
    const { rows } = await listCohortProgress(viewer, query);
    const csv = toCsv(
      ['Apprentice', 'Employer', 'Cohort', 'RAG', 'RAG reasons', 'KSBs met', 'KSBs expected by now', 'Cases in window', 'Primary diagnosis %', 'Secondary diagnoses %', 'Primary procedure %', 'Secondary procedures %', 'Theory %', 'Off-the-job hours logged', 'Off-the-job hours planned to date', 'Last activity', 'Next review due'],
      rows.map((r) => [
        r.apprenticeName,
        r.employerName,
        r.cohortName ?? '',
        r.rag.rag,
        r.rag.reasons.map((x) => x.text).join('; '),
        r.coverage.met,
        r.coverage.expected.toFixed(1),
        r.cases,
        pct(r.figures.pd.percent),
        pct(r.figures.sd.percent),
        pct(r.figures.pp.percent),
        pct(r.figures.sp.percent),
        pct(r.theory.percent),
        r.otj.logged.toFixed(2),
        r.otj.planned.toFixed(2),
        r.lastActivity ? format(r.lastActivity, 'yyyy-MM-dd') : '',
        format(r.reviewDue, 'yyyy-MM-dd'),
      ]),
    );
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="cohort-progress-${format(new Date(), 'yyyy-MM-dd')}.csv"`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (e) {
    if (e instanceof NotFound) return new Response('Not found', { status: 404 });
    throw e;
  }
}
