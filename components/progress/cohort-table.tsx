import Link from 'next/link';
import { overviewFilterText } from './cohort-overview';
import type { listCohortProgress } from '@/lib/dal';
import type { CohortQuery } from '@/lib/dal/progress';
import { formatDate, formatPercent as pct } from '@/lib/format';
import { Pagination } from '@/components/pagination';
import { CohortRows } from './cohort-rows';

type Result = Awaited<ReturnType<typeof listCohortProgress>>;
type SortKey = CohortQuery['sort'];

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'name', label: 'Apprentice' },
  { key: 'rag', label: 'RAG' },
  { key: 'coverage', label: 'KSBs met' },
  { key: 'pd', label: 'PD' },
  { key: 'sd', label: 'SD' },
  { key: 'pp', label: 'PP' },
  { key: 'sp', label: 'SP' },
  { key: 'theory', label: 'Theory' },
  { key: 'otj', label: 'Off-the-job' },
  { key: 'activity', label: 'Last activity' },
  { key: 'review', label: 'Next review' },
];
const TITLES: Partial<Record<SortKey, string>> = { rag: 'Red, amber or green', pd: 'Primary diagnosis', sd: 'Secondary diagnoses', pp: 'Primary procedure', sp: 'Secondary procedures' };

/**
 * The cohort table: one row per apprentice with RAG and its reason, coverage, the four audit figures,
 * theory, off-the-job against plan, last activity and the next review, sortable by every column.
 */
export function CohortTable({ result, basePath, caption, exportHref }: { result: Result; basePath: string; caption: string; exportHref?: string }) {
  const { rows: all, query, settings, pageSize } = result;
  // Every row is computed (the counts and the sort need them all); a page of them is drawn.
  const rows = all.slice((query.page - 1) * pageSize, query.page * pageSize);
  const link = (over: Partial<Record<string, string>>) => `${basePath}?${new URLSearchParams(Object.entries({ q: query.q, cohortId: query.cohortId, rag: query.rag, level: query.level, gateway: query.gateway, sort: query.sort, dir: query.dir, page: '', ...over }).filter(([, v]) => v) as [string, string][])}`;
  const today = new Date();
  const chosen = overviewFilterText(query);
  return (
    <>
      <p id="cohort-table" className="mb-2 flex flex-wrap items-center justify-between gap-2 text-nhs-grey-1" aria-live="polite">
        <span>
          {all.length} {all.length === 1 ? 'apprentice' : 'apprentices'}
          {chosen && (
            <>
              {' '}
              ({chosen}; <Link href={link({ level: '', gateway: '' })}>show every level and quarter</Link>)
            </>
          )}
          . Figures over the latest {settings.readinessWindowCases} cases; first attainment level PD{' '}
          {settings.attainment.first.pd}%, SD {settings.attainment.first.sd}%, PP {settings.attainment.first.pp}%, SP {settings.attainment.first.sp}%.
        </span>
        {exportHref && (
          <a href={exportHref} className="font-bold">
            Download as CSV
          </a>
        )}
      </p>
      {rows.length > 0 && (
        <div role="region" aria-label={caption} tabIndex={0} className="overflow-x-auto border border-nhs-grey-4 bg-white">
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">
              {caption}, sorted by {COLUMNS.find((c) => c.key === query.sort)?.label} {query.dir === 'asc' ? 'ascending' : 'descending'}
            </caption>
            <thead className="bg-nhs-grey-5">
              <tr>
                {COLUMNS.map((c) => {
                  const active = c.key === query.sort;
                  return (
                    <th key={c.key} scope="col" aria-sort={active ? (query.dir === 'asc' ? 'ascending' : 'descending') : undefined} className="border-b-2 border-nhs-grey-4 px-2 py-2 whitespace-nowrap">
                      <Link href={link({ sort: c.key, dir: active && query.dir === 'asc' ? 'desc' : 'asc' })} className="font-bold text-nhs-black">
                        {TITLES[c.key] ? <abbr title={TITLES[c.key]}>{c.label}</abbr> : c.label}
                        <span aria-hidden className="ml-1 text-nhs-grey-1">
                          {active ? (query.dir === 'asc' ? '▲' : '▼') : '↕'}
                        </span>
                      </Link>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody className="[&_td]:px-2 [&_td]:py-2 [&_td]:align-top">
              <CohortRows
                rows={rows.map((r) => ({
                  id: r.id,
                  name: r.apprenticeName,
                  group: r.cohortName ?? r.employerName,
                  rag: r.rag,
                  met: r.coverage.met,
                  due: Math.round(r.coverage.expected),
                  figures: (['pd', 'sd', 'pp', 'sp'] as const).map((f) => ({
                    key: f,
                    text: pct(r.figures[f].percent),
                    below: r.figures[f].percent !== null && r.figures[f].percent! < settings.attainment.first[f],
                    partial: r.cases < settings.readinessWindowCases && r.figures[f].percent !== null ? `${r.cases} cases so far` : null,
                  })),
                  theory: pct(r.theory.percent),
                  otj: pct(r.otj.percentOfPlan),
                  lastActivity: r.lastActivity ? formatDate(r.lastActivity) : 'never',
                  reviewDue: formatDate(r.reviewDue),
                  overdue: r.reviewDue < today,
                }))}
              />
            </tbody>
          </table>
        </div>
      )}
      <Pagination total={all.length} page={query.page} pageSize={pageSize} hrefFor={(p) => link({ page: String(p) })} />
      {/* The audit's abbreviations spelled out where everyone sees them, not only in a tooltip (abbr title). */}
      <dl className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-nhs-grey-1">
        {(['pd', 'sd', 'pp', 'sp'] as const).map((k) => (
          <div key={k} className="flex gap-1">
            <dt className="font-bold">{k.toUpperCase()}</dt>
            <dd>{TITLES[k]!.toLowerCase()} correct</dd>
          </div>
        ))}
        <div className="flex gap-1">
          <dt className="font-bold">RAG</dt>
          <dd>red, amber or green, with its reason</dd>
        </div>
      </dl>
      <p className="mt-2 text-sm text-nhs-grey-1">* fewer coded cases than the readiness window so far. Red figures are below the first attainment level.</p>
    </>
  );
}
