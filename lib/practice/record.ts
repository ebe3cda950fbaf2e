import { formatDate } from '@/lib/format';
import { ukToday } from '@/lib/forms/fields';

/**
 * A KSB's practice record as the account of a draft piece of evidence (issue 19, point 5): what was
 * practised, how well, and which way it is going, in figures, for the apprentice to add what it shows.
 */
export type PracticeFacts = {
  /** Coded cases tagged with the KSB, oldest first: codes right and codes audited in each (the standing marking). */
  coding: { correct: number; of: number }[];
  questions: { answered: number; right: number };
  audits: { done: number; correct: number; of: number };
  queries: { written: number; marked: number; criteriaMet: number; criteriaMarked: number };
};

const pct = (n: number, d: number) => `${Math.round((100 * n) / d)}%`;
const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
const sum = (rows: { correct: number; of: number }[]) => rows.reduce((s, r) => ({ correct: s.correct + r.correct, of: s.of + r.of }), { correct: 0, of: 0 });

/** Nothing to show: no practice of any kind is tagged with the KSB. */
export const hasPractice = (f: PracticeFacts) => f.coding.length + f.questions.answered + f.audits.done + f.queries.written > 0;

/** Accuracy over the first half of the cases against the latest half, from 6 cases (3 and 3) on. */
export function codingTrend(cases: { correct: number; of: number }[]): { first: number; latest: number; half: number } | null {
  if (cases.length < 6) return null;
  const half = Math.floor(cases.length / 2);
  const [a, b] = [sum(cases.slice(0, half)), sum(cases.slice(-half))];
  if (!a.of || !b.of) return null;
  return { first: (100 * a.correct) / a.of, latest: (100 * b.correct) / b.of, half };
}

export function practiceRecordAccount(ksb: { code: string; text: string }, f: PracticeFacts, today: Date): string {
  const lines = [`My practice record for ${ksb.code} (${ksb.text}), as Coder Pathway recorded it on ${formatDate(ukToday(today))}.`, ''];
  if (f.coding.length) {
    const all = sum(f.coding);
    const trend = codingTrend(f.coding);
    lines.push(
      `Coding practice: ${plural(f.coding.length, 'case', 'cases')} coded, ${all.correct} of ${all.of} codes right (${all.of ? pct(all.correct, all.of) : 'none audited'}).` +
        (trend ? ` ${Math.round(trend.first)}% over the first ${trend.half} and ${Math.round(trend.latest)}% over the latest ${trend.half}: ${trend.latest > trend.first + 2 ? 'improving' : trend.latest < trend.first - 2 ? 'falling' : 'steady'}.` : ''),
    );
  }
  if (f.questions.answered) lines.push(`Theory questions: ${plural(f.questions.answered, 'answer', 'answers')}, ${f.questions.right} right (${pct(f.questions.right, f.questions.answered)}).`);
  if (f.audits.done) lines.push(`Audit practice: ${plural(f.audits.done, 'coded episode', 'coded episodes')} audited, ${f.audits.correct} of ${f.audits.of} judgements right (${f.audits.of ? pct(f.audits.correct, f.audits.of) : 'none marked'}).`);
  if (f.queries.written)
    lines.push(
      `Clinical query practice: ${plural(f.queries.written, 'query decision', 'query decisions')}` +
        (f.queries.marked ? `, ${f.queries.marked} marked by my trainer, meeting ${f.queries.criteriaMet} of ${f.queries.criteriaMarked} rubric criteria.` : ', none marked yet.'),
    );
  lines.push('', `What this shows about ${ksb.code}, and what I will practise next: `);
  return lines.join('\n');
}
