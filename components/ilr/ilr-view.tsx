import { PageHeader } from '@/components/app-shell';
import { DataTable, buttonLink } from '@/components/data-table';
import { FilterButton, FilterSelect } from '@/components/filter-fields';
import type { IlrProblem } from '@/lib/funding/ilr';

type Data = {
  cohortId: string;
  records: { id: string; apprenticeName: string; cohortName: string | null; problems: IlrProblem[] }[];
  cohorts: { id: string; name: string }[];
  rulesYear: string;
};

/**
 * The learner-record (ILR) page, for an administrator (the provider) and a trainer (their apprentices): the
 * validation list and the download. Rows with a problem are left out of the file and listed here.
 */
export function IlrView({ data, basePath, scopeWords }: { data: Data; basePath: string; scopeWords: string }) {
  const withProblems = data.records.filter((r) => r.problems.length > 0);
  const ready = data.records.length - withProblems.length;
  const cohortName = data.cohorts.find((c) => c.id === data.cohortId)?.name;
  const href = `/api/ilr/ilr.csv${data.cohortId ? `?${new URLSearchParams({ cohortId: data.cohortId })}` : ''}`;
  return (
    <>
      <PageHeader
        title="Learner-record figures"
        lead="Per apprenticeship, the figures you return in the individualised learner record (ILR): start, planned and actual end, planned and actual off-the-job hours, completion status, withdrawal reason and breaks in learning, under the ILR's field names."
      />
      <form action={basePath} className="mb-4 grid grid-cols-1 gap-3 bg-white p-4 sm:grid-cols-3 sm:items-end">
        <FilterSelect id="ilr-cohort" name="cohortId" label="Cohort" anyLabel="All cohorts" value={data.cohortId} options={Object.fromEntries(data.cohorts.map((c) => [c.id, c.name]))} />
        <FilterButton />
      </form>
      <section aria-labelledby="ilr-summary" className="mb-6 bg-white p-4">
        <h2 id="ilr-summary" className="mb-2 text-xl font-bold">
          {cohortName ? `Cohort ${cohortName}` : `All ${scopeWords}`}
        </h2>
        <p>
          {data.records.length} {data.records.length === 1 ? 'apprenticeship' : 'apprenticeships'}: <strong>{ready} ready to return</strong>
          {withProblems.length > 0 && (
            <>
              , <strong className="text-nhs-red">{withProblems.length} with problems</strong> (left out of the file until they are put right; listed below)
            </>
          )}
          .
        </p>
        <p className="mt-4">
          <a href={href} className={buttonLink} download>
            Download the CSV ({ready} {ready === 1 ? 'row' : 'rows'})
          </a>
        </p>
      </section>
      <h2 className="mb-2 text-xl font-bold">Problems to put right</h2>
      {withProblems.length === 0 ? (
        <p className="mb-6">No problems: every apprenticeship is in the file.</p>
      ) : (
        <div className="mb-6">
          <DataTable caption="Apprenticeships left out of the file, with each problem" head={['Apprentice', 'Cohort', 'ILR field', 'Problem']}>
            {withProblems.flatMap((r) =>
              r.problems.map((p, i) => (
                <tr key={`${r.id}-${i}`}>
                  <th scope="row" className="text-left font-normal">
                    <a href={`/apprenticeships/${r.id}`}>{r.apprenticeName}</a>
                  </th>
                  <td>{r.cohortName ?? 'No cohort'}</td>
                  <td className="font-mono text-sm">{p.field}</td>
                  {/* A floor on its width: on a phone the table scrolls sideways rather than squeezing the sentence to a word a line. */}
                  <td className="min-w-64">{p.problem}</td>
                </tr>
              )),
            )}
          </DataTable>
        </div>
      )}
      <details className="bg-white p-4">
        <summary className="cursor-pointer font-bold text-nhs-blue underline">What the columns are</summary>
        <div className="mt-2 max-w-3xl space-y-2">
          <p>
            The ILR specification&apos;s names: LearnRefNumber (our apprenticeship reference: map it to your MIS&apos;s 12-character reference), ULN (we do not hold unique learner numbers: left empty), LearnStartDate, LearnPlanEndDate, LearnActEndDate, PHours (planned
            off-the-job hours, from the signed training plan in force), OTJActHours (actual off-the-job hours, returned at completion or withdrawal), CompStatus (1 continuing, 2 completed, 3 withdrawn, 6 break in learning), WithdrawReason and Outcome (3 no
            achievement on withdrawal; 8 on completion, as the end-point assessment result is not held here).
          </p>
          <p>
            Ours, not the specification&apos;s: LearnPlanEndDateAfterBreaks (the planned end moved on by the days in breaks) and BreakStartDate1, BreakEndDate1 and so on (each break&apos;s start and the day learning resumed). LearnPlanEndDate stays the
            original planned end, as the ILR keeps it on the aim the apprentice started; a return from a break is a restart you record with its own dates.
          </p>
          <p>Dates are YYYY-MM-DD. The funding floor checked is the {data.rulesYear} rules&apos; setting.</p>
        </div>
      </details>
    </>
  );
}
