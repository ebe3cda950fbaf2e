import Link from 'next/link';
import { listMyAssessments } from '@/lib/dal';
import type { Viewer } from '@/lib/dal/viewer';
import { formatDateTime } from '@/lib/format';

/** On the apprentice's home: a paper in progress (with its deadline) and papers a trainer has scheduled. */
export async function PapersWaiting({ viewer }: { viewer: Viewer }) {
  const mine = await listMyAssessments(viewer);
  const inProgress = mine.attempts.filter((a) => a.status === 'in_progress');
  const open = mine.sittings.filter((s) => s.open);
  if (!inProgress.length && !open.length) return null;
  return (
    <section aria-labelledby="papers-waiting-heading" className="mb-6 border-l-8 border-nhs-blue bg-white p-5">
      <h2 id="papers-waiting-heading" className="mb-2 text-xl font-bold">
        Mock assessments
      </h2>
      <ul className="space-y-1">
        {inProgress.map((a) => (
          <li key={a.id}>
            <Link href={`/assessments/${a.id}`} className="font-bold">
              Resume {a.title}
            </Link>{' '}
            — the server submits it at {formatDateTime(a.deadline)}
          </li>
        ))}
        {open.map((s) => (
          <li key={s.id}>
            <Link href="/apprentice/assessments" className="font-bold">
              {s.title}
            </Link>{' '}
            scheduled by your trainer: start it before {formatDateTime(s.closesAt)}
          </li>
        ))}
      </ul>
    </section>
  );
}
