import type { Metadata } from 'next';
import { listCohortProgress, listCohorts } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { FilterButton, FilterSelect, FilterText } from '@/components/filter-fields';
import { CohortOverview } from '@/components/progress/cohort-overview';
import { CohortTable } from '@/components/progress/cohort-table';

export const metadata: Metadata = { title: 'Cohort progress' };

export default async function TrainerProgressPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const viewer = await requireRole('trainer');
  const query = await searchParams;
  const [result, cohorts] = await Promise.all([listCohortProgress(viewer, query), listCohorts(viewer)]);
  // The overview counts everyone in the chosen cohort; only a filtered table needs a second pass.
  const all = query.q || query.rag || query.level || query.gateway ? await listCohortProgress(viewer, { cohortId: result.query.cohortId }) : result;
  const csv = `/api/progress/cohort.csv?${new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][])}`;
  return (
    <>
      <PageHeader title="Cohort progress" lead="Your apprentices at a glance: RAG with its reason, KSBs met against where they should be, the four audit figures, theory, off-the-job hours and reviews." />
      <CohortOverview all={all.rows} query={result.query} basePath="/trainer/progress" />
      <form action="/trainer/progress" className="mb-4 grid grid-cols-1 gap-3 bg-white p-4 sm:grid-cols-4 sm:items-end">
        <FilterText id="p-q" name="q" label="Apprentice" value={result.query.q} placeholder="Name" />
        <FilterSelect id="p-cohort" name="cohortId" label="Cohort" value={result.query.cohortId} options={Object.fromEntries(cohorts.map((c) => [c.id, c.name]))} />
        <FilterSelect id="p-rag" name="rag" label="RAG" value={result.query.rag} options={{ red: 'Red', amber: 'Amber', green: 'Green' }} />
        <input type="hidden" name="level" value={result.query.level} />
        <input type="hidden" name="gateway" value={result.query.gateway} />
        <input type="hidden" name="sort" value={result.query.sort} />
        <input type="hidden" name="dir" value={result.query.dir} />
        <FilterButton />
      </form>
      <CohortTable result={result} basePath="/trainer/progress" caption="Progress of the apprentices assigned to you" exportHref={csv} />
      {/* issue 20: learner-record (ILR) figures */}
      <p className="mt-4">
        <a href="/trainer/ilr">Learner-record (ILR) figures for your apprentices</a>
      </p>
    </>
  );
}
