import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getOwnApprenticeship, getTrainingPlans } from '@/lib/dal';
import { orNotFound, requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { PlanView } from '@/components/training-plan/plan-view';
import { changePlanAction, draftPlanAction, signPlanAction, updatePlanAction } from '../../apprenticeships/[id]/plan/actions';

export const metadata: Metadata = { title: 'My training plan' };

/** The apprentice's own training plan: read it and sign the latest version. */
export default async function MyTrainingPlanPage() {
  const viewer = await requireRole('apprentice');
  const own = await orNotFound(getOwnApprenticeship(viewer));
  if (!own) notFound();
  const data = await orNotFound(getTrainingPlans(viewer, own.id));
  return (
    <>
      <PageHeader title="My training plan" lead="What you, your employer and your training provider agreed: your off-the-job hours, the training month by month, and the support. Each of you signs it; a change is a new version, signed again." />
      <PlanView data={data} actions={{ draft: draftPlanAction, update: updatePlanAction, sign: signPlanAction, change: changePlanAction }} assessmentHref="/apprentice/initial-assessment" />
    </>
  );
}
