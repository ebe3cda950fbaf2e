import type { Metadata } from 'next';
import Link from 'next/link';
import { listCohorts, listOrganisations } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { ApprenticeshipForm } from '@/components/admin/apprenticeship-form';
import { createApprenticeAction } from '../actions';

export const metadata: Metadata = { title: 'Add an apprentice' };

export default async function NewApprenticePage() {
  const viewer = await requireRole('admin');
  const [organisations, cohorts] = await Promise.all([listOrganisations(viewer), listCohorts(viewer)]);
  return (
    <>
      <p className="mb-4">
        <Link href="/admin/apprentices">← Apprentices</Link>
      </p>
      <PageHeader title="Add an apprentice" lead="Creates their account and their apprenticeship on ST0535 Clinical coder." />
      <div className="max-w-3xl bg-white p-5">
        <ApprenticeshipForm
          employers={organisations.filter((o) => o.kind === 'employer')}
          cohorts={cohorts}
          action={createApprenticeAction}
          initial={{
            name: '',
            email: '',
            temporaryPassword: '',
            employerId: '',
            cohortId: '',
            startDate: '',
            plannedEndDate: '',
            weeklyHours: 37.5,
            plannedOtjHours: 278,
            englishStatus: 'required',
            mathsStatus: 'required',
          }}
        />
      </div>
    </>
  );
}
