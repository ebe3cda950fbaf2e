import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { getOtjEntry, getStandard } from '@/lib/dal';
import { orNotFound, requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { StatusTag } from '@/components/status-tag';
import { OtjDeleteButton } from '@/components/otj/otj-delete-button';
import { OtjForm } from '@/components/otj/otj-form';
import { formatDate } from '@/lib/format';
import { formatHours } from '@/lib/otj/plan';
import { OTJ_ACTIVITY_TYPES, OTJ_STATUS_LABEL, OTJ_STATUS_TONE } from '@/lib/otj/schemas';
import { deleteOtjEntryAction, updateOtjEntryAction } from '../actions';

// One read for the page and its <title>; out of reach is the same 404 in both.
const load = cache(async (id: string) => {
  const viewer = await requireRole('apprentice');
  return { viewer, e: await orNotFound(getOtjEntry(viewer, id)) };
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { e } = await load((await params).id);
  return { title: `Off-the-job entry of ${formatDate(e.activityDate)}` };
}

export default async function OtjEntryPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireRole('apprentice');
  const { id } = await params;
  const [{ e }, standard] = await Promise.all([load(id), getStandard(viewer)]);
  return (
    <>
      <p className="mb-4">
        <Link href="/apprentice/otj">← Off-the-job log</Link>
      </p>
      <PageHeader title={`${OTJ_ACTIVITY_TYPES[e.activityType]}, ${formatDate(e.activityDate)}`} lead={`${formatHours(e.hours)} hours`}>
        <StatusTag tone={OTJ_STATUS_TONE[e.status]}>{OTJ_STATUS_LABEL[e.status]}</StatusTag>
      </PageHeader>
      {e.reviewComment && (
        <p className="mb-4 max-w-3xl border-l-8 border-nhs-warm-yellow bg-white p-4">
          <strong>{e.status === 'queried' ? 'Your trainer queried this entry' : 'Comment'}{e.reviewerName ? ` (${e.reviewerName})` : ''}:</strong> “{e.reviewComment}”
          {e.status === 'queried' && <><br />Correct the entry and save it: it goes back to your trainer.</>}
        </p>
      )}
      {e.editable ? (
        <div className="max-w-3xl space-y-6 bg-white p-5">
          <OtjForm
            ksbs={standard.ksbs}
            save={updateOtjEntryAction}
            doneHref="/apprentice/otj"
            initial={{ id: e.id, rowVersion: e.rowVersion, activityDate: e.activityDate, hours: String(e.hours), activityType: e.activityType, description: e.description ?? '', ksbs: e.ksbs }}
          />
          <div className="border-t border-nhs-grey-4 pt-5">
            <OtjDeleteButton id={e.id} rowVersion={e.rowVersion} remove={deleteOtjEntryAction} doneHref="/apprentice/otj" />
          </div>
        </div>
      ) : (
        <div className="max-w-3xl space-y-3 bg-white p-5">
          <p className="border-l-8 border-nhs-green bg-nhs-grey-5 p-3">Accepted by your trainer: it is part of your record and can no longer be changed.</p>
          <p className="whitespace-pre-line">{e.description}</p>
          <p>KSBs: {e.ksbs.join(', ')}</p>
        </div>
      )}
    </>
  );
}
