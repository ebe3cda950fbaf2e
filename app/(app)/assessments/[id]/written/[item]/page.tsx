import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getWrittenForMarking } from '@/lib/dal';
import { orNotFound, requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { WrittenMarkForm } from '@/components/assessments/written-mark-form';
import { formatDateTime } from '@/lib/format';
import { markWrittenAction } from '../../../actions';

export const metadata: Metadata = { title: 'Mark a written answer' };

export default async function MarkWrittenPage({ params }: { params: Promise<{ id: string; item: string }> }) {
  const viewer = await requireRole('trainer');
  const { id, item } = await params;
  if (!/^\d{1,3}$/.test(item)) notFound();
  const w = await orNotFound(getWrittenForMarking(viewer, id, Number(item)));
  return (
    <>
      <p className="mb-4">
        <Link href={`/assessments/${id}`}>← {w.apprenticeName}’s paper</Link>
      </p>
      <PageHeader title={`Question ${w.item + 1}: written answer`} lead={`${w.apprenticeName} · ${w.title} · submitted ${w.submittedAt ? formatDateTime(w.submittedAt) : ''} · ${w.ksbs.join(', ')}`} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <div className="space-y-4">
          <section aria-labelledby="prompt-heading" className="bg-white p-5">
            <h2 id="prompt-heading" className="mb-2 text-xl font-bold">
              The question
            </h2>
            <p className="whitespace-pre-line">{w.prompt}</p>
          </section>
          <section aria-labelledby="answer-heading" className="bg-white p-5">
            <h2 id="answer-heading" className="mb-2 text-xl font-bold">
              The answer
            </h2>
            <p className="whitespace-pre-line">{w.answer || 'No answer was given.'}</p>
          </section>
          <section aria-labelledby="guidance-heading" className="border-l-8 border-nhs-blue bg-white p-5">
            <h2 id="guidance-heading" className="mb-2 text-xl font-bold">
              Marker’s guidance
            </h2>
            <p className="whitespace-pre-line">{w.guidance}</p>
          </section>
        </div>
        <section aria-labelledby="mark-heading" className="self-start bg-white p-5">
          <h2 id="mark-heading" className="mb-3 text-xl font-bold">
            {w.standing ? `Marked ${w.standing.score} of ${w.standing.outOf}: remark` : `Mark out of ${w.marks}`}
          </h2>
          <WrittenMarkForm attemptId={w.attemptId} item={w.item} rubric={w.rubric} standing={w.standing ? { id: w.standing.id, criteria: w.standing.detail.criteria, feedback: w.standing.detail.feedback } : null} action={markWrittenAction} />
        </section>
      </div>
    </>
  );
}
