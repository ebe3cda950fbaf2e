import type { Metadata } from 'next';
import Link from 'next/link';
import { browseCodes, getActiveEditions, searchCodes } from '@/lib/dal';
import { ukForm } from '@/lib/coding/classification';
import { requireViewer } from '@/lib/dal/session';
import { loadChapters } from '@/lib/coding/load';
import { PageHeader } from '@/components/app-shell';
import { DataTable } from '@/components/data-table';

export const metadata: Metadata = { title: 'Code browser' };

type Params = { q?: string; scheme?: string; chapter?: string; block?: string; category?: string };
const SCHEMES = { icd10: 'ICD-10 (diagnoses)', opcs4: 'OPCS-4 (procedures)' } as const;

const EPISODES = 'Episodes in England, 2023-24';
const episodes = new Intl.NumberFormat('en-GB');
/** HES counts: "used in N episodes in England, 2023-24" (a 5th-character code shows its four-character parent's). */
function Episodes({ n, code }: { n: number | null; code: string }) {
  if (!n) return <span className="text-nhs-grey-1">none recorded</span>;
  return (
    <span>
      {episodes.format(n)}
      {code.length > 5 && <span className="sr-only"> (the four-character code {code.slice(0, 5)}; HES keeps no 5th character)</span>}
      {code.length > 5 && <span aria-hidden="true" className="text-nhs-grey-1"> ({code.slice(0, 5)})</span>}
    </span>
  );
}

function CodeMarks({ asterisk, dagger }: { asterisk: boolean; dagger?: boolean }) {
  if (asterisk) return <abbr title="Asterisk code: a manifestation, never primary, directly after its dagger code">*</abbr>;
  if (dagger) return <abbr title="Dagger code: the underlying disease of a dagger and asterisk pair">†</abbr>;
  return null;
}

