import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { editionReport } from '@/lib/dal';
import { orNotFound, requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { DataTable } from '@/components/data-table';
import { StatusTag } from '@/components/status-tag';
import { ConfirmAction } from '@/components/admin/confirm-action';
import { activateEditionAction } from '../actions';

// One read for the page and its <title>; out of reach is the same 404 in both.
const load = cache(async (id: string) => {
  const viewer = await requireRole('admin');
  return orNotFound(editionReport(viewer, id));
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const r = await load((await params).id);
  return { title: r.edition.name };
}

const KIND = { case: 'Case', question: 'Theory question', written: 'Written item', blueprint: 'Mock paper blueprint' } as const;
const SCHEME = { icd10: 'ICD-10', opcs4: 'OPCS-4' } as const;

export default async function EditionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const r = await load(id);
  const e = r.edition;
  const affected = r.effects.length;
  const activate = activateEditionAction.bind(null, e.id, affected);
  return (
    <>
      <p className="mb-4">
        <Link href="/admin/classifications">← Classifications</Link>
      </p>
      <PageHeader title={e.name} lead={`${SCHEME[e.scheme]}, ${e.codeCount.toLocaleString('en-GB')} codes. ${e.active ? 'This is the active edition.' : r.replaces ? `Activating it replaces ${r.replaces.name}.` : ''}`}>
        {e.active ? <StatusTag tone="green">Active</StatusTag> : <StatusTag tone="grey">Not active</StatusTag>}
      </PageHeader>

      <section aria-labelledby="effects" className="mb-8">
        <h2 id="effects" className="mb-3 text-2xl font-bold">
          {e.active ? 'Content whose codes are not complete in it' : 'What activating it would change'}
        </h2>
        {affected === 0 ? (
          <p className="border-l-8 border-nhs-green bg-white p-4">Every case key, theory question, written item and blueprint uses codes that exist and are complete in this edition.</p>
        ) : (
          <>
            <p className="mb-3 border-l-8 border-nhs-warm-yellow bg-white p-4">
              <strong>
                {affected} item{affected === 1 ? '' : 's'} of content would use codes that do not exist or are not complete in this edition.
              </strong>{' '}
              Apprentices could not be marked on those cases or questions until their keys are rewritten, and <code>npm run content:check</code> fails on them.
            </p>
            <DataTable caption="Content affected by this edition" head={['Item', 'Kind', 'What is wrong']}>
              {r.effects.map((x) => (
                <tr key={`${x.kind}:${x.id}`}>
                  <td>
                    <span className="font-mono text-sm">{x.id}</span>
                    <span className="block text-sm text-nhs-grey-1">{x.title.length > 120 ? `${x.title.slice(0, 117)}…` : x.title}</span>
                  </td>
                  <td className="whitespace-nowrap">{KIND[x.kind]}</td>
                  <td>
                    <ul className="list-disc pl-5 text-sm">
                      {x.problems.map((p) => (
                        <li key={p}>{p}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </DataTable>
          </>
        )}
      </section>

      {e.origin !== 'legacy' && (
        <section aria-labelledby="activate" className="max-w-3xl">
          <h2 id="activate" className="mb-3 text-2xl font-bold">
            {e.active ? 'Active' : 'Activate'}
          </h2>
          {e.active && <p className="mb-4">New marks use this edition. To change back, open the other edition and activate it.</p>}
          <ul className={e.active ? 'hidden' : 'mb-4 list-disc space-y-1 pl-6'}>
            <li>New attempts, mock papers and theory answers are marked against {e.name} from the moment it is active, on every server.</li>
            <li>
              Stored marks do not change: {r.attemptsUnderReplaced.toLocaleString('en-GB')} attempt{r.attemptsUnderReplaced === 1 ? '' : 's'} marked under {r.replaces?.name ?? 'the current edition'} keep{r.attemptsUnderReplaced === 1 ? 's' : ''} {r.attemptsUnderReplaced === 1 ? 'its' : 'their'} mark until you re-mark them.
            </li>
            <li>{affected === 0 ? 'No content is affected.' : `${affected} item${affected === 1 ? '' : 's'} of content listed above would need new keys.`}</li>
          </ul>
          <ConfirmAction
            label={`Activate ${e.name}`}
            confirmText={`Make ${e.name} the active ${SCHEME[e.scheme]} edition${affected ? `, with ${affected} item${affected === 1 ? '' : 's'} of content affected` : ''}?`}
            confirmLabel="Yes, activate it"
            pendingLabel="Activating…"
            run={activate}
            available={!e.active}
          />
        </section>
      )}
    </>
  );
}
