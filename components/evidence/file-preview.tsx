import { formatFileSize, isPreviewable } from '@/lib/files/limits';

export type PreviewFile = { id: string; fileName: string; mediaType: string; sizeBytes: number };

/**
 * The files of a piece of evidence as its reader sees them (read-only): each with a download link,
 * PDFs previewed in a frame and images shown, both from the file route with ?inline=1.
 */
export function FilePreview({ files }: { files: PreviewFile[] }) {
  if (!files.length) return <p className="text-nhs-grey-1">No files.</p>;
  return (
    <ul className="space-y-5">
      {files.map((f) => {
        const href = `/api/files/${f.id}`;
        const inline = `${href}?inline=1`;
        return (
          <li key={f.id} className="space-y-2">
            <p>
              <a href={href} download={f.fileName} className="font-bold break-all">
                {f.fileName}
              </a>{' '}
              <span className="text-sm text-nhs-grey-1">({formatFileSize(f.sizeBytes)}, download)</span>
            </p>
            {isPreviewable(f.mediaType) &&
              (f.mediaType === 'application/pdf' ? (
                <iframe src={inline} title={`Preview of ${f.fileName}`} className="h-[36rem] w-full border border-nhs-grey-4 bg-white" />
              ) : (
                // Not next/image: its optimiser would fetch and cache a private file outside the access check.
                // eslint-disable-next-line @next/next/no-img-element
                <img src={inline} alt={`${f.fileName}, an image attached to this evidence`} className="max-h-[36rem] max-w-full border border-nhs-grey-4" />
              ))}
          </li>
        );
      })}
    </ul>
  );
}
