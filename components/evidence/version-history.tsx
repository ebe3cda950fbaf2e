import { StatusTag } from '@/components/status-tag';
import { EVIDENCE_TYPES } from '@/lib/evidence/schemas';
import { formatDate, formatDateTime } from '@/lib/format';
import type { getEvidenceHistory } from '@/lib/dal';

type History = Awaited<ReturnType<typeof getEvidenceHistory>>;

function Review({ r }: { r: History[number]['reviews'][number] }) {
  return (
    <div className={`border-l-8 p-3 ${r.outcome === 'accepted' ? 'border-nhs-green' : 'border-nhs-warm-yellow'} bg-nhs-grey-5`}>
      <p>
        <StatusTag tone={r.outcome === 'accepted' ? 'green' : 'yellow'}>{r.outcome === 'accepted' ? 'Accepted' : 'Referred back'}</StatusTag>{' '}
        {r.overrideReason ? 'Override by' : 'by'} <strong>{r.reviewerName}</strong>, {formatDateTime(r.createdAt)}
      </p>
      {r.overrideReason && (
        <p className="mt-2">
          <strong>Reason for the override:</strong> {r.overrideReason}
        </p>
      )}
      {r.decisions.length > 0 && (
        <ul className="mt-2 flex flex-wrap gap-2" aria-label="Decision for each item claimed">
          {r.decisions.map((d) => (
            <li key={d.ksbCode}>
              <StatusTag tone={d.met ? 'green' : 'grey'}>
                {d.ksbCode} {d.met ? 'met' : 'not yet met'}
              </StatusTag>
            </li>
          ))}
        </ul>
      )}
      {r.feedback && (
        <div className="mt-2">
          <p className="font-bold">Feedback</p>
          <p className="whitespace-pre-line">{r.feedback}</p>
        </div>
      )}
    </div>
  );
}

/**
 * Every submitted version of a piece with the decisions on it, newest first. Older versions fold
 * away so the current one reads first, but nothing is ever hidden for good.
 */
export function VersionHistory({ history, headingLevel = 2, latestShownAbove = false }: { history: History; headingLevel?: 2 | 3; latestShownAbove?: boolean }) {
  if (!history.length) return null;
  const H = `h${headingLevel}` as 'h2';
  return (
    <section aria-labelledby="history-heading" className="space-y-3">
      <H id="history-heading" className="text-xl font-bold">
        Versions and decisions
      </H>
      {history.map((v, i) => (
        <details key={v.versionNo} open={i === 0} className="border border-nhs-grey-4 bg-white p-4">
          <summary className="cursor-pointer font-bold">
            Version {v.versionNo}, submitted {formatDateTime(v.submittedAt)}
            {v.reviews[0] ? ` · ${v.reviews[0].outcome === 'accepted' ? 'accepted' : 'referred back'}` : ' · waiting for a decision'}
          </summary>
          <div className="mt-3 space-y-3">
            {latestShownAbove && i === 0 ? (
              <p className="text-sm text-nhs-grey-1">The account of this version is shown above.</p>
            ) : (
              <>
                <p className="text-sm text-nhs-grey-1">
                  {v.title} · {EVIDENCE_TYPES[v.type]} · {formatDate(v.activityDate)} · claims {v.ksbs.join(', ')}
                </p>
                <p className="whitespace-pre-line">{v.account}</p>
              </>
            )}
            {v.files.length > 0 && (
              <ul className="list-disc pl-5 text-sm">
                {v.files.map((f) => (
                  <li key={f.id}>
                    <a href={`/api/files/${f.id}`}>{f.fileName}</a> ({Math.max(1, Math.round(f.sizeBytes / 1024))} KB)
                  </li>
                ))}
              </ul>
            )}
            {v.reviews.map((r) => (
              <Review key={r.id} r={r} />
            ))}
          </div>
        </details>
      ))}
    </section>
  );
}
