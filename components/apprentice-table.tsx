import Link from 'next/link';
import { formatDate, STATUS_LABEL } from '@/lib/format';
import { StatusTag, apprenticeshipTone } from './status-tag';
import { Pagination } from './pagination';

type Row = {
  id: string;
  apprenticeName: string;
  apprenticeEmail: string;
  employerName: string;
  cohortName: string | null;
  startDate: string;
  plannedEndDate: string;
  status: string;
  trainers: string | null;
};

type Sort = 'name' | 'employer' | 'cohort' | 'start';

export type ApprenticeTableProps = {
  basePath: string;
  rows: Row[];
  total: number;
  page: number;
  pageSize: number;
  q: string;
  sort: Sort;
  dir: 'asc' | 'desc';
  detailHref: (id: string) => string;
  showTrainers?: boolean;
  showEmployer?: boolean;
  caption: string;
};

const COLUMNS: { key: Sort; label: string }[] = [
  { key: 'name', label: 'Apprentice' },
  { key: 'employer', label: 'Employer' },
  { key: 'cohort', label: 'Cohort' },
  { key: 'start', label: 'Start date' },
];

function href(basePath: string, params: Record<string, string | number>) {
  const search = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '' && v !== 1).map(([k, v]) => [k, String(v)]));
  const s = search.toString();
  return s ? `${basePath}?${s}` : basePath;
}

/** Apprentices with search, sortable headers and paging, all as links (works without JavaScript). */
export function ApprenticeTable(props: ApprenticeTableProps) {
  const { basePath, rows, total, page, pageSize, q, sort, dir, showEmployer = true } = props;
  const columns = COLUMNS.filter((c) => showEmployer || c.key !== 'employer');
  return (
    <div>
      <form role="search" action={basePath} className="mb-4 flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <label htmlFor="q" className="block font-bold">
            Search apprentices
          </label>
          <p id="q-hint" className="text-sm text-nhs-grey-1">
            Name, email, employer or cohort
          </p>
          <input id="q" name="q" type="search" defaultValue={q} aria-describedby="q-hint" className="mt-1 block w-full border-2 border-nhs-black bg-white px-3 py-2" />
        </div>
        <input type="hidden" name="sort" value={sort} />
        <input type="hidden" name="dir" value={dir} />
        <button type="submit" className="bg-nhs-blue px-4 py-2 font-bold text-white shadow-[0_4px_0_#003087] hover:bg-nhs-dark-blue">
          Search
        </button>
        {q && (
          <Link href={href(basePath, { sort, dir })} className="py-2">
            Clear search
          </Link>
        )}
      </form>
      <p className="mb-2 text-nhs-grey-1" aria-live="polite">
        {total === 0 ? 'No apprentices match.' : `${total} apprentice${total === 1 ? '' : 's'}${q ? ` matching “${q}”` : ''}.`}
      </p>
      {rows.length > 0 && (
        <div role="region" aria-label={props.caption} tabIndex={0} className="overflow-x-auto border border-nhs-grey-4 bg-white">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">
              {props.caption}, sorted by {columns.find((c) => c.key === sort)?.label ?? 'name'} {dir === 'asc' ? 'ascending' : 'descending'}
            </caption>
            <thead className="bg-nhs-grey-5">
              <tr>
                {columns.map((c) => {
                  const active = c.key === sort;
                  const nextDir = active && dir === 'asc' ? 'desc' : 'asc';
                  return (
                    <th key={c.key} scope="col" aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined} className="border-b-2 border-nhs-grey-4 px-3 py-2">
                      <Link href={href(basePath, { q, sort: c.key, dir: nextDir })} className="font-bold text-nhs-black">
                        {c.label}
                        <span aria-hidden className="ml-1 text-nhs-grey-1">
                          {active ? (dir === 'asc' ? '▲' : '▼') : '↕'}
                        </span>
                      </Link>
                    </th>
                  );
                })}
                <th scope="col" className="border-b-2 border-nhs-grey-4 px-3 py-2">
                  Planned end
                </th>
                {props.showTrainers && (
                  <th scope="col" className="border-b-2 border-nhs-grey-4 px-3 py-2">
                    Trainers
                  </th>
                )}
                <th scope="col" className="border-b-2 border-nhs-grey-4 px-3 py-2">
                  Status
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-b border-nhs-grey-4 align-top last:border-0 hover:bg-nhs-grey-5">
                  <td className="px-3 py-2">
                    <Link href={props.detailHref(r.id)} className="font-bold">
                      {r.apprenticeName}
                    </Link>
                    <div className="text-sm text-nhs-grey-1">{r.apprenticeEmail}</div>
                  </td>
                  {showEmployer && <td className="px-3 py-2">{r.employerName}</td>}
                  <td className="px-3 py-2">{r.cohortName ?? '—'}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{formatDate(r.startDate)}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{formatDate(r.plannedEndDate)}</td>
                  {props.showTrainers && <td className="px-3 py-2">{r.trainers ?? <span className="text-nhs-red">None assigned</span>}</td>}
                  <td className="px-3 py-2">
                    <StatusTag tone={apprenticeshipTone(r.status)}>{STATUS_LABEL[r.status]}</StatusTag>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination total={total} page={page} pageSize={pageSize} hrefFor={(p) => href(basePath, { q, sort, dir, page: p })} />
    </div>
  );
}
