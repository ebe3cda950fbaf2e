import type { Metadata } from 'next';
import Link from 'next/link';
import { listPracticeQuestions } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { QuestionCard } from '@/components/questions/question-card';
import { answerQuestionAction } from '../actions';

export const metadata: Metadata = { title: 'Practice questions' };

export default async function PracticePage({ searchParams }: { searchParams: Promise<{ ksb?: string }> }) {
  const viewer = await requireRole('apprentice');
  const { ksb } = await searchParams;
  const set = await listPracticeQuestions(viewer, { ksb: ksb ?? '' });
  return (
    <>
      <p className="mb-4">
        <Link href="/apprentice/questions">← Theory questions</Link>
      </p>
      <PageHeader title={ksb ? `Questions on ${ksb}` : 'A random 20'} lead={`${set.length} question${set.length === 1 ? '' : 's'}. Answer each to see whether you are right and why.`} />
      {set.length === 0 ? (
        <p>There are no questions on this item yet.</p>
      ) : (
        <ol className="space-y-6">
          {set.map((q, i) => (
            <QuestionCard key={q.id} q={q} n={i + 1} action={answerQuestionAction} />
          ))}
        </ol>
      )}
      <p className="mt-8">
        <Link href={ksb ? `/apprentice/questions/practice?ksb=${ksb}` : '/apprentice/questions/practice'}>Another set</Link>
      </p>
    </>
  );
}
