import type { Metadata } from 'next';
import Link from 'next/link';
import { listApprenticeships } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { ApprenticeTable } from '@/components/apprentice-table';
import { buttonLink } from '@/components/data-table';

export const metadata: Metadata = { title: 'Apprentices' };

export default async function AdminApprenticesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const viewer = await requireRole('admin');
  const result = await listApprenticeships(viewer, await searchParams);
  return (
    <>
      <PageHeader title="Apprentices" lead="Every apprenticeship, with its employer, cohort and trainers.">
        <div className="flex flex-wrap gap-3">
          <Link href="/admin/apprentices/new" className={buttonLink}>
            Add an apprentice
          </Link>
          <Link href="/admin/import" className="px-2 py-2">
            Import from CSV
          </Link>
        </div>
      </PageHeader>
      <ApprenticeTable basePath="/admin/apprentices" caption="All apprentices" detailHref={(id) => `/admin/apprentices/${id}`} showTrainers {...result} />
    </>
  );
}
