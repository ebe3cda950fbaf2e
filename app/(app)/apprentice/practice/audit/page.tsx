import type { Metadata } from 'next';
import Link from 'next/link';
import { listAuditAttempts, listAuditEpisodes } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { DataTable } from '@/components/data-table';
import { StatusTag } from '@/components/status-tag';
import { formatDateTime } from '@/lib/format';

export const metadata: Metadata = { title: 'Audit practice' };

export default async function AuditPracticePage() {
  const viewer = await requireRole('apprentice');
  const [episodes, recent] = await Promise.all([listAuditEpisodes(viewer), listAuditAttempts(viewer, { apprenticeId: viewer.userId })]);
  return (
    <>
      <p className="mb-4">
        <Link href="/apprentice/practice">← More practice</Link>
      </p>
      <PageHeader title="Audit practice" lead="You are the auditor: read the notes, judge each of the coder's codes, name each error and its correction, find what was left out, and work out the coder's four audit figures. Practises S13, S20, K7 and K16." />
      {recent.length > 0 && (
        <section aria-labelledby="recent-heading" className="mb-8 bg-white p-5">
          <h2 id="recent-heading" className="mb-2 text-2xl font-bold">
            Your recent audits
          </h2>
          <ul className="space-y-1">
            {recent.slice(0, 5).map((a) => (
              <li key={a.id}>
                <Link href={`/apprentice/practice/audit/attempts/${a.id}`}>{a.title}</Link> — {a.correct} of {a.of} judgements right, {formatDateTime(a.createdAt)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="mb-2 text-nhs-grey-1">{episodes.length === 1 ? '1 episode.' : `${episodes.length} episodes.`} Episodes written by a trainer come first; the rest are cases with errors planted in the coding.</p>
      {episodes.length > 0 && (
        <DataTable caption="Coded episodes to audit" head={['Episode', 'Codes', 'Errors it practises', 'Your best']}>
          {episodes.map((e) => (
            <tr key={e.id}>
              <td>
                <Link href={`/apprentice/practice/audit/${e.id}`} className="font-bold">
                  {e.title}
                </Link>
                <div className="text-sm text-nhs-grey-1">{e.origin === 'written' ? 'Written by a trainer' : 'Errors planted in a case'}</div>
              </td>
              <td>{e.codes}</td>
              <td className="text-sm">{e.practises.join('; ')}</td>
              <td className="whitespace-nowrap">
                {e.best === null ? (
                  <span className="text-nhs-grey-1">Not tried</span>
                ) : (
                  <StatusTag tone={e.best.correct / e.best.of >= 0.9 ? 'green' : e.best.correct / e.best.of >= 0.7 ? 'yellow' : 'red'}>
                    {e.best.correct} of {e.best.of} · {e.attempts} {e.attempts === 1 ? 'try' : 'tries'}
                  </StatusTag>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
