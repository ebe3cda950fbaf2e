import type { Metadata } from 'next';
import Link from 'next/link';
import { listUsers } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { DataTable, buttonLink } from '@/components/data-table';
import { StatusTag } from '@/components/status-tag';
import { ROLE_LABEL } from '@/lib/navigation';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ q?: string; role?: string }> }) {
  const viewer = await requireRole('admin');
  const query = await searchParams;
  const users = await listUsers(viewer, query as never);
  return (
    <>
      <PageHeader title="Users" lead="Everyone who can sign in.">
        <Link href="/admin/users/new" className={buttonLink}>
          Add a user
        </Link>
      </PageHeader>
      <form role="search" action="/admin/users" className="mb-4 flex flex-wrap items-end gap-3">
        <div className="min-w-56 flex-1">
          <label htmlFor="user-q" className="block font-bold">
            Name or email
          </label>
          <input id="user-q" name="q" type="search" defaultValue={query.q ?? ''} className="mt-1 block w-full border-2 border-nhs-black bg-white px-3 py-2" />
        </div>
        <div>
          <label htmlFor="user-role" className="block font-bold">
            Role
          </label>
          <select id="user-role" name="role" defaultValue={query.role ?? ''} className="mt-1 block border-2 border-nhs-black bg-white px-3 py-2">
            <option value="">All roles</option>
            {Object.entries(ROLE_LABEL).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="bg-nhs-blue px-4 py-2 font-bold text-white shadow-[0_4px_0_#003087]">
          Filter
        </button>
      </form>
      <p className="mb-2 text-nhs-grey-1">{users.length === 1 ? '1 user.' : `${users.length} users.`}</p>
      <DataTable caption="Users" head={['Name', 'Role', 'Organisation', 'Status']}>
        {users.map((u) => (
          <tr key={u.id}>
            <td>
              <Link href={`/admin/users/${u.id}`} className="font-bold">
                {u.name}
              </Link>
              <div className="text-sm text-nhs-grey-1">{u.email}</div>
            </td>
            <td>{ROLE_LABEL[u.role]}</td>
            <td>{u.organisationName ?? '—'}</td>
            <td className="space-x-1">
              {u.active ? <StatusTag tone="green">Active</StatusTag> : <StatusTag tone="red">Disabled</StatusTag>}
              {u.mustChangePassword && u.active && <StatusTag tone="yellow">Temporary password</StatusTag>}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
