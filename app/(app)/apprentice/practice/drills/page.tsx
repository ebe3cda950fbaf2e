import type { Metadata } from 'next';
import Link from 'next/link';
import { getDrillsDue } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { DataTable, buttonLink } from '@/components/data-table';
import { StatusTag } from '@/components/status-tag';
import { formatDate, formatDateLong } from '@/lib/format';
import { ukToday } from '@/lib/forms/fields';

export const metadata: Metadata = { title: 'Practise my weak spots' };

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * Weak-spot drills (issue 19 §4): the cases and questions the apprentice got wrong come back when ts-fsrs
 * says they are due: a day after a miss, then longer each time they are got right.
 */
export default async function DrillsPage() {
  const viewer = await requireRole('apprentice');
  const d = await getDrillsDue(viewer);
  return (
    <>
      <p className="mb-4">
        <Link href="/apprentice/practice">← More practice</Link>
      </p>
      <PageHeader
        title="Practise my weak spots"
        lead="A case or question you get wrong comes back here the next day; each time you get it right, it comes back a little later. Do what is due today."
      />
      <section aria-labelledby="due-heading" className="mb-8">
        <h2 id="due-heading" className="mb-3 text-2xl font-bold">
          Due today
        </h2>
        {d.due.length === 0 ? (
          <p className="bg-white p-5">Nothing is due today. {d.laterThisWeek > 0 ? `${plural(d.laterThisWeek, 'item')} come${d.laterThisWeek === 1 ? 's' : ''} due in the week ahead.` : 'Anything you get wrong in cases or theory questions will appear here the next day.'}</p>
        ) : (
          <ul className="space-y-4">
            {d.due.map((item) => (
              <li key={`${item.itemKind}:${item.itemId}`} className="bg-white p-5 shadow-sm">
                <p className="mb-1">
                  <StatusTag tone={item.itemKind === 'case' ? 'blue' : 'grey'}>{item.itemKind === 'case' ? 'Case' : 'Question'}</StatusTag>
                </p>
                <h3 className="mb-2 text-xl font-bold break-words">{item.title}</h3>
                {item.detail ? <p className="mb-2 break-words">{item.detail}</p> : null}
                <dl className="mb-3 grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
                  <dt className="font-bold">Why it is here</dt>
                  <dd className="break-words">{item.reasonLabel}</dd>
                  <dt className="font-bold">Last missed</dt>
                  <dd>{item.lastMissed ? formatDate(ukToday(item.lastMissed)) : '—'}</dd>
                  {item.lapses > 1 ? (
                    <>
                      <dt className="font-bold">Missed</dt>
                      <dd>{plural(item.lapses, 'time')}</dd>
                    </>
                  ) : null}
                </dl>
                <Link href={item.href} className={buttonLink} aria-label={`Start: ${item.title}`}>
                  Start
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="week-heading">
        <h2 id="week-heading" className="mb-3 text-2xl font-bold">
          Coming up
        </h2>
        <DataTable caption="Drills coming due in the next 7 days" head={['Day', 'Due']}>
          {d.week.map((w) => (
            <tr key={w.date}>
              <td>
                {formatDateLong(w.date)}
              </td>
              <td>{w.count === 0 ? 'Nothing' : plural(w.count, 'item')}</td>
            </tr>
          ))}
        </DataTable>
      </section>
    </>
  );
}
