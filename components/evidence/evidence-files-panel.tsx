import { listEvidenceFiles } from '@/lib/dal';
import type { Viewer } from '@/lib/dal/viewer';
import { EvidenceFiles } from './evidence-files';

/** The apprentice's files panel on an evidence page: reads the files, then the client list and upload. */
export async function EvidenceFilesPanel({ viewer, evidenceId, editable }: { viewer: Viewer; evidenceId: string; editable: boolean }) {
  const files = await listEvidenceFiles(viewer, evidenceId);
  return (
    <div className="mt-6 max-w-3xl bg-white p-5">
      <EvidenceFiles evidenceId={evidenceId} initialFiles={files.map(({ id, fileName, mediaType, sizeBytes }) => ({ id, fileName, mediaType, sizeBytes }))} editable={editable} />
    </div>
  );
}
