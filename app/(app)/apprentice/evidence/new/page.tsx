import type { Metadata } from 'next';
import Link from 'next/link';
import { getStandard } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { EvidenceForm } from '@/components/evidence/evidence-form';
import { createEvidenceAction, submitEvidenceAction, updateEvidenceAction } from '../actions';

export const metadata: Metadata = { title: 'Add evidence' };

export default async function NewEvidencePage() {
  const viewer = await requireRole('apprentice');
  const standard = await getStandard(viewer);
  return (
    <>
      <p className="mb-4">
        <Link href="/apprentice/evidence">← My portfolio</Link>
      </p>
      <PageHeader title="Add evidence" lead="It starts as a draft: only you can see it until you submit it." />
      <div className="max-w-3xl bg-white p-5">
        <EvidenceForm
          ksbs={standard.ksbs}
          save={createEvidenceAction}
          update={updateEvidenceAction}
          submit={submitEvidenceAction}
          initial={{ title: '', type: 'work_product', activityDate: new Date().toISOString().slice(0, 10), account: '', ksbs: [] }}
        />
      </div>
    </>
  );
}
