import type { Grade } from '@/lib/content/assessment';

const BARS: { grade: Grade; label: string; colour: string }[] = [
  { grade: 'fail', label: 'Fail', colour: 'bg-nhs-red' },
  { grade: 'pass', label: 'Pass', colour: 'bg-nhs-green' },
  { grade: 'distinction', label: 'Distinction', colour: 'bg-nhs-blue' },
];

/** How the graded attempts fall: bars for the eye, and the same numbers as a list for everyone. */
export function GradeDistribution({ distribution }: { distribution: Record<Grade, number> }) {
  const total = BARS.reduce((t, b) => t + distribution[b.grade], 0);
  const max = Math.max(1, ...BARS.map((b) => distribution[b.grade]));
  return (
    <section aria-labelledby="dist-heading" className="self-start bg-white p-5">
      <h2 id="dist-heading" className="mb-3 text-xl font-bold">
        Grades
      </h2>
      {total === 0 ? (
        <p className="text-nhs-grey-1">No attempt is graded yet.</p>
      ) : (
        <ul className="space-y-2">
          {BARS.map((b) => (
            <li key={b.grade}>
              <span className="flex justify-between text-sm">
                <span>{b.label}</span>
                <strong>
                  {distribution[b.grade]} of {total}
                </strong>
              </span>
              <span aria-hidden className="block h-4 bg-nhs-grey-5">
                <span className={`block h-4 ${b.colour}`} style={{ width: `${(100 * distribution[b.grade]) / max}%` }} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
