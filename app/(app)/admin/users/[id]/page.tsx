import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { getUser, listOrganisations } from '@/lib/dal';
import { orNotFound, requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { UserForm } from '@/components/admin/user-form';
import { UserActiveToggle } from '@/components/admin/user-active-toggle';
import { UserUnlockButton } from '@/components/admin/user-unlock-button';
import { StatusTag } from '@/components/status-tag';
import { formatDateTime } from '@/lib/format';
import { setUserActiveAction, unlockUserAction, updateUserAction } from '../actions';

// One read for the page and its <title>; out of reach is the same 404 in both.
const load = cache(async (id: string) => {
  const viewer = await requireRole('admin');
  return { viewer, user: await orNotFound(getUser(viewer, id)) };
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { user } = await load((await params).id);
  return { title: user.name };
}

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireRole('admin');
  const { id } = await params;
  const [{ user }, organisations] = await Promise.all([load(id), listOrganisations(viewer)]);
  return (
    <>
      <p className="mb-4">
        <Link href="/admin/users">← Users</Link>
      </p>
      <PageHeader title={user.name} lead={`${user.email} · added ${formatDateTime(user.createdAt)}`}>
        {user.active ? <StatusTag tone="green">Active</StatusTag> : <StatusTag tone="red">Disabled</StatusTag>}
      </PageHeader>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <section aria-labelledby="edit-user" className="bg-white p-5 lg:col-span-2">
          <h2 id="edit-user" className="mb-4 text-2xl font-bold">
            Details
          </h2>
          <UserForm
            organisations={organisations}
            action={updateUserAction}
            initial={{ id: user.id, version: user.version, name: user.name, email: user.email, role: user.role, organisationId: user.organisationId ?? '', temporaryPassword: '' }}
          />
        </section>
        <section aria-labelledby="access" className="self-start bg-white p-5">
          <h2 id="access" className="mb-2 text-2xl font-bold">
            Sign-in
          </h2>
          <p className="mb-4 text-nhs-grey-1">
            {user.id === viewer.userId
              ? 'You cannot disable your own account.'
              : user.active
                ? 'Disabling stops sign-in at once, including a session already open.'
                : 'This person cannot sign in.'}
          </p>
          {user.id !== viewer.userId && <UserActiveToggle user={user} action={setUserActiveAction} />}
          <h3 className="mt-6 mb-2 text-xl font-bold">Failed sign-ins</h3>
          <p className="mb-4 text-nhs-grey-1">
            {user.signIn.failures === 0
              ? 'None in the last 15 minutes.'
              : `${user.signIn.failures} in the last 15 minutes, from ${user.signIn.addresses} ${user.signIn.addresses === 1 ? 'address' : 'addresses'}. ` +
                (user.signIn.lock === 'account'
                  ? 'Signing in is paused for this account from everywhere.'
                  : user.signIn.lock === 'some_addresses'
                    ? 'Signing in is paused from the address they came from.'
                    : 'Signing in is not paused.')}
          </p>
          <UserUnlockButton userId={user.id} failures={user.signIn.failures} action={unlockUserAction} />
        </section>
      </div>
    </>
  );
}
