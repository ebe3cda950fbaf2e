import type { Metadata } from 'next';
import Link from 'next/link';
import { listPracticeQuestions } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { QuestionCard } from '@/components/questions/question-card';
import { QuestionTime } from '@/components/questions/question-time';
import { answerQuestionAction } from '../actions';

export const metadata: Metadata = { title: 'Practice questions' };

export default async function PracticePage({ searchParams }: { searchParams: Promise<{ ksb?: string | string[]; id?: string }> }) {
  const viewer = await requireRole('apprentice');
  const { ksb: raw, id: rawId } = await searchParams;
  const id = typeof rawId === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(rawId) ? rawId : undefined;
  const chosen = (Array.isArray(raw) ? raw : raw ? [raw] : []).filter((k) => /^[KS]\d{1,2}$/.test(k));
  const set = await listPracticeQuestions(viewer, { ksb: chosen, id });
  const again = `/apprentice/questions/practice${chosen.length ? `?${new URLSearchParams(chosen.map((k) => ['ksb', k]))}` : ''}`;
  return (
    <>
      <p className="mb-4">
        <Link href="/apprentice/questions">← Theory questions</Link>
      </p>
      <PageHeader title={id ? 'One question to practise' : chosen.length ? `Questions on ${chosen.join(', ')}` : 'A random 20'} lead={`${set.length} question${set.length === 1 ? '' : 's'}. Answer each to see whether you are right and why.`} />
      {set.length === 0 ? (
        <p>There are no questions on this item yet.</p>
      ) : (
        <QuestionTime>
          <ol className="space-y-6">
            {set.map((q, i) => (
              <QuestionCard key={q.id} q={q} n={i + 1} action={answerQuestionAction} />
            ))}
          </ol>
        </QuestionTime>
      )}
      <p className="mt-8">
        <Link href={again}>Another set</Link>
      </p>
    </>
  );
}
