import type { Metadata } from 'next';
import Link from 'next/link';
import { listOrganisations } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { UserForm } from '@/components/admin/user-form';
import { createUserAction } from '../actions';

export const metadata: Metadata = { title: 'Add a user' };

export default async function NewUserPage() {
  const viewer = await requireRole('admin');
  const organisations = await listOrganisations(viewer);
  return (
    <>
      <p className="mb-4">
        <Link href="/admin/users">← Users</Link>
      </p>
      <PageHeader title="Add a user" lead="A trainer, an employer contact or an administrator." />
      <div className="max-w-3xl bg-white p-5">
        <UserForm organisations={organisations} action={createUserAction} />
      </div>
    </>
  );
}
