import Link from 'next/link';
import type { listCohortProgress } from '@/lib/dal';
import { Bar } from '@/components/bar';
import { gatewayQuarter, quarterLabel } from '@/lib/progress/quarter';

type Result = Awaited<ReturnType<typeof listCohortProgress>>;
type Filter = 'rag' | 'level' | 'gateway';

const RAG_COLOUR = { red: '#d5281b', amber: '#ffb81c', green: '#007f3b' } as const;
const LEVELS = [
  { key: 'second', label: 'At the second level' },
  { key: 'first', label: 'At the first level' },
  { key: 'below', label: 'Below the first level' },
  { key: 'not_enough_data', label: 'Not enough cases yet' },
] as const;

type BarRow = { label: string; value: string; count: number; colour: string };

/**
 * A count as a bar and a number: a table first (for everyone), the bar drawn inside its cell. Each row's label
 * is a link that filters the table below to those apprentices; the bar is the same link for a pointer.
 */
function BarTable({ caption, rows, total, filter, chosen, href }: { caption: string; rows: BarRow[]; total: number; filter: Filter; chosen: string; href: (filter: Filter, value: string) => string }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="mb-2 text-left text-base font-bold">{caption}</caption>
      <tbody>
        {rows.map((r) => {
          const current = chosen === r.value;
          const to = href(filter, current ? '' : r.value);
          return (
            <tr key={r.value} className={current ? 'bg-nhs-grey-5' : undefined}>
              <th scope="row" className="w-44 py-1 pr-3 font-normal">
                <Link href={to} aria-current={current ? 'true' : undefined} className={current ? 'font-bold' : undefined}>
                  {r.label}
                  <span className="sr-only">{current ? ': shown in the table; choose to show everyone' : `: show ${r.count} in the table`}</span>
                </Link>
              </th>
              <td className="py-1">
                <span className="flex items-center gap-2">
                  {/* The same link as the label, for a pointer: hidden from the keyboard and screen readers, which have the label. */}
                  <Link href={to} tabIndex={-1} aria-hidden className="block h-4 w-[70%] shrink-0">
                    <Bar percent={total ? Math.max(2, (100 * r.count) / total) : 0} className="h-4 w-full" fill={r.colour} />
                  </Link>
                  <span className="font-bold">{r.count}</span>
                </span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * Counts by RAG, readiness distribution and projected gateway dates by quarter, for everyone the viewer sees
 * (`all`, unfiltered). Choosing a bar filters the table (`basePath` with the query of `result`), choosing it
 * again clears that filter.
 */
export function CohortOverview({ all, query, basePath }: { all: Result['rows']; query: Result['query']; basePath: string }) {
  const total = all.length;
  const byQuarter = new Map<string, number>();
  for (const r of all) {
    const q = gatewayQuarter(r.projectedGateway);
    byQuarter.set(q, (byQuarter.get(q) ?? 0) + 1);
  }
  const quarters = [...byQuarter.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  const href = (filter: Filter, value: string) =>
    `${basePath}?${new URLSearchParams(Object.entries({ q: query.q, cohortId: query.cohortId, rag: query.rag, level: query.level, gateway: query.gateway, sort: query.sort, dir: query.dir, [filter]: value }).filter(([, v]) => v) as [string, string][])}#cohort-table`;
  return (
    <section aria-labelledby="overview-heading" className="mb-6 bg-white p-5">
      <h2 id="overview-heading" className="text-lg font-bold">
        Overview of {total} {total === 1 ? 'apprentice' : 'apprentices'}
      </h2>
      <p className="mb-3 text-sm text-nhs-grey-1">Choose a bar to show only those apprentices in the table; choose it again to show everyone.</p>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <BarTable caption="RAG status" total={total} filter="rag" chosen={query.rag} href={href} rows={(['red', 'amber', 'green'] as const).map((k) => ({ label: k[0]!.toUpperCase() + k.slice(1), value: k, count: all.filter((r) => r.rag.rag === k).length, colour: RAG_COLOUR[k] }))} />
        <BarTable caption="NCCQ readiness (coding)" total={total} filter="level" chosen={query.level} href={href} rows={LEVELS.map((l) => ({ label: l.label, value: l.key, count: all.filter((r) => r.level === l.key).length, colour: '#005eb8' }))} />
        <BarTable caption="Projected gateway, by quarter" total={total} filter="gateway" chosen={query.gateway} href={href} rows={quarters.map(([value, count]) => ({ label: quarterLabel(value), value, count, colour: '#330072' }))} />
      </div>
    </section>
  );
}

/** What the overview's bars chose, in words, for the table's caption. */
export function overviewFilterText(query: Pick<Result['query'], 'level' | 'gateway'>): string {
  const parts = [query.level && LEVELS.find((l) => l.key === query.level)!.label.toLowerCase(), query.gateway && `projected gateway in ${quarterLabel(query.gateway)}`].filter(Boolean);
  return parts.join(', ');
}
