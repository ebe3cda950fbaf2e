import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { getTrainingPlans } from '@/lib/dal';
import { orNotFound, requireViewer } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { PlanView } from '@/components/training-plan/plan-view';
import { formatDate } from '@/lib/format';
import { changePlanAction, draftPlanAction, signPlanAction, updatePlanAction } from './actions';

type Props = { params: Promise<{ id: string }> };

// One read for the page and its <title>; out of reach is the same 404 in both.
const load = cache(async (id: string) => {
  const viewer = await requireViewer();
  return { viewer, data: await orNotFound(getTrainingPlans(viewer, id)) };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { data } = await load((await params).id);
  return { title: `${data.apprenticeship.apprenticeName}: training plan` };
}

export default async function TrainingPlanPage({ params }: Props) {
  const { id } = await params;
  const { viewer, data } = await load(id);
  const a = data.apprenticeship;
  const back = viewer.role === 'apprentice' ? { href: '/apprentice/progress', text: 'My progress' } : { href: `/apprenticeships/${id}/progress`, text: `Progress: ${a.apprenticeName}` };
  return (
    <>
      <p className="mb-4">
        <Link href={back.href}>← {back.text}</Link>
      </p>
      <PageHeader
        title={`Training plan: ${a.apprenticeName}`}
        lead={`${a.employerName} · started ${formatDate(a.startDate)}. Signed by the apprentice, the employer and the training provider; a change is a new version, signed again.`}
      />
      <PlanView data={data} actions={{ draft: draftPlanAction, update: updatePlanAction, sign: signPlanAction, change: changePlanAction }} assessmentHref={`/apprenticeships/${id}/initial-assessment`} />
    </>
  );
}
