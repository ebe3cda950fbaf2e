import type { Metadata } from 'next';
import Link from 'next/link';
import { listAttempts, listCases } from '@/lib/dal';
import { rollingAccuracy } from '@/lib/coding/trend';
import { AccuracyChart } from '@/components/charts/accuracy-chart';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { DataTable } from '@/components/data-table';
import { StatusTag } from '@/components/status-tag';
import { FilterButton, FilterSelect, FilterText } from '@/components/filter-fields';

const DIFFICULTY_LABEL = { foundation: 'Foundation', intermediate: 'Intermediate', advanced: 'Advanced' };
import { CONVENTIONS, SPECIALTIES } from '@/lib/content/case';

export const metadata: Metadata = { title: 'Coding practice' };

export default async function CasesPage({ searchParams }: { searchParams: Promise<{ specialty?: string; difficulty?: string; ksb?: string; convention?: string }> }) {
  const viewer = await requireRole('apprentice');
  const filter = await searchParams;
  const [rows, attempts] = await Promise.all([listCases(viewer, filter), listAttempts(viewer, { apprenticeId: viewer.userId })]);
  const trend = rollingAccuracy([...attempts].reverse());
  return (
    <>
      <PageHeader title="Coding practice" lead="Read the case notes, assign ICD-10 and OPCS-4 codes in order, and be marked at once the way the national coding audit marks an episode." />
      {attempts.length > 0 && (
        <section aria-labelledby="trend-heading" className="mb-8 bg-white p-5">
          <h2 id="trend-heading" className="text-2xl font-bold">
            Your accuracy over time
          </h2>
          <p className="mb-3 text-nhs-grey-1">Each figure over your last 10 attempts, summed as the audit sums it (codes right over codes audited). Faint lines: the audit&apos;s level 3 attainment.</p>
          <AccuracyChart series={trend} targets={{ primaryDiagnosis: 0.95, secondaryDiagnoses: 0.9, primaryProcedure: 0.95, secondaryProcedures: 0.9 }} />
        </section>
      )}
      <form action="/apprentice/cases" className="mb-6 grid grid-cols-1 gap-3 bg-white p-4 sm:grid-cols-5 sm:items-end">
        <FilterSelect id="f-specialty" name="specialty" label="Specialty" value={filter.specialty} anyLabel="All specialties" options={SPECIALTIES} />
        <FilterSelect id="f-difficulty" name="difficulty" label="Difficulty" value={filter.difficulty} anyLabel="All" options={DIFFICULTY_LABEL} />
        <FilterSelect id="f-convention" name="convention" label="Convention practised" value={filter.convention} anyLabel="Any" options={CONVENTIONS} />
        <FilterText id="f-ksb" name="ksb" label="KSB" value={filter.ksb} placeholder="e.g. S5" />
        <FilterButton />
      </form>
      <p className="mb-2 text-nhs-grey-1">{rows.length === 1 ? '1 case.' : `${rows.length} cases.`}</p>
      {rows.length > 0 && (
        <DataTable caption="Coding cases" head={['Case', 'Specialty', 'Difficulty', 'Practises', 'Your best']}>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <Link href={`/apprentice/cases/${r.id}`} className="font-bold">
                  {r.title}
                </Link>
                <div className="text-sm text-nhs-grey-1">{r.ksbs.join(', ')}</div>
              </td>
              <td>{SPECIALTIES[r.specialty as keyof typeof SPECIALTIES] ?? r.specialty}</td>
              <td className="capitalize">{r.difficulty}</td>
              <td className="text-sm">{r.conventions.map((c) => CONVENTIONS[c as keyof typeof CONVENTIONS] ?? c).join('; ') || '—'}</td>
              <td className="whitespace-nowrap">
                {r.best === null ? (
                  <span className="text-nhs-grey-1">Not tried</span>
                ) : (
                  <StatusTag tone={r.best >= 0.9 ? 'green' : r.best >= 0.7 ? 'yellow' : 'red'}>
                    {Math.round(r.best * 100)}% · {r.attempts} {r.attempts === 1 ? 'try' : 'tries'}
                  </StatusTag>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
