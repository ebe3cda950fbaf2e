import type { Metadata } from 'next';
import { getFundingSettingsForAdmin, getMarkingRulesForAdmin, getProgressSettings, getReminderSettings } from '@/lib/dal';
import { FundingSettingsFormView } from '@/components/admin/funding-settings-form';
import { ReminderSettingsFormView } from '@/components/admin/reminder-settings-form';
import Link from 'next/link';
import { MarkingRulesFormView } from '@/components/admin/marking-rules-form';
import { formFromRules } from '@/lib/coding/marking-rules-form';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { ProgressSettingsFormView } from '@/components/admin/progress-settings-form';
import { toForm } from '@/lib/progress/settings';
import { formatDateTime } from '@/lib/format';
import { updateFundingSettingsAction, updateMarkingRulesAction, updateProgressSettingsAction, updateReminderSettingsAction } from './actions';

export const metadata: Metadata = { title: 'Settings' };

export default async function ProgressSettingsPage() {
  const viewer = await requireRole('admin');
  const [current, marking, reminders, funding] = await Promise.all([getProgressSettings(viewer), getMarkingRulesForAdmin(viewer), getReminderSettings(viewer), getFundingSettingsForAdmin(viewer)]);
  return (
    <>
      <PageHeader
        title="Settings"
        lead="The coding-audit attainment levels and the windows behind readiness, RAG and reviews. The defaults are the IG Toolkit levels 2 and 3 (90/80/90/80 and 95/90/95/90) and the NCCQ theory pass mark. Check them against the current Data Security and Protection Toolkit wording and change them if it differs."
      />
      {current.updatedAt && (
        <p className="mb-4 text-nhs-grey-1">
          Last changed {formatDateTime(current.updatedAt)}
          {current.updatedBy ? ` by ${current.updatedBy}` : ''}. Every change is in the audit log with the old and new values.
        </p>
      )}
      <h2 className="mb-2 text-2xl font-bold">Progress and readiness</h2>
      <div className="max-w-4xl bg-white p-5">
        <ProgressSettingsFormView initial={toForm(current.settings)} save={updateProgressSettingsAction} />
      </div>

      <section aria-labelledby="marking-rules" className="mt-10 max-w-4xl">
        <h2 id="marking-rules" className="mb-2 text-2xl font-bold">
          Marking rules
        </h2>
        <p className="mb-4 text-nhs-grey-1">
          The national clinical coding audit methodology goes only to approved auditors, and no public source settles these three readings. Choose how your provider marks them; every result page says how it was marked. A change applies to new marks only: to apply it to earlier attempts, re-mark them on <Link href="/admin/classifications">Classifications</Link>.
        </p>
        {marking.updatedAt && (
          <p className="mb-4 text-nhs-grey-1">
            Last changed {formatDateTime(marking.updatedAt)}
            {marking.updatedBy ? ` by ${marking.updatedBy}` : ''}.
          </p>
        )}
        <div className="bg-white p-5">
          <MarkingRulesFormView initial={formFromRules(marking.rules)} save={updateMarkingRulesAction} />
        </div>
      </section>

      <section aria-labelledby="reminder-settings" className="mt-10 max-w-4xl">
        <h2 id="reminder-settings" className="mb-2 text-2xl font-bold">
          Reminders
        </h2>
        <p className="mb-4 text-nhs-grey-1">
          When the hourly reminders are sent. Each reminder goes once for each occurrence (a review&rsquo;s due date, a request, a submission), so changing a threshold never repeats one already sent.
        </p>
        {reminders.updatedAt && (
          <p className="mb-4 text-nhs-grey-1">
            Last changed {formatDateTime(reminders.updatedAt)}
            {reminders.updatedBy ? ` by ${reminders.updatedBy}` : ''}.
          </p>
        )}
        <div className="bg-white p-5">
          <ReminderSettingsFormView initial={reminders.settings} save={updateReminderSettingsAction} />
        </div>
      </section>

      <section aria-labelledby="funding-rules" className="mt-10 max-w-4xl">
        <h2 id="funding-rules" className="mb-2 text-2xl font-bold">
          Funding rules
        </h2>
        <p className="mb-4 text-nhs-grey-1">
          The apprenticeship funding rules&rsquo; numbers behind the off-the-job hours, durations and the rule each start falls under. The defaults are the 2025-26 rules. Enter ST0535&rsquo;s published off-the-job hours figure: the default is a stand-in worked out from the rule it replaced. A change applies to figures worked out from now on; signed training plans keep theirs.
        </p>
        <div className="bg-white p-5">
          <FundingSettingsFormView initial={funding} save={updateFundingSettingsAction} />
        </div>
      </section>
    </>
  );
}
