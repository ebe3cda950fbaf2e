import { DataTable } from '@/components/data-table';

type Weakest = { weakest: { reason: string; label: string; cards: number; lapses: number; dueNow: number; dueThisWeek: number }[]; dueNow: number; dueThisWeek: number };

/** The trainer's view of an apprentice's weak-spot drills: the conventions and KSBs behind their cards, weakest first. */
export function DrillsPanel({ data, name }: { data: Weakest; name: string }) {
  return (
    <div className="mt-6">
      <h3 className="mb-2 text-xl font-bold">Weak-spot drills</h3>
      {data.weakest.length === 0 ? (
        <p className="text-nhs-grey-1">{name} has no drills yet: a case or question they get wrong becomes one.</p>
      ) : (
        <>
          <p className="mb-3">
            {data.dueNow} due today, {data.dueThisWeek} due within the week.
          </p>
          <DataTable caption={`${name}'s weakest conventions and KSBs in drills`} head={['Convention or KSB', 'Items', 'Times missed again', 'Due today']}>
            {data.weakest.map((w) => (
              <tr key={w.reason}>
                <td className="break-words">{w.label}</td>
                <td>{w.cards}</td>
                <td>{w.lapses}</td>
                <td>{w.dueNow}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </div>
  );
}
