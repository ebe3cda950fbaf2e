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
      <form action="/apprentice/questions/practice" className="mb-8 flex flex-wrap items-end gap-3 bg-white p-4">
        <div className="min-w-72 flex-1">
          <label htmlFor="q-ksb" className="block font-bold">
            Practise one knowledge or skill item
          </label>
          <select id="q-ksb" name="ksb" className="mt-1 block w-full border-2 border-nhs-black bg-white px-3 py-2">
            {testable.map((k) => (
              <option key={k.code} value={k.code}>
                {k.code}: {k.text.length > 90 ? `${k.text.slice(0, 87)}…` : k.text}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="bg-nhs-blue px-4 py-2 font-bold text-white shadow-[0_4px_0_#003087]">
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
