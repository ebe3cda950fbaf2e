import { KsbList } from '@/components/ksb-list';
import { StatusTag } from '@/components/status-tag';
import type { KsbKind } from '@/lib/content/standard';
import { formatDate } from '@/lib/format';
import { RATING_LABEL, summariseRatings, type RatingSummary } from '@/lib/initial-assessment/schemas';

type Ksb = { code: string; kind: KsbKind; text: string };
type Rating = 'none' | 'some' | 'confident';
type Assessment = {
  selfRatings: Record<string, Rating>;
  priorLearning: string;
  experience: string;
  submittedAt: Date | null;
  confirmedRatings: Record<string, Rating> | null;
  trainerNotes: string | null;
  rplKsbs: string[];
  rplReason: string | null;
  rplHours: number;
  rplMonths: number;
  confirmedAt: Date | null;
  confirmedByName: string | null;
};

const TONE = { none: 'grey', some: 'yellow', confident: 'green' } as const;

function SummaryLine({ s }: { s: RatingSummary }) {
  const total = (r: keyof RatingSummary['K']) => s.K[r] + s.S[r] + s.B[r];
  return (
    <p>
      {total('confident')} confident, {total('some')} some, {total('none')} none yet{total('unrated') ? `, ${total('unrated')} not rated` : ''}.
    </p>
  );
}

/** The initial assessment read-only: the apprentice's ratings and, once confirmed, the trainer's, with RPL. */
export function AssessmentView({ a, ksbs, apprenticeName }: { a: Assessment; ksbs: Ksb[]; apprenticeName: string }) {
  const first = apprenticeName.split(' ')[0];
  const confirmed = a.confirmedRatings;
  return (
    <div className="space-y-6">
      <section aria-labelledby="ia-summary" className="space-y-3 bg-white p-5">
        <h2 id="ia-summary" className="text-2xl font-bold">
          Summary
        </h2>
        <p>{a.submittedAt ? `Submitted by ${first} on ${formatDate(a.submittedAt)}.` : 'Not submitted yet.'}</p>
        <div>
          <h3 className="font-bold">{first}’s own ratings</h3>
          <SummaryLine s={summariseRatings(a.selfRatings)} />
        </div>
        {confirmed && (
          <div>
            <h3 className="font-bold">
              Confirmed by {a.confirmedByName ?? 'the trainer'} on {formatDate(a.confirmedAt!)}
            </h3>
            <SummaryLine s={summariseRatings(confirmed)} />
          </div>
        )}
        <div>
          <h3 className="font-bold">Prior learning</h3>
          <p className="whitespace-pre-line">{a.priorLearning || 'None given.'}</p>
        </div>
        <div>
          <h3 className="font-bold">Experience</h3>
          <p className="whitespace-pre-line">{a.experience || 'None given.'}</p>
        </div>
        {confirmed && (
          <>
            <div>
              <h3 className="font-bold">Recognised prior learning</h3>
              {a.rplKsbs.length || a.rplHours || a.rplMonths ? (
                <>
                  <p>
                    Covers {a.rplKsbs.join(', ') || 'no item'}; removes {a.rplHours} off-the-job {a.rplHours === 1 ? 'hour' : 'hours'} and {a.rplMonths} {a.rplMonths === 1 ? 'month' : 'months'}.
                  </p>
                  {a.rplReason && <p className="whitespace-pre-line">{a.rplReason}</p>}
                </>
              ) : (
                <p>None.</p>
              )}
            </div>
            {a.trainerNotes && (
              <div>
                <h3 className="font-bold">Trainer’s notes</h3>
                <p className="whitespace-pre-line">{a.trainerNotes}</p>
              </div>
            )}
          </>
        )}
      </section>
      <section aria-labelledby="ia-items">
        <h2 id="ia-items" className="mb-3 text-2xl font-bold">
          Item by item
        </h2>
        <KsbList
          ksbs={ksbs}
          headingLevel={3}
          status={(code) => {
            const own = a.selfRatings[code];
            const c = confirmed?.[code];
            return (
              <span className="flex flex-col items-end gap-1 text-sm">
                <span>
                  {confirmed ? `${first}: ` : ''}
                  {own ? RATING_LABEL[own] : 'Not rated'}
                </span>
                {c && (
                  <StatusTag tone={TONE[c]}>
                    {c !== own ? 'Adjusted: ' : 'Confirmed: '}
                    {RATING_LABEL[c]}
                  </StatusTag>
                )}
                {a.rplKsbs.includes(code) && <StatusTag tone="blue">RPL</StatusTag>}
              </span>
            );
          }}
        />
      </section>
    </div>
  );
}
