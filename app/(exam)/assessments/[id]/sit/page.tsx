import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getAttemptPaper } from '@/lib/dal';
import { orNotFound, requireViewer } from '@/lib/dal/session';
import { Paper } from '@/components/assessments/paper';
import { paperPageTitle, questionToOpen } from '@/lib/assessments/reopen';
import { submitAssessmentAction } from '@/app/(app)/assessments/actions';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ q?: string | string[] }> };

// The title and the page read the same paper: once per request.
const paperOf = cache(async (id: string) => {
  const viewer = await requireViewer();
  if (viewer.role !== 'apprentice') redirect(`/assessments/${encodeURIComponent(id)}`);
  return orNotFound(getAttemptPaper(viewer, id));
});

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [{ id }, { q }] = await Promise.all([params, searchParams]);
  const paper = await paperOf(id);
  if (paper.status !== 'in_progress') return { title: paper.title };
  return { title: paperPageTitle(paper.title, questionToOpen(q, paper.items.length, paper.items), paper.items.length) };
}

/**
 * A paper being sat, in exam mode (app/(exam)/layout.tsx). The open question is in the address
 * (?q=3), so a reload returns to it; without one, the paper opens where an answer was last saved.
 * Once the paper is submitted (by the apprentice or at the deadline) this address leads to the result.
 */
export default async function SitPaperPage({ params, searchParams }: Props) {
  const [{ id }, { q }] = await Promise.all([params, searchParams]);
  const paper = await paperOf(id);
  if (paper.status !== 'in_progress') redirect(`/assessments/${paper.id}`);
  return <Paper paper={paper} initialIndex={questionToOpen(q, paper.items.length, paper.items)} submit={submitAssessmentAction} />;
}
