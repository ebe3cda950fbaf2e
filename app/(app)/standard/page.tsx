import type { Metadata } from 'next';
import { getStandard } from '@/lib/dal';
import { requireViewer } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { KsbList } from '@/components/ksb-list';

export const metadata: Metadata = { title: 'The standard ST0535' };

export default async function StandardPage() {
  const viewer = await requireViewer();
  const standard = await getStandard(viewer);
  const count = (kind: string) => standard.ksbs.filter((k) => k.kind === kind).length;
  return (
    <>
      <PageHeader
        title={`${standard.title} (${standard.reference})`}
        lead={`Level ${standard.level} apprenticeship standard, version ${standard.version}: ${standard.ksbs.length} items — ${count('K')} knowledge, ${count('S')} skills and ${count('B')} behaviours, in the standard's own words.`}
      />
      <nav aria-label="Sections" className="mb-6 flex gap-4">
        <a href="#ksb-group-K">Knowledge</a>
        <a href="#ksb-group-S">Skills</a>
        <a href="#ksb-group-B">Behaviours</a>
      </nav>
      <KsbList ksbs={standard.ksbs} />
    </>
  );
}
