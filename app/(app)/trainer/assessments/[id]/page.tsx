import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { getSitting } from '@/lib/dal';
import { orNotFound, requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { DataTable, buttonLink } from '@/components/data-table';
import { GradeTag, formatPercent } from '@/components/assessments/grade-tag';
import { GradeDistribution } from '@/components/assessments/grade-distribution';
import { formatDate, formatDateTime } from '@/lib/format';
import { formatTimeLeft } from '@/lib/assessments/deadline';

// One read for the page and its <title>; out of reach is the same 404 in both.
const load = cache(async (id: string) => {
  const viewer = await requireRole('trainer', 'admin');
  return orNotFound(getSitting(viewer, id));
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const s = await load((await params).id);
  return { title: `${s.title}, scheduled ${formatDate(s.opensAt)}` };
}

export default async function SittingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const s = await load(id);
  const now = new Date().getTime();
  const waiting = s.rows.reduce((t, r) => t + r.waiting, 0);
  return (
    <>
      <p className="mb-4">
        <Link href="/trainer/assessments">← Mock assessments</Link>
      </p>
      <PageHeader title={s.title} lead={`${s.cohortName ? `${s.cohortName} · ` : ''}${s.minutes} minutes · open ${formatDateTime(s.opensAt)} to ${formatDateTime(s.closesAt)} · pass ${s.boundaries.pass}%, distinction ${s.boundaries.distinction}%`}>
        <a href={`/api/assessments/sittings/${s.id}/csv`} className={buttonLink} download>
          Download results (CSV)
        </a>
      </PageHeader>
      <div className="mb-8 grid grid-cols-1 gap-6 lg:grid-cols-[1fr_20rem]">
        <DataTable caption="Each invited apprentice: state, time left, result" head={['Apprentice', 'State', 'Time left', 'Score', 'Written answers to mark']}>
          {s.rows.map((r) => (
            <tr key={r.apprenticeId}>
              <td>{r.attemptId ? <Link href={`/assessments/${r.attemptId}`}>{r.apprenticeName}</Link> : r.apprenticeName}</td>
              <td>
                <GradeTag grade={r.grade} status={r.state} />
                {r.submittedBy === 'deadline' && <span className="block text-sm text-nhs-grey-1">submitted at the deadline</span>}
              </td>
              <td className="whitespace-nowrap">{r.state === 'in_progress' && r.deadline ? formatTimeLeft(Math.max(0, r.deadline.getTime() - now)) : '—'}</td>
              <td>{formatPercent(r.percent)}</td>
              <td>{r.waiting || '—'}</td>
            </tr>
          ))}
        </DataTable>
        <GradeDistribution distribution={s.distribution} />
      </div>
      {waiting > 0 && (
        <p className="bg-white p-4">
          {waiting} written {waiting === 1 ? 'answer waits' : 'answers wait'} for marking: <Link href="/trainer/assessments">see the list</Link>.
        </p>
      )}
    </>
  );
}
