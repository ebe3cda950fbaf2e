import type { Metadata } from 'next';
import { describeAuditAction, describeAuditEntity } from '@/lib/admin/audit-actions';
import { listAuditLog } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { DataTable } from '@/components/data-table';
import { Pagination } from '@/components/pagination';
import { formatDateTime } from '@/lib/format';

export const metadata: Metadata = { title: 'Audit log' };

function summarise(before: unknown, after: unknown): string {
  const text = JSON.stringify(after ?? before ?? null);
  if (!text || text === 'null') return '';
  // Long enough for a failed sign-in's cause (lib/auth/external-sign-in.ts), which an administrator needs whole.
  return text.length > 400 ? `${text.slice(0, 397)}…` : text;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const viewer = await requireRole('admin');
  const log = await listAuditLog(viewer, await searchParams);
  const { filter } = log;
  const hrefFor = (page: number) => {
    const params = new URLSearchParams(Object.entries({ ...filter, page: String(page) }).filter(([, v]) => v !== '' && v !== '1') as [string, string][]);
    return `/admin/audit?${params}`;
  };
  const input = 'mt-1 block w-full border-2 border-nhs-black bg-white px-3 py-2';
  return (
    <>
      <PageHeader title="Audit log" lead="Every change, sign-in and refused access, newest first. Entries cannot be changed or deleted, even by the application." />
      <form role="search" action="/admin/audit" className="mb-6 grid grid-cols-1 gap-3 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5 lg:items-end">
        <div>
          <label htmlFor="audit-actor" className="block font-bold">
            Who
          </label>
          <input id="audit-actor" name="actor" type="search" defaultValue={filter.actor} placeholder="Name or email" className={input} />
        </div>
        <div>
          <label htmlFor="audit-entity" className="block font-bold">
            Entity
          </label>
          <select id="audit-entity" name="entity" defaultValue={filter.entity} className={input}>
            <option value="">All</option>
            {log.entityTypes.map((e) => (
              <option key={e} value={e}>
                {describeAuditEntity(e)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-from" className="block font-bold">
            From
          </label>
          <input id="audit-from" name="from" type="date" defaultValue={filter.from} className={input} />
        </div>
        <div>
          <label htmlFor="audit-to" className="block font-bold">
            To
          </label>
          <input id="audit-to" name="to" type="date" defaultValue={filter.to} className={input} />
        </div>
        <button type="submit" className="bg-nhs-blue px-4 py-2 font-bold text-white shadow-[0_4px_0_#003087]">
          Filter
        </button>
      </form>
      <p className="mb-2 text-nhs-grey-1">{log.total === 1 ? '1 entry.' : `${log.total.toLocaleString('en-GB')} entries.`}</p>
      {log.rows.length > 0 && (
        <DataTable caption="Audit log entries" head={['When', 'Who', 'Action', 'Entity', 'Details']}>
          {log.rows.map((r) => (
            <tr key={r.id}>
              <td className="whitespace-nowrap">{formatDateTime(r.at)}</td>
              <td>{r.actorName ?? <span className="text-nhs-grey-1">System or signed out</span>}</td>
              <td>
                {describeAuditAction(r.action)}
                <div className="font-mono text-xs text-nhs-grey-1">{r.action}</div>
              </td>
              <td>
                {describeAuditEntity(r.entityType)}
                {r.entityName && <div className="font-bold">{r.entityName}</div>}
                {r.entityId && <div className="max-w-40 truncate font-mono text-xs text-nhs-grey-1">{r.entityId}</div>}
              </td>
              <td className="max-w-md font-mono text-xs break-all">{summarise(r.before, r.after)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination total={log.total} page={log.page} pageSize={log.pageSize} hrefFor={hrefFor} />
    </>
  );
}
