import type { Blueprint, Boundaries, Grade, SectionKind } from '@/lib/content/assessment';
import { sumFigures, type AttemptFigures, type FigureTotals } from '@/lib/progress/readiness';

/** A percentage to 2 decimal places: what is shown, and what is compared with the boundaries. */
export const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The grade for a percentage. Boundaries are inclusive ("at or above"), and the comparison is on the
 * value rounded to 2 dp, so 89.999999… (a floating-point 90) passes a 90% boundary, as a person
 * reading "90.00%" on screen would expect.
 */
export function gradeFor(percent: number, b: Boundaries): Grade {
  const p = round2(percent);
  if (p >= b.distinction) return 'distinction';
  if (p >= b.pass) return 'pass';
  return 'fail';
}

export type CodingScore = FigureTotals & { correct: number; outOf: number };

/**
 * A coding section's score: the four audit figures summed over its cases as the NHS audit sums
 * episodes (correct over audited per figure; percent null where nothing was audited), and the
 * section's mark, codes correct out of codes audited over all four figures.
 */
export function codingScore(figures: AttemptFigures[]): CodingScore {
  const totals = sumFigures(figures);
  const all = Object.values(totals);
  return { ...totals, correct: all.reduce((t, f) => t + f.correct, 0), outOf: all.reduce((t, f) => t + f.of, 0) };
}

export type SectionResultInput = { sectionId: string; score: number; outOf: number; pending: boolean };
export type SectionResult = {
  sectionId: string;
  title: string;
  kind: SectionKind;
  score: number;
  outOf: number;
  percent: number | null;
  grade: Grade | null;
  pending: boolean;
};
export type PaperResult = { sections: SectionResult[]; percent: number | null; grade: Grade | null; pending: boolean };

/**
 * A paper's result from its sections' marks, in blueprint order.
 *
 * - A section's percent is score / outOf, rounded to 2 dp, graded against its own boundaries.
 * - Pending (written answers not yet marked): the section's percent and grade are null, and so are
 *   the paper's; `pending` is true. A part-marked percent would mislead.
 * - outOf 0 with nothing pending (a section that had nothing to mark, e.g. coding cases with no
 *   codes audited): percent and grade null, and the section is left out of the paper's mean, its
 *   weight shared among the others. Counting it as 0% would fail an apprentice for a content fault.
 * - The paper's percent is the weighted mean of the sections' percents (weights from the
 *   blueprint), graded against the paper's boundaries. No section has to pass on its own: the
 *   ST0535 assessment plan's combination rules are unconfirmed (DOMAIN.md §1); section grades are
 *   shown for feedback.
 *
 * Throws when a result names no section of the blueprint, or a section has no result.
 */
export function gradePaper(bp: Pick<Blueprint, 'sections' | 'boundaries'>, results: SectionResultInput[]): PaperResult {
  const byId = new Map(results.map((r) => [r.sectionId, r]));
  for (const r of results) if (!bp.sections.some((s) => s.id === r.sectionId)) throw new Error(`gradePaper: no section "${r.sectionId}" in the blueprint`);
  const sections = bp.sections.map((s): SectionResult => {
    const r = byId.get(s.id);
    if (!r) throw new Error(`gradePaper: no result for section "${s.id}"`);
    if (r.outOf < 0 || r.score < 0 || r.score > r.outOf) throw new Error(`gradePaper: section "${s.id}" scored ${r.score} out of ${r.outOf}`);
    const percent = r.pending || r.outOf === 0 ? null : round2((100 * r.score) / r.outOf);
    return { sectionId: s.id, title: s.title, kind: s.kind, score: r.score, outOf: r.outOf, percent, grade: percent === null ? null : gradeFor(percent, s.boundaries), pending: r.pending };
  });
  const pending = sections.some((s) => s.pending);
  let weighted = 0;
  let weights = 0;
  bp.sections.forEach((s, i) => {
    const p = sections[i]!.percent;
    if (p === null) return;
    weighted += s.weight * p;
    weights += s.weight;
  });
  const percent = pending || weights === 0 ? null : round2(weighted / weights);
  return { sections, percent, grade: percent === null ? null : gradeFor(percent, bp.boundaries), pending };
}
