import type { Metadata } from 'next';
import { listBlueprints } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { DataTable } from '@/components/data-table';
import { BlueprintUploadForm } from '@/components/assessments/blueprint-upload-form';
import { BLUEPRINT_KINDS, SECTION_KINDS, type BlueprintKind } from '@/lib/content/assessment';
import { formatDateTime } from '@/lib/format';
import { uploadBlueprintAction } from '../actions';

export const metadata: Metadata = { title: 'Mock papers' };

export default async function BlueprintsPage() {
  const viewer = await requireRole('trainer', 'admin');
  const blueprints = await listBlueprints(viewer);
  return (
    <>
      <PageHeader
        title="Mock papers"
        lead="Each paper is a blueprint: its sections, what each draws from, the time and the grade boundaries. The NCCQ and ST0535 assessment formats are not all published, so every number here can be changed."
      />
      <DataTable caption="Current blueprints" head={['Paper', 'Sections', 'Time', 'Boundaries', 'Version']}>
        {blueprints.map((b) => (
          <tr key={b.key}>
            <td>
              <strong>{b.title}</strong>
              <span className="block text-sm text-nhs-grey-1">
                {BLUEPRINT_KINDS[b.kind as BlueprintKind] ?? b.kind} · <code>{b.key}</code>
                {b.practice ? ' · apprentices may start it alone' : ' · scheduled only'}
              </span>
              {b.trainerNotes && (
                <details className="mt-2 text-sm">
                  <summary className="cursor-pointer text-nhs-blue">
                    Notes for trainers<span className="sr-only"> on {b.title}</span>
                  </summary>
                  <p className="mt-1">{b.trainerNotes}</p>
                  <p className="mt-1 text-nhs-grey-1">Apprentices see only the description: {b.description}</p>
                </details>
              )}
            </td>
            <td>
              <ul className="text-sm">
                {b.sections.map((s) => (
                  <li key={s.id}>
                    {s.title}: draws {s.draw} ({SECTION_KINDS[s.kind].toLowerCase()}), {s.minutes} min, weight {s.weight}, pass {s.boundaries.pass}%
                  </li>
                ))}
              </ul>
            </td>
            <td className="whitespace-nowrap">{b.minutes} min</td>
            <td className="whitespace-nowrap">
              pass {b.boundaries.pass}%<br />
              distinction {b.boundaries.distinction}%
            </td>
            <td className="whitespace-nowrap">
              {b.version} ({b.source === 'upload' ? 'uploaded' : 'content'})
              <span className="block text-sm text-nhs-grey-1">{formatDateTime(b.createdAt)}</span>
            </td>
          </tr>
        ))}
      </DataTable>
      <details className="mt-4 bg-white p-4">
        <summary className="cursor-pointer font-bold text-nhs-blue">Show each blueprint’s JSON</summary>
        {blueprints.map((b) => (
          <section key={b.key} className="mt-4">
            <h2 className="font-bold">{b.title}</h2>
            <pre tabIndex={0} className="max-h-64 overflow-auto bg-nhs-grey-5 p-2 text-xs">
              {JSON.stringify(b.definition, null, 2)}
            </pre>
          </section>
        ))}
      </details>
      <section aria-labelledby="upload-heading" className="mt-8 bg-white p-5">
        <h2 id="upload-heading" className="mb-3 text-2xl font-bold">
          Upload a new or changed blueprint
        </h2>
        <BlueprintUploadForm action={uploadBlueprintAction} />
      </section>
    </>
  );
}
