import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { getAuditEpisode } from '@/lib/dal';
import { orNotFound, requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { DataTable } from '@/components/data-table';
import { AuditForm } from '@/components/audit-practice/audit-form';
import { NOTE_HEADINGS } from '@/lib/coding/format';
import { submitAuditAction } from './actions';

// One read for the page and its <title>; out of reach is the same 404 in both.
const load = cache(async (id: string) => {
  const viewer = await requireRole('apprentice');
  return { viewer, e: await orNotFound(getAuditEpisode(viewer, id)) };
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { e } = await load((await params).id);
  return { title: `Audit: ${e.title}` };
}

const show = (code: string) => (/^[A-Z]\d{2}$/.test(code) ? `${code}X` : code);

export default async function AuditEpisodePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { e } = await load(id);
  return (
    <>
      <p className="mb-4">
        <Link href="/apprentice/practice/audit">← All episodes</Link>
      </p>
      <PageHeader title={e.title} lead={`Audit this coded episode. Practises ${e.ksbs.join(', ')}.`} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <article aria-labelledby="notes-heading" className="self-start border border-nhs-grey-4 bg-white p-5 lg:sticky lg:top-4 lg:max-h-[85vh] lg:overflow-y-auto" tabIndex={0}>
          <h2 id="notes-heading" className="mb-1 text-2xl font-bold">
            Case notes
          </h2>
          <p className="mb-4 text-sm text-nhs-grey-1">
            Synthetic record: no real patient. Patient: {e.patient.sex}, aged {e.patient.age}.
          </p>
          {[...Object.keys(NOTE_HEADINGS), ...Object.keys(e.notes).filter((k) => !(k in NOTE_HEADINGS))]
            .filter((key) => e.notes[key])
            .map((key) => (
              <section key={key} className="mb-4">
                <h3 className="font-bold">{NOTE_HEADINGS[key] ?? key}</h3>
                <p className="whitespace-pre-line">{e.notes[key]}</p>
              </section>
            ))}
        </article>
        <section aria-labelledby="audit-heading" className="min-w-0 bg-white p-5">
          <h2 id="audit-heading" className="mb-4 text-2xl font-bold">
            The coder&apos;s codes
          </h2>
          <div className="mb-8">
            <DataTable caption="The coder's codes, in the order given" head={['', 'Code', 'Description']}>
              {[...e.coded.diagnoses.map((c, i) => ({ ...c, at: i === 0 ? 'Primary diagnosis' : 'Secondary diagnosis' })), ...e.coded.procedures.map((c, i) => ({ ...c, at: i === 0 ? 'Primary procedure' : 'Secondary procedure' }))].map((c, i) => (
                <tr key={i}>
                  <td className="text-sm text-nhs-grey-1">{c.at}</td>
                  <td className="font-mono font-bold">{show(c.code)}</td>
                  <td>{c.title}</td>
                </tr>
              ))}
            </DataTable>
          </div>
          <AuditForm episodeId={e.id} diagnoses={e.coded.diagnoses.map((c) => ({ ...c, code: show(c.code) }))} procedures={e.coded.procedures} action={submitAuditAction} />
        </section>
      </div>
    </>
  );
}
