import type { Grade } from '@/lib/content/assessment';
import { Bar } from '@/components/bar';

const BARS: { grade: Grade; label: string; colour: string }[] = [
  { grade: 'fail', label: 'Fail', colour: 'fill-nhs-red' },
  { grade: 'pass', label: 'Pass', colour: 'fill-nhs-green' },
  { grade: 'distinction', label: 'Distinction', colour: 'fill-nhs-blue' },
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
              <Bar percent={(100 * distribution[b.grade]) / max} className="h-4 w-full bg-nhs-grey-5" fill={b.colour} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
