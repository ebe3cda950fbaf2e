import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { getStandard, initialAssessmentFor } from '@/lib/dal';
import { orNotFound, requireViewer } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { AssessmentView } from '@/components/initial-assessment/assessment-view';
import { ConfirmAssessmentForm } from '@/components/initial-assessment/confirm-form';
import { RplFigures } from '@/components/initial-assessment/rpl-figures';
import { confirmInitialAssessmentAction } from './actions';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ confirmed?: string }> };

const load = cache(async (id: string) => {
  const viewer = await requireViewer();
  return { viewer, ia: await orNotFound(initialAssessmentFor(viewer, id)) };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { ia } = await load((await params).id);
  return { title: `${ia.apprenticeName}’s initial assessment` };
}

/**
 * An apprentice's initial assessment for their trainer (who confirms or adjusts it and records recognised prior
 * learning), an administrator and the employer contact (read-only). Issue 20, point 1.
 */
export default async function ApprenticeshipInitialAssessmentPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { confirmed } = await searchParams;
  const { viewer, ia } = await load(id);
  const standard = await orNotFound(getStandard(viewer));
  const a = ia.assessment;
  const name = ia.apprenticeName;
  return (
    <>
      <p className="mb-4">
        <Link href={`/apprenticeships/${ia.apprenticeshipId}`}>← {name}’s apprenticeship</Link>
      </p>
      <PageHeader title={`${name}’s initial assessment`} lead="Where the apprentice starts against the 59 items of the standard, and the recognised prior learning the training plan starts from." />
      {confirmed && ia.state === 'confirmed' && (
        <div role="status" className="mb-6 border-l-8 border-nhs-green bg-white p-4 font-bold text-nhs-green">
          Initial assessment confirmed. It now starts {name}’s KSB map and training plan.
        </div>
      )}
      {ia.state === 'not_started' || ia.state === 'draft' ? (
        <p className="bg-white p-4">{name} has not submitted an initial assessment yet{ia.state === 'draft' ? ' (a draft is saved)' : ''}.</p>
      ) : ia.canConfirm ? (
        <>
          <section aria-labelledby="ia-own" className="mb-6 space-y-3 bg-white p-5">
            <h2 id="ia-own" className="text-2xl font-bold">
              What {name.split(' ')[0]} wrote
            </h2>
            <div>
              <h3 className="font-bold">Prior learning</h3>
              <p className="whitespace-pre-line">{a!.priorLearning || 'None given.'}</p>
            </div>
            <div>
              <h3 className="font-bold">Experience</h3>
              <p className="whitespace-pre-line">{a!.experience || 'None given.'}</p>
            </div>
          </section>
          <ConfirmAssessmentForm
            apprenticeshipId={ia.apprenticeshipId}
            rowVersion={a!.rowVersion}
            ksbs={standard.ksbs}
            selfRatings={a!.selfRatings}
            apprenticeName={name}
            apprenticeship={{ startDate: ia.startDate, plannedEndDate: ia.plannedEndDate, weeklyHours: ia.weeklyHours }}
            settings={ia.settings}
            save={confirmInitialAssessmentAction}
          />
        </>
      ) : (
        <>
          {ia.state === 'submitted' && <p className="mb-6 bg-white p-4">Submitted; waiting for the trainer to confirm it.</p>}
          {ia.state === 'confirmed' && viewer.role !== 'apprentice' && (
            <section aria-labelledby="ia-figures" className="mb-6 bg-white p-5">
              <h2 id="ia-figures" className="mb-2 text-2xl font-bold">
                What the training plan starts from
              </h2>
              <RplFigures preview={ia.preview} rpl={{ hours: a!.rplHours, months: a!.rplMonths }} settings={ia.settings} />
            </section>
          )}
          <AssessmentView a={a!} ksbs={standard.ksbs} apprenticeName={name} />
        </>
      )}
    </>
  );
}