export default async function CodesPage({ searchParams }: { searchParams: Promise<Params> }) {
  const viewer = await requireViewer();
  const p = await searchParams;
  const scheme = p.scheme === 'opcs4' ? 'opcs4' : 'icd10';
  const q = (p.q ?? '').trim();
  const meta = loadChapters();
  const editions = await getActiveEditions(viewer);
  const hits = q ? await searchCodes(viewer, { q, scheme: p.scheme === 'opcs4' || p.scheme === 'icd10' ? p.scheme : '' }, 50) : [];

  const chapter = p.chapter ? meta.chapters.find((c) => c.scheme === scheme && c.id === p.chapter) : undefined;
  const block = p.block ? meta.blocks.find((b) => b.id === p.block) : undefined;
  const categoryRows = p.category ? await browseCodes(viewer, { scheme, category: p.category }) : [];
  const listRows = !p.category && (block || (chapter && scheme === 'opcs4')) ? await browseCodes(viewer, { scheme, block: block?.id, chapter: block ? undefined : chapter?.id }) : [];
  const href = (params: Params) => `/codes?${new URLSearchParams(Object.entries(params).filter(([, v]) => v) as [string, string][])}`;

  return (
    <>
      <PageHeader
        title="Code browser"
        lead={`Search ${editions.map((e) => e.name).join(' and ')} by code or by words, or browse chapter by chapter. Common codes come first: the number beside each is how many hospital episodes in England used it in 2023-24. * marks an asterisk code, † a dagger code.`}
      />
      <form role="search" action="/codes" className="mb-8 flex flex-wrap items-end gap-3 bg-white p-4">
        <div className="min-w-64 flex-1">
          <label htmlFor="codes-q" className="block font-bold">
            Code or words
          </label>
          <p id="codes-q-hint" className="text-sm text-nhs-grey-1">
            For example K35.8, h01 or “fracture neck femur”: every word must match
          </p>
          <input id="codes-q" name="q" type="search" defaultValue={q} aria-describedby="codes-q-hint" className="mt-1 block w-full border-2 border-nhs-black px-3 py-2" />
        </div>
        <fieldset className="flex gap-4">
          <legend className="sr-only">Classification</legend>
          {(['', 'icd10', 'opcs4'] as const).map((s) => (
            <label key={s || 'both'} className="flex items-center gap-2 py-2">
              <input type="radio" name="scheme" value={s} defaultChecked={(p.scheme ?? '') === s} className="h-5 w-5" />
              {s ? s.toUpperCase().replace('ICD10', 'ICD-10').replace('OPCS4', 'OPCS-4') : 'Both'}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="bg-nhs-blue px-4 py-2 font-bold text-white shadow-[0_4px_0_#003087]">
          Search
        </button>
      </form>

      {q && (
        <section aria-labelledby="results" className="mb-10">
          <h2 id="results" className="mb-2 text-2xl font-bold">
            {hits.length ? `${hits.length === 50 ? 'First 50' : hits.length} matches for “${q}”` : `No codes match “${q}”`}
          </h2>
          {hits.length > 0 && (
            <DataTable caption={`Codes matching ${q}`} head={['Code', 'Title', 'Classification', EPISODES]}>
              {hits.map((h) => (
                <tr key={`${h.scheme}:${h.code}`}>
                  <td className="font-mono font-bold whitespace-nowrap">
                    {h.hasChildren ? <Link href={href({ scheme: h.scheme, category: h.code.slice(0, 3) })}>{h.display}</Link> : h.display}
                    <CodeMarks asterisk={h.asterisk} dagger={h.dagger} />
                  </td>
                  <td>
                    {h.title}
                    {h.hasChildren && <span className="ml-2 text-sm text-nhs-grey-1">(category: choose a subdivision)</span>}
                  </td>
                  <td className="whitespace-nowrap">{h.scheme === 'icd10' ? 'ICD-10' : 'OPCS-4'}</td>
                  <td className="whitespace-nowrap text-right">
                    <Episodes n={h.episodes} code={h.code} />
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </section>
      )}

      <section aria-labelledby="browse">
        <h2 id="browse" className="mb-3 text-2xl font-bold">
          Browse
        </h2>
        <nav aria-label="Classification" className="mb-4 flex gap-6">
          {(Object.keys(SCHEMES) as (keyof typeof SCHEMES)[]).map((s) => (
            <Link key={s} href={href({ scheme: s })} aria-current={scheme === s && !chapter && !p.category ? 'page' : undefined} className={scheme === s ? 'font-bold' : ''}>
              {SCHEMES[s]}
            </Link>
          ))}
        </nav>
        <nav aria-label="Breadcrumb" className="mb-4 text-sm">
          <ol className="flex flex-wrap gap-2">
            <li>
              <Link href={href({ scheme })}>{scheme === 'icd10' ? 'ICD-10' : 'OPCS-4'} chapters</Link>
            </li>
            {chapter && (
              <li>
                › <Link href={href({ scheme, chapter: chapter.id })}>Chapter {chapter.id}</Link>
              </li>
            )}
            {block && (
              <li>
                › <Link href={href({ scheme, chapter: block.chapter, block: block.id })}>{block.id}</Link>
              </li>
            )}
            {p.category && <li aria-current="page">› {p.category}</li>}
          </ol>
        </nav>
        {p.category ? (
          <DataTable caption={`Subdivisions of ${p.category}`} head={['Code', 'Title', EPISODES]}>
            {categoryRows.map((r) => (
              <tr key={r.code}>
                <td className={`font-mono font-bold whitespace-nowrap ${r.code.length > 5 ? 'pl-8' : ''}`}>
                  {r.code}
                  <CodeMarks asterisk={r.usage === 'asterisk'} dagger={r.usage === 'dagger'} />
                </td>
                <td>
                  {r.title}
                  {r.hasChildren && <span className="ml-2 text-sm text-nhs-grey-1">(needs a 5th character)</span>}
                </td>
                <td className="whitespace-nowrap text-right">
                  <Episodes n={r.episodes} code={r.code} />
                </td>
              </tr>
            ))}
          </DataTable>
        ) : listRows.length ? (
          <DataTable caption="Categories" head={['Category', 'Title', EPISODES]}>
            {listRows.map((r) => (
              <tr key={r.code}>
                <td className="font-mono font-bold">
                  {r.hasChildren ? <Link href={href({ scheme, chapter: chapter?.id ?? block?.chapter, block: block?.id, category: r.code })}>{r.code}</Link> : ukForm(scheme, r.code)}
                  <CodeMarks asterisk={r.usage === 'asterisk'} dagger={r.usage === 'dagger'} />
                </td>
                <td>{r.title}</td>
                <td className="whitespace-nowrap text-right">
                  <Episodes n={r.episodes} code={r.code} />
                </td>
              </tr>
            ))}
          </DataTable>
        ) : chapter && scheme === 'icd10' ? (
          <ul className="divide-y divide-nhs-grey-4 border border-nhs-grey-4 bg-white">
            {meta.blocks
              .filter((b) => b.chapter === chapter.id)
              .map((b) => (
                <li key={b.id} className="px-4 py-2">
                  <Link href={href({ scheme, chapter: chapter.id, block: b.id })} className="font-mono font-bold">
                    {b.id}
                  </Link>{' '}
                  {b.title}
                </li>
              ))}
          </ul>
        ) : (
          <ul className="grid grid-cols-1 gap-px border border-nhs-grey-4 bg-nhs-grey-4 sm:grid-cols-2">
            {meta.chapters
              .filter((c) => c.scheme === scheme)
              .map((c) => (
                <li key={c.id} className="bg-white px-4 py-2">
                  <Link href={href({ scheme, chapter: c.id })}>
                    <span className="font-bold">Chapter {c.id}</span>
                  </Link>{' '}
                  {c.title}
                </li>
              ))}
          </ul>
        )}
      </section>
      <footer className="mt-8 text-sm text-nhs-grey-1">
        {editions.map((e) => (
          <p key={e.id}>
            {e.name}: {e.attribution}
          </p>
        ))}
        <p>Usage counts: Hospital Episode Statistics, Admitted Patient Care, England 2023-24 (NHS England, Open Government Licence v3.0).</p>
      </footer>
    </>
  );
}
