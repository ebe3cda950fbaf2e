import { toCsv } from '@/lib/csv';
import { EVIDENCE_STATUS_LABEL } from '@/lib/evidence/schemas';
import type { OtjActivityType, PortfolioOtjEntry, PortfolioPiece } from './types';

export type KsbMapEvidence = { id: string; title: string; status: PortfolioPiece['status']; met: boolean };
export type KsbMapRow = { code: string; text: string; met: boolean; evidence: KsbMapEvidence[] };

/**
 * The standing decision on a piece: its latest review, counted only while the piece is accepted (a
 * piece referred back or resubmitted since has no standing "met").
 */
export function standingMet(piece: Pick<PortfolioPiece, 'status' | 'reviews'>): Set<string> {
  if (piece.status !== 'accepted') return new Set();
  const latest = [...piece.reviews].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).at(-1);
  return new Set(latest?.decisions.filter((d) => d.met).map((d) => d.ksbCode) ?? []);
}

/** For every KSB of the standard, in its order: the evidence claiming it now, and whether any judged it met. */
export function buildKsbMap(ksbs: { code: string; text: string }[], pieces: Pick<PortfolioPiece, 'id' | 'title' | 'status' | 'ksbs' | 'reviews'>[]): KsbMapRow[] {
  const met = new Map(pieces.map((p) => [p.id, standingMet(p)]));
  return ksbs.map(({ code, text }) => {
    const evidence = pieces
      .filter((p) => p.ksbs.includes(code) || met.get(p.id)!.has(code))
      .map((p) => ({ id: p.id, title: p.title, status: p.status, met: met.get(p.id)!.has(code) }));
    return { code, text, met: evidence.some((e) => e.met), evidence };
  });
}


export const KSB_MAP_COLUMNS = ['KSB', 'Description', 'Met', 'Evidence claiming it', 'Evidence judging it met'];

export function ksbMapCsv(rows: KsbMapRow[]): string {
  return toCsv(
    KSB_MAP_COLUMNS,
    rows.map((r) => [
      r.code,
      r.text,
      r.met ? 'Yes' : 'No',
      r.evidence.map((e) => `${e.title} (${EVIDENCE_STATUS_LABEL[e.status]})`).join('; '),
      r.evidence
        .filter((e) => e.met)
        .map((e) => e.title)
        .join('; '),
    ]),
  );
}

export const OTJ_ACTIVITY_LABEL: Record<OtjActivityType, string> = {
  teaching: 'Teaching',
  practical_training: 'Practical training',
  shadowing: 'Shadowing',
  mentoring: 'Mentoring',
  learning_support: 'Learning support',
  writing_assignments: 'Writing assignments',
  other: 'Other',
};
export const OTJ_STATUS_LABEL: Record<PortfolioOtjEntry['status'], string> = { logged: 'Logged', accepted: 'Accepted', queried: 'Queried' };

export const OTJ_COLUMNS = ['Date', 'Hours', 'Activity type', 'Description', 'KSBs', 'Status', 'Trainer comment'];

/** Hours as a decimal a spreadsheet can add up: minutes are whole quarter-hours, so two places are exact. */
export const hoursOf = (minutes: number) => (minutes / 60).toFixed(2);

export function otjCsv(entries: PortfolioOtjEntry[]): string {
  return toCsv(
    OTJ_COLUMNS,
    [...entries]
      .sort((a, b) => a.activityDate.localeCompare(b.activityDate))
      .map((e) => [e.activityDate, hoursOf(e.minutes), OTJ_ACTIVITY_LABEL[e.activityType], e.description, e.ksbs.join(' '), OTJ_STATUS_LABEL[e.status], e.reviewComment ?? '']),
  );
}
