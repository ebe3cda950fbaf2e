import Link from 'next/link';
import { DataTable } from '@/components/data-table';
import { StatusTag } from '@/components/status-tag';
import { formatDate, formatDateTime, listInWords } from '@/lib/format';
import type { TrainingPlans } from '@/lib/dal/training-plans';
import { monthlyOtjHours } from '@/lib/training-plan/activities';
import { ChangePlanForm, DraftPlanForm, EditPlanForm, SignPlanForm } from './plan-forms';
import type { changePlanAction, draftPlanAction, signPlanAction, updatePlanAction } from '@/app/(app)/apprenticeships/[id]/plan/actions';

type Actions = { draft: typeof draftPlanAction; update: typeof updatePlanAction; sign: typeof signPlanAction; change: typeof changePlanAction };
type Version = NonNullable<TrainingPlans['latest']>;

const SIDE_NAME = { apprentice: 'the apprentice', employer: 'the employer', provider: 'the training provider' } as const;

function VersionStatus({ v, inForceId }: { v: Version; inForceId: string | null }) {
  if (v.id === inForceId) return <StatusTag tone="green">In force</StatusTag>;
  if (v.final) return <StatusTag tone="grey">Superseded</StatusTag>;
  if (v.supersededAt) return <StatusTag tone="grey">Replaced before it was signed</StatusTag>;
  return <StatusTag tone="yellow">{`Awaiting ${listInWords(v.awaiting.map((s) => SIDE_NAME[s]))}`}</StatusTag>;
}

/** One version, read-only: the figures with how they were worked out, the activities, support, English and maths. */
function VersionDetail({ v }: { v: Version }) {
  const months = monthlyOtjHours(v.activities, v.durationMonths);
  return (
    <div className="space-y-6">
      {v.changeSummary && (
        <p className="border-l-8 border-nhs-blue bg-white p-4">
          <strong>{`What changed in version ${v.version}: `}</strong>
          {v.changeSummary}
        </p>
      )}
      <dl className="grid gap-x-6 gap-y-2 bg-white p-4 sm:grid-cols-[max-content_1fr]">
        <dt className="font-bold">Planned start</dt>
        <dd>{formatDate(v.plannedStartDate)}</dd>
        <dt className="font-bold">Planned end</dt>
        <dd>{`${formatDate(v.plannedEndDate)} (${v.durationMonths} months${v.rplMonths ? `, ${v.rplMonths} taken off for recognised prior learning` : ''})`}</dd>
        <dt className="font-bold">Weekly contracted hours</dt>
        <dd>{v.weeklyHours}</dd>
        <dt className="font-bold">Planned off-the-job hours</dt>
        <dd>
          <strong>{v.plannedOtjHours}</strong> <span className="block text-nhs-grey-1">{v.working}</span>
        </dd>
        <dt className="font-bold">The rule</dt>
        <dd>{v.ruleText}</dd>
      </dl>
      <section aria-labelledby={`activities-${v.id}`}>
        <h3 id={`activities-${v.id}`} className="mb-2 text-xl font-bold">
          Activities by month
        </h3>
        <DataTable caption={`Training activities of version ${v.version}, by month`} head={['Month', 'Activity', 'KSBs', 'Off-the-job hours']}>
          {v.activities.map((a, i) => (
            <tr key={i}>
              <td>{a.month}</td>
              <td>{a.title}</td>
              <td>{a.ksbs.join(', ')}</td>
              <td>{a.otjHours}</td>
            </tr>
          ))}
        </DataTable>
        <p className="mt-2 text-sm text-nhs-grey-1">{`Hours by month: ${months.map((h, i) => `month ${i + 1}: ${h}`).join('; ')}.`}</p>
      </section>
      <dl className="grid gap-x-6 gap-y-2 bg-white p-4 sm:grid-cols-[max-content_1fr]">
        <dt className="font-bold">Support agreed</dt>
        <dd className="whitespace-pre-line">{v.support || 'None recorded.'}</dd>
        <dt className="font-bold">Reasonable adjustments</dt>
        <dd className="whitespace-pre-line">{v.reasonableAdjustments || 'None recorded.'}</dd>
        <dt className="font-bold">English</dt>
        <dd className="whitespace-pre-line">{v.englishPlan}</dd>
        <dt className="font-bold">Maths</dt>
        <dd className="whitespace-pre-line">{v.mathsPlan}</dd>
      </dl>
    </div>
  );
}

const signatures = (v: Version) =>
  [
    v.providerSignedAt ? `Training provider: ${v.providerSignedName}, ${formatDateTime(v.providerSignedAt)}` : 'Training provider: not signed',
    v.apprenticeSignedAt ? `Apprentice: ${formatDateTime(v.apprenticeSignedAt)}` : 'Apprentice: not signed',
    v.employerSignedAt ? `Employer: ${v.employerSignedName}, ${formatDateTime(v.employerSignedAt)}` : 'Employer: not signed',
  ] as const;

