import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { getCaseForCoding, listAttempts } from '@/lib/dal';
import { orNotFound, requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { AnswerForm } from '@/components/coding/answer-form';
import { SPECIALTIES } from '@/lib/content/case';
import { NOTE_HEADINGS } from '@/lib/coding/format';
import { formatDateTime } from '@/lib/format';
import { submitAttemptAction } from './actions';

// One read for the page and its <title>; out of reach is the same 404 in both.
const load = cache(async (id: string) => {
  const viewer = await requireRole('apprentice');
  return { viewer, c: await orNotFound(getCaseForCoding(viewer, id)) };
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { c } = await load((await params).id);
  return { title: `Code a case: ${c.title}` };
}

export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { viewer, c } = await load(id);
  const attempts = await listAttempts(viewer, { apprenticeId: viewer.userId, caseId: id });
  return (
    <>
      <p className="mb-4">
        <Link href="/apprentice/cases">← All cases</Link>
      </p>
      <PageHeader title={c.title} lead={`${SPECIALTIES[c.specialty as keyof typeof SPECIALTIES] ?? c.specialty} · ${c.difficulty} · practises ${c.ksbs.join(', ')}`} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <article aria-labelledby="notes-heading" className="self-start border border-nhs-grey-4 bg-white p-5 lg:sticky lg:top-4 lg:max-h-[85vh] lg:overflow-y-auto" tabIndex={0}>
          <h2 id="notes-heading" className="mb-1 text-2xl font-bold">
            Case notes
          </h2>
          <p className="mb-4 text-sm text-nhs-grey-1">
            Synthetic record: no real patient.
            {c.patient && ` Patient: ${c.patient.sex}, aged ${c.patient.age === 0 && c.patient.ageDays !== undefined ? `${c.patient.ageDays} days` : c.patient.age}.`}
          </p>
          {/* jsonb does not keep key order: show the record's sections in the order a record reads. */}
          {[...Object.keys(NOTE_HEADINGS), ...Object.keys(c.notes).filter((k) => !(k in NOTE_HEADINGS))]
            .filter((key) => c.notes[key])
            .map((key) => [key, c.notes[key]!] as const)
            .map(([key, text]) => (
            <section key={key} className="mb-4">
              <h3 className="font-bold">{NOTE_HEADINGS[key] ?? key}</h3>
              <p className="whitespace-pre-line">{text}</p>
            </section>
          ))}
        </article>
        <section aria-labelledby="answer-heading" className="bg-white p-5">
          <h2 id="answer-heading" className="mb-4 text-2xl font-bold">
            Your coding
          </h2>
          <AnswerForm caseId={c.id} action={submitAttemptAction} />
          {attempts.length > 0 && (
            <div className="mt-8 border-t border-nhs-grey-4 pt-4">
              <h3 className="mb-2 font-bold">Your earlier attempts</h3>
              <ul className="space-y-1">
                {attempts.map((a) => (
                  <li key={a.id}>
                    <Link href={`/attempts/${a.id}`}>{formatDateTime(a.createdAt)}</Link>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
      </div>
    </>
  );
}
