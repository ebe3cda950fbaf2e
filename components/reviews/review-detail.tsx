import type { ProgressReviewDetail } from '@/lib/dal/reviews';
import { formatDate, formatDateTime } from '@/lib/format';
import { formatHours } from '@/lib/otj/plan';

function Block({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-1">
      <h3 className="font-bold">{title}</h3>
      {children}
    </section>
  );
}

const NOT_RECORDED = 'Not recorded: this review predates the minimum content.';

/** A field of the funding rules' minimum content; older reviews lack it and say so. */
function Recorded({ text }: { text: string | null }) {
  return text === null ? <p className="text-nhs-grey-1">{NOT_RECORDED}</p> : <p className="whitespace-pre-line">{text}</p>;
}

/** The review as recorded, with each signature and comment. */
export function ReviewDetail({ r }: { r: ProgressReviewDetail }) {
  return (
    <>
      {r.gap.message && (
        <p className="mb-6 border-l-8 border-nhs-red bg-white p-4" role="note">
          <strong>Late review.</strong> {r.gap.message}
        </p>
      )}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[2fr_1fr]">
        <article aria-labelledby="review-record" className="space-y-4 bg-white p-5">
          <h2 id="review-record" className="text-xl font-bold">
            The review
          </h2>
          <Block title="Progress since the last review">
            <p className="whitespace-pre-line">{r.progressSummary}</p>
          </Block>
          <Block title="Knowledge, skills and behaviours discussed">
            <ul className="list-disc space-y-1 pl-6">
              {r.ksbs.map((k) => (
                <li key={k.code}>
                  <strong>{k.code}</strong> {k.text}
                </li>
              ))}
            </ul>
          </Block>
          <Block title="Targets for the next period">
            <p className="whitespace-pre-line">{r.targets}</p>
          </Block>
          <Block title="Off-the-job hours at the review date">
            <p>
              {formatHours(r.otjHoursLogged)} hours logged against {formatHours(r.otjHoursPlanned)} planned to date (from the log, as it stood on {formatDate(r.reviewDate)}).
            </p>
          </Block>
          <Block title="English and maths">
            <Recorded text={r.englishMaths} />
          </Block>
          <Block title="Support, including reasonable adjustments">
            <Recorded text={r.supportDiscussed} />
            {r.planVersion !== null && <p className="text-nhs-grey-1">Training plan in force when recorded: version {r.planVersion}.</p>}
          </Block>
          <Block title="Wellbeing">
            <p className="whitespace-pre-line">{r.wellbeing}</p>
          </Block>
          <Block title="Safeguarding check">
            <p>{r.safeguardingConcern ? 'A concern was raised.' : 'No concern.'}</p>
            {r.safeguardingConcern && (r.safeguardingNotes ? <p className="whitespace-pre-line">{r.safeguardingNotes}</p> : <p className="text-nhs-grey-1">The notes are held by the training provider.</p>)}
          </Block>
        </article>
        <section aria-labelledby="signatures" className="space-y-4 bg-white p-5">
          <h2 id="signatures" className="text-xl font-bold">
            Signatures
          </h2>
          <Block title="Trainer">
            <p>
              {r.trainerName}, recorded {formatDateTime(r.createdAt)}
            </p>
          </Block>
          <Block title="Apprentice">
            {r.apprenticeSignedAt ? (
              <>
                <p>
                  {r.apprenticeName}, signed {formatDateTime(r.apprenticeSignedAt)}
                </p>
                <p className="whitespace-pre-line border-l-4 border-nhs-grey-4 pl-3">{r.apprenticeComment}</p>
              </>
            ) : (
              <p className="text-nhs-grey-1">Not signed yet.</p>
            )}
          </Block>
          <Block title="Employer">
            {r.employerSignedAt ? (
              <>
                <p>
                  {r.employerSignedName} ({r.employerName}), signed {formatDateTime(r.employerSignedAt)}
                </p>
                <p className="whitespace-pre-line border-l-4 border-nhs-grey-4 pl-3">{r.employerComment}</p>
              </>
            ) : (
              <p className="text-nhs-grey-1">Not signed yet.</p>
            )}
          </Block>
        </section>
      </div>
    </>
  );
}
