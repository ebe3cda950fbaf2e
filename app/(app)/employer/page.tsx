import type { Metadata } from 'next';
import { listApprenticeships, listTasks } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { ApprenticeTable } from '@/components/apprentice-table';
import { ReviewsDue } from '@/components/reviews/reviews-due';
import { NeedsYou } from '@/components/tasks/needs-you';
import { GatewayToConfirm } from '@/components/reviews/gateway-to-confirm';

export const metadata: Metadata = { title: 'Our apprentices' };

export default async function EmployerHome({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const viewer = await requireRole('employer');
  const [result, needs] = await Promise.all([listApprenticeships(viewer, await searchParams), listTasks(viewer)]);
  const employer = result.rows[0]?.employerName;
  // A gateway task's key is its kind and the apprenticeship's id (lib/tasks/rules.ts).
  const gateway = needs.tasks
    .filter((t) => t.kind === 'gateway_to_confirm')
    .map((t) => ({ apprenticeshipId: t.key.slice('gateway_to_confirm:'.length), name: t.who ?? '', detail: t.detail }));
  return (
    <>
      <PageHeader title="Our apprentices" lead={employer ? `Clinical coding apprentices employed by ${employer}.` : 'Clinical coding apprentices employed by your organisation.'} />
      <NeedsYou tasks={needs.tasks} counts={needs.counts} />
      <GatewayToConfirm waiting={gateway} />
      <ReviewsDue viewer={viewer} />
      <ApprenticeTable
        basePath="/employer"
        caption="Apprentices employed by your organisation"
        detailHref={(id) => `/apprenticeships/${id}`}
        showEmployer={false}
        showTrainers
        {...result}
      />
    </>
  );
}