/** The training plan page, for every role: what the viewer may do first, then the latest version, then every version. */
export function PlanView({ data, actions, assessmentHref }: { data: TrainingPlans; actions: Actions; assessmentHref: string }) {
  const { latest, inForce, can } = data;
  return (
    <div className="space-y-8">
      {!latest && (
        <section aria-labelledby="draft-heading" className="bg-white p-5">
          <h2 id="draft-heading" className="mb-2 text-2xl font-bold">
            No training plan yet
          </h2>
          {data.assessment ? (
            <>
              <p className="mb-4">
                {`The initial assessment was confirmed on ${formatDate(data.assessment.confirmedAt!)}${data.assessment.rplHours || data.assessment.rplMonths ? `, with recognised prior learning of ${data.assessment.rplHours} hours and ${data.assessment.rplMonths} months` : ''}. The draft starts from it and the ${data.settings.rulesYear} funding rules; you can change every part before anyone signs.`}
              </p>
              {can.draft ? <DraftPlanForm apprenticeshipId={data.apprenticeship.id} action={actions.draft} /> : <p>The trainer drafts the plan.</p>}
            </>
          ) : (
            <p>
              The plan starts from the confirmed initial assessment, which is not confirmed yet. <Link href={assessmentHref}>Go to the initial assessment</Link>.
            </p>
          )}
        </section>
      )}
      {latest && (
        <section aria-labelledby="latest-heading" className="space-y-6">
          <div className="flex flex-wrap items-center gap-3">
            <h2 id="latest-heading" className="text-2xl font-bold">
              {`Version ${latest.version}`}
            </h2>
            <VersionStatus v={latest} inForceId={inForce?.id ?? null} />
          </div>
          {inForce && inForce.id !== latest.id && (
            <p className="border-l-8 border-nhs-warm-yellow bg-white p-4">{`Version ${inForce.version} stays in force until version ${latest.version} is signed by all three.`}</p>
          )}
          {can.sign && (
            <section aria-labelledby="sign-heading" className="border-l-8 border-nhs-warm-yellow bg-white p-5">
              <h3 id="sign-heading" className="mb-2 text-xl font-bold">
                {`Your signature, for ${SIDE_NAME[can.sign]}`}
              </h3>
              <SignPlanForm key={`sign:${latest.id}:${latest.rowVersion}`} id={latest.id} rowVersion={latest.rowVersion} side={can.sign} version={latest.version} action={actions.sign} />
            </section>
          )}
          {can.edit ? (
            <section aria-labelledby="edit-heading" className="bg-white p-5">
              <h3 id="edit-heading" className="mb-2 text-xl font-bold">
                Edit the draft
              </h3>
              <p className="mb-4">{`${latest.working} ${latest.ruleText}`}</p>
              <EditPlanForm
                action={actions.update}
                initial={{
                  id: latest.id,
                  rowVersion: latest.rowVersion,
                  plannedStartDate: latest.plannedStartDate,
                  plannedEndDate: latest.plannedEndDate,
                  weeklyHours: String(latest.weeklyHours),
                  plannedOtjHours: String(latest.plannedOtjHours),
                  activities: latest.activities.map((a) => ({ month: String(a.month), title: a.title, ksbs: a.ksbs.join(', '), otjHours: String(a.otjHours) })),
                  support: latest.support,
                  reasonableAdjustments: latest.reasonableAdjustments,
                  englishPlan: latest.englishPlan,
                  mathsPlan: latest.mathsPlan,
                }}
              />
            </section>
          ) : (
            <VersionDetail v={latest} />
          )}
          {can.change && (
            <section aria-labelledby="change-heading" className="bg-white p-5">
              <h3 id="change-heading" className="mb-2 text-xl font-bold">
                Change the plan
              </h3>
              <ChangePlanForm key={`change:${latest.id}:${latest.rowVersion}`} id={latest.id} rowVersion={latest.rowVersion} version={latest.version} action={actions.change} />
            </section>
          )}
        </section>
      )}
      {data.versions.length > 0 && (
        <section aria-labelledby="versions-heading">
          <h2 id="versions-heading" className="mb-2 text-2xl font-bold">
            Versions
          </h2>
          <DataTable caption={`Versions of the training plan of ${data.apprenticeship.apprenticeName}`} head={['Version', 'Made', 'Status', 'Signatures', 'PDF']}>
            {data.versions.map((v) => (
              <tr key={v.id}>
                <td>{v.version}</td>
                <td>{`${formatDate(v.createdAt)} by ${v.createdByName}`}</td>
                <td>
                  <VersionStatus v={v} inForceId={inForce?.id ?? null} />
                </td>
                <td>
                  <ul>
                    {signatures(v).map((s) => (
                      <li key={s}>{s}</li>
                    ))}
                  </ul>
                </td>
                <td>
                  <a href={`/api/training-plans/${v.id}/pdf`} download>
                    {`Download version ${v.version} (PDF)`}
                  </a>
                </td>
              </tr>
            ))}
          </DataTable>
        </section>
      )}
    </div>
  );
}
