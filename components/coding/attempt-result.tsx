import { describeMarkingRules, type Finding, type MarkingRules, type MarkResult } from '@/lib/coding/mark';
import { FIGURE_LABEL, findingLabel, percent } from '@/lib/coding/format';
import { formatDateTime } from '@/lib/format';

type KeyEntry = { code: string; rationale: string; alternatives?: string[]; alternativesReason?: string };
type Expected = { diagnoses: KeyEntry[]; procedures: KeyEntry[] };
/** Each code as read in the active editions, by `scheme:as typed`. */
export type CodeInfo = Record<string, { code: string; title: string; display: string }>;

/** The four audit figures, each answer entry with its findings beside it, and the expected coding. */
export function AttemptResult({ answer, result, expected, codes }: { answer: { diagnoses: string[]; procedures: string[] }; result: MarkResult; expected: Expected; codes: CodeInfo }) {
  const unplaced = new Set(result.findings);
  const info = (scheme: 'icd10' | 'opcs4', raw: string) => codes[`${scheme}:${raw}`] ?? { code: raw, title: '', display: raw };
  // Each finding sits beside the first entry it names, in the list and position it concerns.
  const beside = (scheme: 'icd10' | 'opcs4', raw: string, index: number): Finding[] => {
    const code = info(scheme, raw).code;
    const fields = scheme === 'icd10' ? ['primaryDiagnosis', 'secondaryDiagnoses'] : ['primaryProcedure', 'secondaryProcedures'];
    const out: Finding[] = [];
    for (const f of unplaced) {
      if (f.given !== code && f.given !== raw) continue;
      if (f.field !== fields[index === 0 ? 0 : 1] && !(index === 0 && f.field === fields[0])) continue;
      out.push(f);
      unplaced.delete(f);
    }
    return out;
  };
  const lists = [
    { title: 'Diagnoses', scheme: 'icd10' as const, codes: answer.diagnoses, expected: expected.diagnoses },
    { title: 'Procedures', scheme: 'opcs4' as const, codes: answer.procedures, expected: expected.procedures },
  ].map((l) => ({ ...l, rows: l.codes.map((code, i) => ({ code, findings: beside(l.scheme, code, i) })) }));
  const rest = [...unplaced];
  const titleOf = (scheme: 'icd10' | 'opcs4', code: string) => info(scheme, code).title;
  const shown = (scheme: 'icd10' | 'opcs4', code: string) => info(scheme, code).display;

  return (
    <div className="space-y-8">
      <section aria-labelledby="figures">
        <h2 id="figures" className="mb-3 text-2xl font-bold">
          Audit figures
        </h2>
        <ul className="grid grid-cols-2 gap-4 lg:grid-cols-4">
          {(Object.keys(FIGURE_LABEL) as (keyof typeof FIGURE_LABEL)[]).map((k) => {
            const f = result[k];
            const p = percent(f);
            return (
              <li key={k} className={`border-t-4 bg-white p-4 ${p === null ? 'border-nhs-grey-4' : p === 100 ? 'border-nhs-green' : p >= 80 ? 'border-nhs-warm-yellow' : 'border-nhs-red'}`}>
                <span className="block text-sm font-bold">{FIGURE_LABEL[k]}</span>
                <span className="block text-3xl font-bold">{p === null ? 'n/a' : `${p}%`}</span>
                <span className="text-sm text-nhs-grey-1">{f ? `${f.correct} of ${f.of} correct` : 'nothing to code'}</span>
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="your-answer">
        <h2 id="your-answer" className="mb-3 text-2xl font-bold">
          Your answer, with what was found
        </h2>
        {result.findings.length === 0 && <p className="mb-3 border-l-8 border-nhs-green bg-white p-4 font-bold">Every code is right and in the right place.</p>}
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          {lists.map((l) => (
            <div key={l.title}>
              <h3 className="mb-2 text-xl font-bold">{l.title}</h3>
              {l.rows.length === 0 ? (
                <p className="italic text-nhs-grey-1">None given.</p>
              ) : (
                <ol className="divide-y divide-nhs-grey-4 border border-nhs-grey-4 bg-white">
                  {l.rows.map((r, i) => (
                    <li key={i} className={`px-3 py-2 ${r.findings.length ? 'border-l-4 border-nhs-red' : 'border-l-4 border-nhs-green'}`}>
                      <span className="text-sm text-nhs-grey-1">{i === 0 ? 'Primary' : `Secondary ${i}`}: </span>
                      <span className="font-mono font-bold">{shown(l.scheme, r.code)}</span> <span className="text-sm">{titleOf(l.scheme, r.code)}</span>
                      {r.findings.length === 0 ? (
                        <span className="sr-only"> (correct)</span>
                      ) : (
                        <ul className="mt-1 space-y-1">
                          {r.findings.map((f, j) => (
                            <li key={j} className="text-sm">
                              <strong className="text-nhs-red">{findingLabel(f)}:</strong> {f.message}
                            </li>
                          ))}
                        </ul>
                      )}
                    </li>
                  ))}
                </ol>
              )}
            </div>
          ))}
        </div>
        {rest.length > 0 && (
          <div className="mt-4 border-l-4 border-nhs-red bg-white p-4">
            <h3 className="mb-2 font-bold">Also found</h3>
            <ul className="list-disc space-y-1 pl-5">
              {rest.map((f, i) => (
                <li key={i}>
                  <strong>{findingLabel(f)}:</strong> {f.message}
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>

      <section aria-labelledby="expected">
        <h2 id="expected" className="mb-3 text-2xl font-bold">
          The expected coding and why
        </h2>
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          {lists.map((l) => (
            <div key={l.title}>
              <h3 className="mb-2 text-xl font-bold">{l.title}</h3>
              {l.expected.length === 0 ? (
                <p className="italic text-nhs-grey-1">None in this episode.</p>
              ) : (
                <ol className="divide-y divide-nhs-grey-4 border border-nhs-grey-4 bg-white">
                  {l.expected.map((e, i) => (
                    <li key={i} className="px-3 py-2">
                      <span className="font-mono font-bold">{shown(l.scheme, e.code)}</span> <span className="text-sm">{titleOf(l.scheme, e.code)}</span>
                      <p className="text-sm text-nhs-grey-1">{e.rationale}</p>
                      {e.alternatives?.length ? (
                        <p className="mt-1 text-sm">
                          <strong>Also accepted:</strong>{' '}
                          {e.alternatives.map((alt, j) => (
                            <span key={alt}>
                              {j > 0 && ', '}
                              <span className="font-mono font-bold">{shown(l.scheme, alt)}</span> {titleOf(l.scheme, alt)}
                            </span>
                          ))}
                          . {e.alternativesReason}
                        </p>
                      ) : null}
                    </li>
                  ))}
                </ol>
              )}
            </div>
          ))}
        </div>
      </section>
    </div>
  );
}

/** Which editions and rules a result was marked under, and every earlier mark of the same answer. */
export function HowMarked({ markedUnder, rules, marks }: { markedUnder: { icd10: string; opcs4: string }; rules: MarkingRules; marks: { markedUnder: { icd10: string; opcs4: string }; at: Date; markedBy: string | null; result: MarkResult }[] }) {
  const total = (m: MarkResult) => {
    const f = [m.primaryDiagnosis, m.secondaryDiagnoses, m.primaryProcedure, m.secondaryProcedures].filter((x) => x !== null);
    return `${f.reduce((a, x) => a + x!.correct, 0)} of ${f.reduce((a, x) => a + x!.of, 0)} codes`;
  };
  return (
    <section aria-labelledby="how-marked" className="mt-8 border-l-4 border-nhs-blue bg-white p-4">
      <h2 id="how-marked" className="mb-2 text-xl font-bold">
        How this was marked
      </h2>
      <p>
        Marked under <strong>{markedUnder.icd10}</strong> and <strong>{markedUnder.opcs4}</strong>, with these rules (set by an administrator where no public source settles them):
      </p>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {describeMarkingRules(rules).map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      {marks.length > 1 && (
        <>
          <h3 className="mt-4 mb-2 font-bold">Every mark of this answer</h3>
          <p className="mb-2 text-sm">Re-marking appends a result; the newest one stands and the earlier ones are kept.</p>
          <ol className="list-decimal space-y-1 pl-5 text-sm">
            {marks.map((m, i) => (
              <li key={i}>
                {i === 0 ? 'Original mark' : `Re-marked${m.markedBy ? ` by ${m.markedBy}` : ''}`}, {formatDateTime(m.at)}: marked under {m.markedUnder.icd10} and {m.markedUnder.opcs4}; {total(m.result)} correct
                {i === marks.length - 1 ? ' (standing)' : ''}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
