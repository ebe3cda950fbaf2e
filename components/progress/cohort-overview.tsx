import type { listCohortProgress } from '@/lib/dal';
import { Bar } from '@/components/bar';

type Rows = Awaited<ReturnType<typeof listCohortProgress>>['rows'];

const RAG_COLOUR = { red: '#d5281b', amber: '#ffb81c', green: '#007f3b' } as const;
const LEVELS = [
  { key: 'second', label: 'At the second level' },
  { key: 'first', label: 'At the first level' },
  { key: 'below', label: 'Below the first level' },
  { key: 'not_enough_data', label: 'Not enough cases yet' },
] as const;

/** A count as a bar and a number: a table first (for everyone), the bar drawn inside its cell. */
function BarTable({ caption, rows, total }: { caption: string; rows: { label: string; count: number; colour: string }[]; total: number }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="mb-2 text-left text-base font-bold">{caption}</caption>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label}>
            <th scope="row" className="w-44 py-1 pr-3 font-normal">
              {r.label}
            </th>
            <td className="py-1">
              <span className="flex items-center gap-2">
                <Bar percent={total ? Math.max(2, (100 * r.count) / total) : 0} className="h-4 w-[70%] shrink-0" fill={r.colour} />
                <span className="font-bold">{r.count}</span>
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Counts by RAG, readiness distribution and projected gateway dates by quarter, for a whole organisation. */
export function CohortOverview({ rows }: { rows: Rows }) {
  const total = rows.length;
  const byQuarter = new Map<string, number>();
  for (const r of rows) {
    // date-fns format for each of a thousand rows costs more than the whole table; 'QQQ yyyy' by hand.
    const q = `Q${Math.floor(r.projectedGateway.getMonth() / 3) + 1} ${r.projectedGateway.getFullYear()}`;
    byQuarter.set(q, (byQuarter.get(q) ?? 0) + 1);
  }
  const quarters = [...byQuarter.entries()].sort((a, b) => (parseQ(a[0]) < parseQ(b[0]) ? -1 : 1));
  return (
    <section aria-labelledby="overview-heading" className="mb-6 grid grid-cols-1 gap-6 bg-white p-5 lg:grid-cols-3">
      <h2 id="overview-heading" className="sr-only">
        Overview
      </h2>
      <BarTable caption="RAG status" total={total} rows={(['red', 'amber', 'green'] as const).map((k) => ({ label: k[0]!.toUpperCase() + k.slice(1), count: rows.filter((r) => r.rag.rag === k).length, colour: RAG_COLOUR[k] }))} />
      <BarTable caption="NCCQ readiness (coding)" total={total} rows={LEVELS.map((l) => ({ label: l.label, count: rows.filter((r) => r.level === l.key).length, colour: '#005eb8' }))} />
      <BarTable caption="Projected gateway, by quarter" total={total} rows={quarters.map(([label, count]) => ({ label, count, colour: '#330072' }))} />
    </section>
  );
}

const parseQ = (q: string) => {
  const [quarter, year] = q.split(' ');
  return Number(year) * 10 + Number(quarter!.slice(1));
};
