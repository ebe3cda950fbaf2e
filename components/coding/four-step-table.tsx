import { DataTable } from '@/components/data-table';

type FourStepJson = { code: string; leadTerm: string; indexEntry: string; tabularCheck: string }[];

/** The four-step process (S5) the apprentice recorded with an attempt: how each code was found and checked. */
export function FourStepTable({ steps, own }: { steps: FourStepJson; own: boolean }) {
  return (
    <section aria-labelledby="four-step-heading" className="mt-8">
      <h2 id="four-step-heading" className="mb-1 text-2xl font-bold">
        The four-step process
      </h2>
      <p className="mb-3 text-nhs-grey-1">{own ? 'How you found and checked each code.' : 'How the apprentice found and checked each code.'}</p>
      <DataTable caption="The four-step process recorded for each code" head={['Code', 'Lead term', 'Index entry followed', 'Tabular check made']}>
        {steps.map((s, i) => (
          <tr key={`${s.code}-${i}`}>
            <th scope="row" className="font-mono">
              {s.code}
            </th>
            <td className="break-words">{s.leadTerm || '—'}</td>
            <td className="break-words">{s.indexEntry || '—'}</td>
            <td className="break-words">{s.tabularCheck || '—'}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
