import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { getEvidence, getEvidenceHistory, getStandard, listEvidenceFiles, listWitnessStatements } from '@/lib/dal';
import { FilePreview } from '@/components/evidence/file-preview';
import { orNotFound, requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { MarkingForm } from '@/components/evidence/marking-form';
import { VersionHistory } from '@/components/evidence/version-history';
import { WitnessStatements } from '@/components/evidence/witness-statements';
import { StatusTag } from '@/components/status-tag';
import { EVIDENCE_STATUS_LABEL, EVIDENCE_TYPES } from '@/lib/evidence/schemas';
import { formatDate, formatDateTime } from '@/lib/format';
import { markEvidenceAction, markEvidenceAndNextAction, overrideEvidenceAction } from '../actions';
import { FocusOnArrival } from '@/components/focus-on-arrival';
import { KsbItems } from '@/components/evidence/ksb-items';
import { CommentsPanel } from '@/components/conversations/comments-panel';

// One read for the page and its <title>; out of reach is the same 404 in both. The apprentice has their own page.
const load = cache(async (id: string) => {
  const viewer = await requireRole('trainer', 'admin', 'employer', 'apprentice');
  if (viewer.role === 'apprentice') redirect(`/apprentice/evidence/${id}`);
  return { viewer, e: await orNotFound(getEvidence(viewer, id)) };
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { e } = await load((await params).id);
  return { title: `${e.title} by ${e.apprenticeName}` };
}

const TONE = { draft: 'grey', submitted: 'blue', referred: 'yellow', accepted: 'green' } as const;

/** A piece of evidence as a trainer (who marks it), an admin (who may override) or an employer contact sees it. */
export default async function EvidenceReviewPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> }) {
  const viewer = await requireRole('trainer', 'admin', 'employer', 'apprentice');
  const { id } = await params;
  // Arrived here by "Save and next": say the decision was saved, and start at this piece's heading.
  const { saved } = await searchParams;
  const arrivedByNext = viewer.role === 'trainer' && saved === 'next';
  // Back here after "Save decision": the form gave way to the decision, so focus goes to the word that it was saved.
  const decisionSaved = (viewer.role === 'trainer' || viewer.role === 'admin') && saved === 'decision';
  if (viewer.role === 'apprentice') redirect(`/apprentice/evidence/${id}`);
  const [{ e }, standard] = await Promise.all([load(id), getStandard(viewer)]);
  const [history, witnessStatements] = await Promise.all([viewer.role === 'employer' ? [] : getEvidenceHistory(viewer, id), listWitnessStatements(viewer, id)]);
  const ksbText = new Map(standard.ksbs.map((k) => [k.code, k.text]));
  const current = history[0];
  // The files of the version being read; an employer contact sees them only where asked to witness.
  const files = e.account === null ? null : (current?.files ?? (await listEvidenceFiles(viewer, id)));
  const claimed = (current?.ksbs ?? e.ksbs).map((code) => ({ code, text: ksbText.get(code) ?? '' }));
  return (
    <>
      <p className="mb-4">
        {viewer.role === 'trainer' ? <Link href="/trainer/marking">← Marking queue</Link> : <Link href={viewer.role === 'admin' ? '/admin/apprentices' : '/employer'}>← Back</Link>}
      </p>
      {arrivedByNext && (
        <>
          <p role="status" className="mb-4 border-l-4 border-nhs-green bg-white p-3">
            Decision saved. This is the next piece waiting in your marking queue.
          </p>
          <FocusOnArrival key={e.id} targetId="evidence-title" forget="saved" />
        </>
      )}
      {decisionSaved && (
        <>
          <p id="decision-saved" tabIndex={-1} role="status" className="mb-4 border-l-4 border-nhs-green bg-white p-3">
            Decision saved: this piece is now {EVIDENCE_STATUS_LABEL[e.status].toLowerCase()}.
          </p>
          <FocusOnArrival key={`${e.id}-saved`} targetId="decision-saved" forget="saved" />
        </>
      )}
      <PageHeader
        headingId="evidence-title"
        title={e.title}
        lead={`${e.apprenticeName} · ${EVIDENCE_TYPES[e.type]} · ${formatDate(e.activityDate)}${e.submittedAt ? ` · submitted ${formatDateTime(e.submittedAt)}` : ''}`}
      >
        <StatusTag tone={TONE[e.status]}>{EVIDENCE_STATUS_LABEL[e.status]}</StatusTag>
      </PageHeader>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[3fr_2fr]">
        <div className="space-y-6">
          <article className="space-y-4 bg-white p-5" aria-labelledby="account-heading">
            <h2 id="account-heading" className="text-xl font-bold">
              {current ? `Version ${current.versionNo}: the apprentice's account` : "The apprentice's account"}
            </h2>
            {e.account === null ? (
              <p className="text-nhs-grey-1">You see the title, the items claimed and the status. The account and files are shared with you only when you are asked for a witness statement.</p>
            ) : (
              <p className="whitespace-pre-line">{current?.account ?? e.account}</p>
            )}
            <section>
              <h3 className="font-bold">Knowledge, skills and behaviours claimed</h3>
              <KsbItems ksbs={claimed} />
            </section>
          </article>
          {files && (
            <section aria-labelledby="files-heading" className="bg-white p-5">
              <h2 id="files-heading" className="mb-3 text-xl font-bold">
                Files{current ? ` of version ${current.versionNo}` : ''}
              </h2>
              <FilePreview files={files} />
            </section>
          )}
          <div className="bg-white p-5">
            <WitnessStatements statements={witnessStatements} />
          </div>
          <VersionHistory history={history} latestShownAbove />
          {/* An employer contact sees the full record, and so its comments, only where asked to witness it. */}
          {e.account !== null && <CommentsPanel viewer={viewer} subject={{ type: 'evidence', id: e.id }} />}
        </div>
        <aside className="space-y-4">
          {viewer.role === 'trainer' && e.status === 'submitted' && current && (
            <section aria-labelledby="mark-heading" className="bg-white p-5">
              <h2 id="mark-heading" className="mb-3 text-xl font-bold">
                Your decision on version {current.versionNo}
              </h2>
              <MarkingForm key={`${e.id}-${e.rowVersion}`} evidenceId={e.id} rowVersion={e.rowVersion} claimed={claimed} save={markEvidenceAction} saveAndNext={markEvidenceAndNextAction} />
            </section>
          )}
          {viewer.role === 'admin' && e.status === 'accepted' && current && (
            <section aria-labelledby="override-heading" className="border-4 border-nhs-warm-yellow bg-white p-5">
              <h2 id="override-heading" className="mb-1 text-xl font-bold">
                Override the final decision
              </h2>
              <p className="mb-3 text-nhs-grey-1">Accepted decisions are final. An override is kept beside the original, with your reason, and in the audit log.</p>
              <MarkingForm
                evidenceId={e.id}
                rowVersion={e.rowVersion}
                claimed={claimed}
                save={overrideEvidenceAction}
                override
                initial={Object.fromEntries((current?.reviews[0]?.decisions ?? []).map((d) => [d.ksbCode, d.met ? 'met' : 'not_met']))}
              />
            </section>
          )}
        </aside>
      </div>
    </>
  );
}
