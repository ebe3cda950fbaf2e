import type { Metadata } from 'next';
import { getProgressSettings } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { ProgressSettingsFormView } from '@/components/admin/progress-settings-form';
import { toForm } from '@/lib/progress/settings';
import { formatDateTime } from '@/lib/format';
import { updateProgressSettingsAction } from './actions';

export const metadata: Metadata = { title: 'Progress settings' };

export default async function ProgressSettingsPage() {
  const viewer = await requireRole('admin');
  const current = await getProgressSettings(viewer);
  return (
    <>
      <PageHeader
        title="Progress settings"
        lead="The coding-audit attainment levels and the windows behind readiness, RAG and reviews. The defaults are the IG Toolkit levels 2 and 3 (90/80/90/80 and 95/90/95/90) and the NCCQ theory pass mark; the current DSPT wording is unconfirmed, so check it and change these if it differs."
      />
      {current.updatedAt && (
        <p className="mb-4 text-nhs-grey-1">
          Last changed {formatDateTime(current.updatedAt)}
          {current.updatedBy ? ` by ${current.updatedBy}` : ''}. Every change is in the audit log with the old and new values.
        </p>
      )}
      <div className="max-w-4xl bg-white p-5">
        <ProgressSettingsFormView initial={toForm(current.settings)} save={updateProgressSettingsAction} />
      </div>
    </>
  );
}
