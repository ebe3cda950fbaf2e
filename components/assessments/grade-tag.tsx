import { StatusTag } from '@/components/status-tag';
import type { Grade } from '@/lib/content/assessment';

const TONE = { fail: 'red', pass: 'green', distinction: 'blue' } as const;
const LABEL = { fail: 'Fail', pass: 'Pass', distinction: 'Distinction' } as const;

/** A grade, or where there is none yet, the attempt's state in words. */
export function GradeTag({ grade, status }: { grade: Grade | null; status: 'in_progress' | 'submitted' | 'marked' | 'not_started' }) {
  if (grade) return <StatusTag tone={TONE[grade]}>{LABEL[grade]}</StatusTag>;
  if (status === 'in_progress') return <StatusTag tone="yellow">In progress</StatusTag>;
  if (status === 'submitted') return <StatusTag tone="grey">Awaiting trainer marking</StatusTag>;
  if (status === 'not_started') return <StatusTag tone="grey">Not started</StatusTag>;
  return <StatusTag tone="grey">Marked</StatusTag>;
}

export const formatPercent = (p: number | null) => (p === null ? '—' : `${p.toFixed(1)}%`);
