import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { getWitnessRequest } from '@/lib/dal';
import { orNotFound, requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { StatusTag } from '@/components/status-tag';
import { WitnessSignForm } from '@/components/evidence/witness-sign-form';
import { WitnessStatements } from '@/components/evidence/witness-statements';
import { EVIDENCE_TYPES } from '@/lib/evidence/schemas';
import { WITNESS_STATUS_LABEL } from '@/lib/evidence/witness-schemas';
import { formatDate, formatDateTime } from '@/lib/format';
import { signWitnessAction } from '../actions';
import { KsbItems } from '@/components/evidence/ksb-items';

// One read for the page and its <title>; out of reach is the same 404 in both.
const load = cache(async (id: string) => {
  const viewer = await requireRole('employer');
  return { viewer, w: await orNotFound(getWitnessRequest(viewer, id)) };
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { w } = await load((await params).id);
  return { title: `Witness statement: ${w.evidence.title}` };
}

export default async function WitnessRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { viewer, w } = await load(id);
  const e = w.evidence;
  return (
    <>
      <p className="mb-4">
        <Link href="/employer/witness">← Witness statements</Link>
      </p>
      <PageHeader title={e.title} lead={`${w.apprenticeName} · ${EVIDENCE_TYPES[e.type]} · ${formatDate(e.activityDate)}`}>
        <StatusTag tone={w.status === 'signed' ? 'green' : 'yellow'}>{WITNESS_STATUS_LABEL[w.status]}</StatusTag>
      </PageHeader>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <article aria-labelledby="evidence-heading" className="space-y-4 bg-white p-5">
          <h2 id="evidence-heading" className="text-xl font-bold">
            The evidence
          </h2>
          <div className="border-l-8 border-nhs-blue bg-nhs-grey-5 p-3">
            <p className="font-bold">
              {w.apprenticeName} asked you on {formatDateTime(w.requestedAt)}:
            </p>
            <p className="whitespace-pre-line">{w.requestMessage}</p>
          </div>
          <section>
            <h3 className="font-bold">The apprentice’s account</h3>
            <p className="whitespace-pre-line">{e.account || 'No account written yet.'}</p>
          </section>
          <section>
            <h3 className="font-bold">Knowledge, skills and behaviours it claims</h3>
            {e.ksbs.length === 0 ? (
              <p className="text-nhs-grey-1">None chosen yet.</p>
            ) : (
              <KsbItems ksbs={e.ksbs} />
            )}
          </section>
        </article>
        <section aria-labelledby="statement-heading" className="space-y-4 bg-white p-5">
          <h2 id="statement-heading" className="text-xl font-bold">
            Your witness statement
          </h2>
          {w.status === 'signed' ? (
            <>
              <p className="border-l-8 border-nhs-green bg-nhs-grey-5 p-3 font-bold">Signed on {formatDateTime(w.signedAt!)}. A signed statement cannot be changed.</p>
              <WitnessStatements statements={[{ ...w, witnessName: viewer.name }]} heading={null} />
            </>
          ) : (
            <WitnessSignForm
              action={signWitnessAction}
              initial={{ id: w.id, rowVersion: w.rowVersion, statement: '', signedName: viewer.name, signedJobTitle: '', signedOn: new Date().toISOString().slice(0, 10) }}
            />
          )}
        </section>
      </div>
    </>
  );
}
