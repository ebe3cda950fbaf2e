import Link from 'next/link';
import { RollingChart } from '@/components/charts/rolling-chart';
import { BreakNotice } from '@/components/funding/break-notice';
import type { getProgressPicture, listEvidence } from '@/lib/dal';
import { EVIDENCE_STATUS_LABEL } from '@/lib/evidence/schemas';
import { formatDate, formatPercent as pct } from '@/lib/format';
import { forecastThreshold, type Forecast } from '@/lib/progress/forecast';
import { AUDIT_FIGURES, AUDIT_FIGURE_LABEL } from '@/lib/progress/settings';
import { SPECIALTIES } from '@/lib/content/case';
import { KsbGrid } from './ksb-grid';
import { GatewayChecklist, ReadinessTable, WeakSpots } from './picture-sections';
import { KSB_STATE } from './ksb-state';
import { RagTag } from './rag-tag';
import { RATING_LABEL, startLabel, type KsbStart } from '@/lib/initial-assessment/schemas';

type Picture = Awaited<ReturnType<typeof getProgressPicture>>;
type EvidenceRows = Awaited<ReturnType<typeof listEvidence>>;

function forecastText(f: Forecast): string {
  switch (f.kind) {
    case 'met':
      return 'reached';
    case 'not_enough_data':
      return `not enough data (${f.cases} of ${f.needed} cases)`;
    case 'not_improving':
      return 'not improving: no date';
    case 'date':
      return `about ${formatDate(f.date)}`;
  }
}

/** issue 20: initial assessment. "12 confident, 30 some, 14 none yet, 3 recognised prior learning". */
function startSummary(map: { start: KsbStart | null }[]): string {
  const count = (f: (s: KsbStart) => boolean) => map.filter((k) => k.start && f(k.start)).length;
  const parts = (['confident', 'some', 'none'] as const).map((r) => `${count((s) => !s.rpl && s.rating === r)} ${RATING_LABEL[r].toLowerCase()}`);
  const rpl = count((s) => s.rpl);
  return [...parts, ...(rpl ? [`${rpl} recognised prior learning`] : [])].join(', ');
}

const LEVEL_TEXT = { second: 'At the second level', first: 'At the first level', below: 'Below the first level', not_enough_data: 'Not enough coded cases yet' } as const;

/**
 * One apprentice's whole picture, the same for the apprentice, their trainer and their employer: RAG,
 * the KSB map with a drill-down, NCCQ readiness with trends and forecasts, weak spots, the gateway.
 */
