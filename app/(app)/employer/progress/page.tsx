import type { Metadata } from 'next';
import { listCohortProgress } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { FilterButton, FilterSelect, FilterText } from '@/components/filter-fields';
import { CohortOverview } from '@/components/progress/cohort-overview';
import { CohortTable } from '@/components/progress/cohort-table';

export const metadata: Metadata = { title: "Our apprentices' progress" };

export default async function EmployerProgressPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const viewer = await requireRole('employer');
  const query = await searchParams;
  const result = await listCohortProgress(viewer, query);
  // The overview counts everyone; only a filtered table needs a second, unfiltered pass.
  const all = query.q || query.rag || query.level || query.gateway ? await listCohortProgress(viewer) : result;
  const csv = `/api/progress/cohort.csv?${new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][])}`;
  return (
    <>
      <PageHeader title="Progress" lead="Your organisation's apprentices: who is on track, who is ready for the NCCQ, and when each is expected at gateway." />
      <CohortOverview all={all.rows} query={result.query} basePath="/employer/progress" />
      <form action="/employer/progress" className="mb-4 grid grid-cols-1 gap-3 bg-white p-4 sm:grid-cols-3 sm:items-end">
        <FilterText id="e-q" name="q" label="Apprentice" value={result.query.q} placeholder="Name" />
        <FilterSelect id="e-rag" name="rag" label="RAG" value={result.query.rag} options={{ red: 'Red', amber: 'Amber', green: 'Green' }} />
        <input type="hidden" name="level" value={result.query.level} />
        <input type="hidden" name="gateway" value={result.query.gateway} />
        <input type="hidden" name="sort" value={result.query.sort} />
        <input type="hidden" name="dir" value={result.query.dir} />
        <FilterButton />
      </form>
      <CohortTable result={result} basePath="/employer/progress" caption="Progress of your organisation's apprentices" exportHref={csv} />
    </>
  );
}
