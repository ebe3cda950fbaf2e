import type { Metadata } from 'next';
import Link from 'next/link';
import { getEvidence, getEvidenceHistory, getStandard, listEvidenceFiles } from '@/lib/dal';
import { orNotFound, requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { EvidenceForm } from '@/components/evidence/evidence-form';
import { EvidenceFilesPanel } from '@/components/evidence/evidence-files-panel';
import { VersionHistory } from '@/components/evidence/version-history';
import { WitnessRequest } from '@/components/evidence/witness-request';
import { StatusTag } from '@/components/status-tag';
import { EVIDENCE_STATUS_LABEL, EVIDENCE_TYPES } from '@/lib/evidence/schemas';
import { formatDate, formatDateTime } from '@/lib/format';
import { submitEvidenceAction, updateEvidenceAction } from '../actions';
import { KsbItems } from '@/components/evidence/ksb-items';
import { CommentsPanel } from '@/components/conversations/comments-panel';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const viewer = await requireRole('apprentice');
  const e = await orNotFound(getEvidence(viewer, (await params).id));
  return { title: `${e.title} (${EVIDENCE_STATUS_LABEL[e.status].toLowerCase()})` };
}

export default async function EvidencePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> }) {
  const viewer = await requireRole('apprentice');
  const { id } = await params;
  const { saved } = await searchParams;
  // Each read of the piece is out of reach together: whichever refuses first must still be the 404, not a 500.
  const [e, standard, history, files] = await Promise.all([
    orNotFound(getEvidence(viewer, id)),
    getStandard(viewer),
    orNotFound(getEvidenceHistory(viewer, id)),
    orNotFound(listEvidenceFiles(viewer, id)),
  ]);
  const lastReview = history[0]?.reviews[0];
  return (
    <>
      <p className="mb-4">
        <Link href="/apprentice/evidence">← My portfolio</Link>
      </p>
      <PageHeader title={e.title} lead={`${EVIDENCE_TYPES[e.type]} · ${formatDate(e.activityDate)}${e.submittedAt ? ` · submitted ${formatDateTime(e.submittedAt)}` : ''}`}>
        <StatusTag tone={e.status === 'accepted' ? 'green' : e.status === 'referred' ? 'yellow' : e.status === 'submitted' ? 'blue' : 'grey'}>{EVIDENCE_STATUS_LABEL[e.status]}</StatusTag>
      </PageHeader>
      {e.status === 'referred' && lastReview && (
        <div role="note" className="mb-4 max-w-3xl border-l-8 border-nhs-warm-yellow bg-white p-4">
          <p className="font-bold">
            Referred back by {lastReview.reviewerName} on {formatDateTime(lastReview.createdAt)}. Edit it and submit it again: it becomes version {e.submissionNo + 1}.
          </p>
          {lastReview.feedback && <p className="mt-2 whitespace-pre-line">{lastReview.feedback}</p>}
        </div>
      )}
      {e.editable ? (
        <div className="max-w-3xl bg-white p-5">
          <EvidenceForm
            ksbs={standard.ksbs}
            save={updateEvidenceAction}
            submit={submitEvidenceAction}
            initial={{ id: e.id, rowVersion: e.rowVersion, title: e.title, type: e.type, activityDate: e.activityDate, account: e.account ?? '', ksbs: e.ksbs }}
            files={files.map(({ id, fileName, mediaType, sizeBytes }) => ({ id, fileName, mediaType, sizeBytes }))}
            justCreated={saved === 'created'}
          />
        </div>
      ) : (
        <article className="max-w-3xl space-y-4 bg-white p-5">
          <p className="border-l-8 border-nhs-blue bg-nhs-grey-5 p-3">
            {e.status === 'submitted' ? 'Submitted: waiting for your trainer to mark it.' : 'Accepted by your trainer.'}
          </p>
          <section>
            <h2 className="font-bold">Your account</h2>
            <p className="whitespace-pre-line">{e.account}</p>
          </section>
          <section>
            <h2 className="font-bold">Knowledge, skills and behaviours claimed</h2>
            <KsbItems ksbs={standard.ksbs.filter((k) => e.ksbs.includes(k.code))} />
          </section>
        </article>
      )}
      {!e.editable && <EvidenceFilesPanel viewer={viewer} evidenceId={e.id} editable={false} />}
      {history.length > 0 && (
        <div className="mt-8 max-w-3xl">
          <VersionHistory history={history} />
        </div>
      )}
      <WitnessRequest viewer={viewer} evidenceId={e.id} />
      <CommentsPanel viewer={viewer} subject={{ type: 'evidence', id: e.id }} intro="Questions and answers about this piece with your trainer." />
    </>
  );
}