export function ProgressPicture({
  p,
  selectedKsb,
  ksbEvidence,
  basePath,
  practiseLinks,
  ksbActions,
  drills,
}: {
  p: Picture;
  selectedKsb?: string;
  ksbEvidence?: EvidenceRows;
  basePath: string;
  practiseLinks: boolean;
  /** What the viewer can do with the chosen KSB (the apprentice: make evidence of its practice). */
  ksbActions?: React.ReactNode;
  /** The weak-spot drills panel (the trainer's view), shown under the weak spots. */
  drills?: React.ReactNode;
}) {
  const today = new Date();
  const s = p.settings;
  const chosen = p.ksbMap.find((k) => k.code === selectedKsb);
  return (
    <div className="space-y-8">
      {p.breakSince && <BreakNotice since={p.breakSince} />}
      <section aria-labelledby="at-a-glance" className="grid grid-cols-1 gap-4 bg-white p-5 md:grid-cols-4">
        <h2 id="at-a-glance" className="sr-only">
          At a glance
        </h2>
        <div className="md:col-span-4">
          <RagTag result={p.rag} all />
        </div>
        <div>
          <p className="text-sm text-nhs-grey-1">KSBs met</p>
          <p className="text-2xl font-bold">{p.coverage.met} of 59</p>
          <p className="text-sm">expected by now: {Math.round(p.coverage.expected)}</p>
        </div>
        <div>
          <p className="text-sm text-nhs-grey-1">Coding accuracy ({p.cases} latest cases)</p>
          <p className="text-2xl font-bold">{LEVEL_TEXT[p.level]}</p>
        </div>
        <div>
          <p className="text-sm text-nhs-grey-1">Theory ({p.theory.answered} latest answers)</p>
          <p className="text-2xl font-bold">{pct(p.theory.percent)}</p>
          <p className="text-sm">pass mark {s.theoryPassMark}%</p>
        </div>
        <div>
          <p className="text-sm text-nhs-grey-1">Off-the-job hours</p>
          <p className="text-2xl font-bold">{pct(p.otj.percentOfPlan)} of plan</p>
          <p className="text-sm">next review due {formatDate(p.reviewDue)}</p>
        </div>
      </section>

      <section aria-labelledby="ksb-map-heading" className="bg-white p-5">
        <h2 id="ksb-map-heading" className="mb-1 text-2xl font-bold">
          KSB map
        </h2>
        <p className="mb-4 text-nhs-grey-1">Choose an item to see the evidence and practice behind it.</p>
        <KsbGrid cells={p.ksbMap.map(({ code, kind, text, state, accuracy, start }) => ({ code, kind, text, state, accuracy, start: start && startLabel(start), rpl: start?.rpl }))} basePath={basePath} selected={selectedKsb} />
        {/* issue 20: initial assessment. The confirmed result is where each KSB started. */}
        <p className="mt-3 text-sm">
          {p.initialAssessmentConfirmedAt
            ? `Starting points from the initial assessment confirmed on ${formatDate(p.initialAssessmentConfirmedAt)}: ${startSummary(p.ksbMap)}. “RPL” marks recognised prior learning.`
            : 'The starting point of each item is shown here once the trainer confirms the initial assessment.'}
        </p>
        {chosen && (
          <div id="ksb-detail" className="mt-6 border-l-8 border-nhs-blue bg-nhs-grey-5 p-4" aria-live="polite">
            <h3 className="text-lg font-bold">
              {chosen.code}: {KSB_STATE[chosen.state].label}
            </h3>
            <p className="mb-3">{chosen.text}</p>
            {chosen.start && <p className="mb-3 text-sm">At start (initial assessment): {startLabel(chosen.start)}.</p>}
            <p className="text-sm">
              Coding practice: {chosen.attempts} {chosen.attempts === 1 ? 'attempt' : 'attempts'} on cases tagged {chosen.code}; theory: {chosen.answered}{' '}
              {chosen.answered === 1 ? 'answer' : 'answers'} on questions tagged {chosen.code}
              {chosen.audits > 0 ? `; audit practice: ${chosen.audits} ${chosen.audits === 1 ? 'episode' : 'episodes'} audited` : ''}
              {chosen.queries > 0 ? `; clinical query practice: ${chosen.queries} ${chosen.queries === 1 ? 'query decision' : 'query decisions'}` : ''}
              {chosen.accuracy !== null ? `; ${Math.round(chosen.accuracy)}% right overall` : ''}.
            </p>
            {ksbEvidence && ksbEvidence.length > 0 ? (
              <ul className="mt-3 list-disc pl-5">
                {ksbEvidence.map((e) => (
                  <li key={e.id}>
                    <Link href={practiseLinks ? `/apprentice/evidence/${e.id}` : `/evidence/${e.id}`}>{e.title}</Link> ({EVIDENCE_STATUS_LABEL[e.status]})
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-3 text-sm">No evidence claims {chosen.code} yet.</p>
            )}
            {practiseLinks && (
              <p className="mt-3">
                <Link href={`/apprentice/cases?ksb=${chosen.code}`}>Cases that practise {chosen.code}</Link>
              </p>
            )}
            {ksbActions}
          </div>
        )}
      </section>

      <section aria-labelledby="readiness-heading" className="bg-white p-5">
        <h2 id="readiness-heading" className="mb-1 text-2xl font-bold">
          NCCQ readiness
        </h2>
        <p className="mb-4 max-w-3xl text-nhs-grey-1">
          Each audit figure over the latest {s.readinessWindowCases} coded cases, summed as the audit does (codes right over codes audited), against the first level (
          {AUDIT_FIGURES.map((f) => s.attainment.first[f]).join('/')}) and the second ({AUDIT_FIGURES.map((f) => s.attainment.second[f]).join('/')}). Forecasts extend the trend; they need {s.minCasesForForecast} cases.
        </p>
        <ReadinessTable
          rows={AUDIT_FIGURES.map((f) => ({
            figure: AUDIT_FIGURE_LABEL[f],
            latest: pct(p.figures[f].percent),
            correct: `${p.figures[f].correct} of ${p.figures[f].of}`,
            firstLevel: p.figures[f].percent === null ? null : p.figures[f].percent! >= s.attainment.first[f] ? 'reached' : 'not_yet',
            forecastFirst: forecastText(forecastThreshold(p.series[f], s.attainment.first[f], today, s.minCasesForForecast)),
            forecastSecond: forecastText(forecastThreshold(p.series[f], s.attainment.second[f], today, s.minCasesForForecast)),
          }))}
        />
        <div className="mt-6 grid grid-cols-1 gap-6 md:grid-cols-2">
          {AUDIT_FIGURES.map((f) => (
            <figure key={f}>
              <figcaption className="font-bold">{AUDIT_FIGURE_LABEL[f]}</figcaption>
              {p.series[f].length > 1 ? (
                <RollingChart
                  points={p.series[f]}
                  first={s.attainment.first[f]}
                  second={s.attainment.second[f]}
                  label={`${AUDIT_FIGURE_LABEL[f]} over time, rolling over ${s.readinessWindowCases} cases: now ${pct(p.figures[f].percent)}. The table above gives the figures.`}
                />
              ) : (
                <p className="text-sm text-nhs-grey-1">Not enough coded cases to draw a trend.</p>
              )}
            </figure>
          ))}
        </div>
        <p className="mt-4">
          Theory: {p.theory.right} right of the latest {p.theory.answered} answers ({pct(p.theory.percent)}); the NCCQ theory pass mark is {s.theoryPassMark}%
          {p.theory.answered < s.theoryWindowQuestions ? `, judged over ${s.theoryWindowQuestions} answers` : ''}. {p.theory.passes ? 'At the pass mark.' : 'Not at the pass mark yet.'}
        </p>
      </section>

      <section aria-labelledby="weak-heading" className="bg-white p-5">
        <h2 id="weak-heading" className="mb-3 text-2xl font-bold">
          Weak spots
        </h2>
        <WeakSpots
          byConvention={p.weakSpots.byConvention.map((w) => ({ key: w.convention, label: w.label, href: practiseLinks ? `/apprentice/cases?convention=${w.convention}` : null, count: w.count }))}
          bySpecialty={p.weakSpots.bySpecialty.map((w) => ({
            key: w.specialty,
            label: SPECIALTIES[w.specialty as keyof typeof SPECIALTIES] ?? w.specialty,
            href: practiseLinks ? `/apprentice/cases?specialty=${w.specialty}` : null,
            count: w.count,
          }))}
        />
        {practiseLinks && (
          <p className="mt-4">
            <Link href="/apprentice/practice/drills">Practise my weak spots</Link>
          </p>
        )}
        {drills}
      </section>

      <section aria-labelledby="gateway-heading" className="bg-white p-5">
        <h2 id="gateway-heading" className="mb-1 text-2xl font-bold">
          Gateway checklist
        </h2>
        <GatewayChecklist lines={p.gateway.lines} ready={p.gateway.ready} />
      </section>
    </div>
  );
}
