import type { Metadata } from 'next';
import Link from 'next/link';
import { getOwnApprenticeship, getStandard, initialAssessmentFor } from '@/lib/dal';
import { orNotFound, requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { AssessmentView } from '@/components/initial-assessment/assessment-view';
import { SelfAssessmentForm } from '@/components/initial-assessment/self-assessment-form';
import { saveInitialAssessmentAction } from './actions';

export const metadata: Metadata = { title: 'My initial assessment' };

/**
 * The apprentice's initial assessment (issue 20, point 1): rate yourself against the 59 items and say what you
 * have learned and done before. Drafts are kept; once submitted it is read-only and the trainer confirms it.
 */
export default async function InitialAssessmentPage({ searchParams }: { searchParams: Promise<{ submitted?: string }> }) {
  const viewer = await requireRole('apprentice');
  const own = await getOwnApprenticeship(viewer);
  const { submitted } = await searchParams;
  if (!own)
    return (
      <>
        <PageHeader title="My initial assessment" />
        <p className="border-l-8 border-nhs-warm-yellow bg-white p-4">Your apprenticeship has not been recorded yet. Your training provider will add it.</p>
      </>
    );
  const [ia, standard] = await Promise.all([orNotFound(initialAssessmentFor(viewer, own.id)), orNotFound(getStandard(viewer))]);
  const a = ia.assessment;
  return (
    <>
      <p className="mb-4">
        <Link href="/apprentice">← My apprenticeship</Link>
      </p>
      <PageHeader
        title="My initial assessment"
        lead={ia.canEdit ? 'Where you start: rate yourself against each of the 59 knowledge, skills and behaviours of the standard, and say what you have learned and done before. Your trainer goes through it with you; it starts your map of the standard and your training plan.' : undefined}
      />
      {submitted && ia.state === 'submitted' && (
        <div role="status" className="mb-6 border-l-8 border-nhs-green bg-white p-4 font-bold text-nhs-green">
          Submitted. Your trainer will go through it with you and confirm it.
        </div>
      )}
      {ia.canEdit ? (
        <SelfAssessmentForm
          apprenticeshipId={own.id}
          rowVersion={a?.rowVersion ?? 0}
          ksbs={standard.ksbs}
          initial={{ ratings: a?.selfRatings ?? {}, priorLearning: a?.priorLearning ?? '', experience: a?.experience ?? '' }}
          save={saveInitialAssessmentAction}
        />
      ) : (
        <>
          <p className="mb-6 max-w-3xl">
            {ia.state === 'confirmed'
              ? 'Your trainer has confirmed your initial assessment. It is where your map of the standard starts.'
              : 'You have submitted your initial assessment. Your trainer will go through it with you and confirm it.'}
          </p>
          <AssessmentView a={a!} ksbs={standard.ksbs} apprenticeName={ia.apprenticeName} />
        </>
      )}
    </>
  );
}
