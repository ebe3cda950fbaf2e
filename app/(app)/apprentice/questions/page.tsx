import type { Metadata } from 'next';
import Link from 'next/link';
import { getQuestionScores, getStandard } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { DataTable, buttonLink } from '@/components/data-table';
import { StatusTag } from '@/components/status-tag';

export const metadata: Metadata = { title: 'Theory questions' };

export default async function QuestionsPage() {
  const viewer = await requireRole('apprentice');
  const [scores, standard] = await Promise.all([getQuestionScores(viewer), getStandard(viewer)]);
  const testable = standard.ksbs.filter((k) => k.kind !== 'B');
  return (
    <>
      <PageHeader title="Theory questions" lead="Practise for the NCCQ theory paper: terminology, anatomy, classification rules, national standards, information governance and the uses of coded data. Each answer is marked at once, with the reason.">
        <Link href="/apprentice/questions/practice" className={buttonLink}>
          Start a random 20
        </Link>
      </PageHeader>
      <form action="/apprentice/questions/practice" className="mb-8 bg-white p-4">
        <fieldset>
          <legend className="text-xl font-bold">Practise chosen knowledge and skill items</legend>
          <p className="mb-3 text-sm text-nhs-grey-1">Tick one or more; you get up to 20 questions drawn from them.</p>
          {(['K', 'S'] as const).map((kind) => (
            <details key={kind} className="mb-2 border border-nhs-grey-4" open={kind === 'K'}>
              <summary className="cursor-pointer px-3 py-2 font-bold">{kind === 'K' ? 'Knowledge (K1–K29)' : 'Skills (S1–S25)'}</summary>
              <ul className="grid grid-cols-1 gap-x-6 gap-y-1 px-3 pb-3 sm:grid-cols-2">
                {testable
                  .filter((k) => k.kind === kind)
                  .map((k) => (
                    <li key={k.code}>
                      <label className="flex items-start gap-2">
                        <input type="checkbox" name="ksb" value={k.code} className="mt-1 h-5 w-5 shrink-0" />
                        <span>
                          <strong>{k.code}</strong> {k.text}
                        </span>
                      </label>
                    </li>
                  ))}
              </ul>
            </details>
          ))}
        </fieldset>
        <button type="submit" className="mt-3 bg-nhs-blue px-4 py-2 font-bold text-white shadow-[0_4px_0_#003087]">
          Start
        </button>
      </form>
      <h2 className="mb-3 text-2xl font-bold">Your scores by item, weakest first</h2>
      {scores.length === 0 ? (
        <p className="text-nhs-grey-1">Answer some questions to see where to focus.</p>
      ) : (
        <DataTable caption="Theory scores by KSB" head={['Item', 'Answered', 'Right', 'Score', <span key="a" className="sr-only">Practise</span>]}>
          {scores.map((s) => {
            const pct = Math.round((s.correct / s.answered) * 100);
            return (
              <tr key={s.ksb}>
                <td className="font-bold">{s.ksb}</td>
                <td>{s.answered}</td>
                <td>{s.correct}</td>
                <td>
                  <StatusTag tone={pct >= 70 ? 'green' : pct >= 50 ? 'yellow' : 'red'}>{pct}%</StatusTag>
                </td>
                <td>
                  <Link href={`/apprentice/questions/practice?ksb=${s.ksb}`}>
                    Practise<span className="sr-only"> {s.ksb}</span>
                  </Link>
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </>
  );
}
