import type { Metadata } from 'next';
import Link from 'next/link';
import { getAdminOverview, listTasks } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { NeedsYou } from '@/components/tasks/needs-you';
import { MailDeliveryNotice } from '@/components/admin/mail-delivery';

export const metadata: Metadata = { title: 'Administration' };

export default async function AdminHome() {
  const viewer = await requireRole('admin');
  const [o, needs] = await Promise.all([getAdminOverview(viewer), listTasks(viewer)]);
  const cards: { label: string; value: number; href: string; note?: string; warn?: boolean }[] = [
    { label: 'Active apprenticeships', value: o.activeApprenticeships, href: '/admin/apprentices', note: `${o.allApprenticeships} in all` },
    { label: 'Apprentices with no trainer', value: o.unassigned, href: '/admin/apprentices', warn: o.unassigned > 0 },
    { label: 'Trainers', value: o.trainers, href: '/admin/users?role=trainer' },
    { label: 'Employers', value: o.employers, href: '/admin/organisations' },
    { label: 'Cohorts', value: o.cohorts, href: '/admin/cohorts' },
    { label: 'Disabled accounts', value: o.disabledUsers, href: '/admin/users' },
    { label: 'Waiting to choose a password', value: o.awaitingPasswordChange, href: '/admin/users' },
  ];
  return (
    <>
      <PageHeader title="Administration" lead="Organisations, people, cohorts and apprenticeships. Every change is recorded in the audit log." />
      <NeedsYou tasks={needs.tasks} counts={needs.counts} />
      <h2 className="mb-3 text-2xl font-bold">At a glance</h2>
      <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {cards.map((c) => (
          <li key={c.label} className={`border-t-4 bg-white p-4 ${c.warn ? 'border-nhs-warm-yellow' : 'border-nhs-blue'}`}>
            <Link href={c.href} className="block text-nhs-black no-underline hover:text-nhs-black">
              <span className="block text-4xl font-bold">{c.value}</span>
              <span className="mt-1 block font-bold text-nhs-blue underline">{c.label}</span>
              {c.note && <span className="text-sm text-nhs-grey-1">{c.note}</span>}
            </Link>
          </li>
        ))}
      </ul>
      <h2 className="mt-10 mb-3 text-2xl font-bold">Common tasks</h2>
      <ul className="list-disc space-y-2 pl-6">
        <li><Link href="/admin/apprentices/new">Add an apprentice</Link></li>
        <li><Link href="/admin/import">Import apprentices from a CSV file</Link></li>
        <li><Link href="/admin/users/new">Add a trainer, employer contact or administrator</Link></li>
        <li><Link href="/admin/cohorts">Add a cohort</Link></li>
        <li><Link href="/admin/audit">Read the audit log</Link></li>
      </ul>
      <MailDeliveryNotice />
    </>
  );
}
