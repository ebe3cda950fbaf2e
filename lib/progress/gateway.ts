import { formatDate, listInWords } from '@/lib/format';
import type { AttainmentLevel } from './readiness';
import { minimumLearningEnd } from './schedule';

type FunctionalSkill = 'required' | 'in_progress' | 'achieved' | 'exempt' | 'not_required';

export type GatewayInputs = {
  ksbsMet: number;
  ksbsMissing: string[];
  otjLogged: number;
  otjPlannedToDate: number;
  english: FunctionalSkill;
  maths: FunctionalSkill;
  startDate: string;
  weeklyHours: number;
  today: Date;
  readiness: AttainmentLevel;
  confirmations: { role: 'apprentice' | 'trainer' | 'employer'; name: string; at: Date }[];
  /** The latest graded mock of each kind the apprentice has sat (issue 7). */
  mocks: { kind: string; title: string; grade: 'fail' | 'pass' | 'distinction'; percent: number; at: Date }[];
};

export type GatewayLine = { key: string; label: string; met: boolean; evidence: string; missing: string | null };

const SKILL_DONE: FunctionalSkill[] = ['achieved', 'exempt', 'not_required'];
const SKILL_LABEL: Record<FunctionalSkill, string> = {
  required: 'required, not started',
  in_progress: 'in progress',
  achieved: 'achieved',
  exempt: 'exempt',
  not_required: 'not required under the funding rules',
};
const fmt = formatDate;
const h = (n: number) => (Math.round(n * 4) / 4).toString();

/** The gateway checklist: each line met or not, what shows it, and what is missing. */
export function gatewayChecklist(i: GatewayInputs): { lines: GatewayLine[]; ready: boolean } {
  const min = minimumLearningEnd(i.startDate, i.weeklyHours);
  const who = [
    ['apprentice', 'the apprentice'],
    ['trainer', 'the trainer'],
    ['employer', 'the employer'],
  ] as const;
  const given = who.map(([role, name]) => ({ role, name, c: i.confirmations.find((c) => c.role === role) }));
  const waiting = given.filter((g) => !g.c).map((g) => g.name);
  const lines: GatewayLine[] = [
    {
      key: 'ksbs',
      label: 'Every knowledge, skill and behaviour met',
      met: i.ksbsMissing.length === 0,
      evidence: `${i.ksbsMet} of 59 met in accepted evidence`,
      missing: i.ksbsMissing.length ? `Not yet met: ${i.ksbsMissing.join(', ')}` : null,
    },
    {
      key: 'otj',
      label: 'Off-the-job hours at or above plan',
      met: i.otjLogged >= i.otjPlannedToDate,
      evidence: `${h(i.otjLogged)} hours logged; plan to date ${h(i.otjPlannedToDate)}`,
      missing: i.otjLogged >= i.otjPlannedToDate ? null : `${h(i.otjPlannedToDate - i.otjLogged)} hours to log`,
    },
    {
      key: 'english-maths',
      label: 'English and maths',
      met: SKILL_DONE.includes(i.english) && SKILL_DONE.includes(i.maths),
      evidence: `English ${SKILL_LABEL[i.english]}; maths ${SKILL_LABEL[i.maths]}`,
      missing: [!SKILL_DONE.includes(i.english) && 'English at Level 2', !SKILL_DONE.includes(i.maths) && 'maths at Level 2'].filter(Boolean).join(' and ') || null,
    },
    {
      key: 'time',
      label: `Minimum time in learning (${min.months} months for this start date)`,
      met: i.today >= min.date,
      evidence: `Started ${fmt(new Date(i.startDate))}; minimum reached on ${fmt(min.date)}`,
      missing: i.today >= min.date ? null : `Not before ${fmt(min.date)}`,
    },
    {
      key: 'readiness',
      label: 'Coding accuracy at the first attainment level',
      met: i.readiness === 'first' || i.readiness === 'second',
      evidence: i.readiness === 'not_enough_data' ? 'Not enough coded cases yet' : `Latest figures: ${i.readiness === 'below' ? 'below the first level' : `at the ${i.readiness} level`}`,
      missing: i.readiness === 'first' || i.readiness === 'second' ? null : 'All four audit figures at the first level over the latest cases',
    },
    mockLine(i.mocks),
    {
      key: 'confirmed',
      label: 'Apprentice, trainer and employer confirm readiness for gateway',
      met: waiting.length === 0,
      evidence: given.flatMap((g) => (g.c ? [`${g.role} ${g.c.name} on ${fmt(g.c.at)}`] : [])).join('; ') || 'Not confirmed yet',
      missing: waiting.length ? `Waiting for ${listInWords(waiting)}` : null,
    },
  ];
  return { lines, ready: lines.every((l) => l.met) };
}

/**
 * A practice end-point assessment passed: the latest graded mock EPA at pass or better. The mock NCCQ
 * papers are listed as evidence but do not count: the NCCQ is a qualification of its own, not part
 * of the EPA gateway (DOMAIN.md §1–2).
 */
function mockLine(mocks: GatewayInputs['mocks']): GatewayLine {
  const epa = mocks.find((m) => m.kind === 'epa_practice');
  const met = Boolean(epa && epa.grade !== 'fail');
  const shown = (m: GatewayInputs['mocks'][number]) => `${m.title}: ${m.grade} (${m.percent.toFixed(0)}%) on ${fmt(m.at)}`;
  return {
    key: 'mock',
    label: 'A practice end-point assessment passed',
    met,
    evidence: mocks.length ? mocks.map(shown).join('; ') : 'No mock assessment graded yet',
    missing: met ? null : epa ? 'The latest practice end-point assessment did not pass: sit it again' : 'Sit a practice end-point assessment (Mock assessments)',
  };
}
