import { KSB_KIND_LABEL, type KsbKind } from '@/lib/content/standard';

type Ksb = { code: string; kind: KsbKind; text: string };

/** The KSBs grouped as Knowledge, Skills and Behaviours; each item has its own anchor (#K1 … #B5). */
export function KsbList({ ksbs, headingLevel = 2, status }: { ksbs: Ksb[]; headingLevel?: 2 | 3; status?: (code: string) => React.ReactNode }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="space-y-8">
      {(['K', 'S', 'B'] as const).map((kind) => {
        const items = ksbs.filter((k) => k.kind === kind);
        return (
          <section key={kind} aria-labelledby={`ksb-group-${kind}`}>
            <Heading id={`ksb-group-${kind}`} className="mb-3 text-2xl font-bold">
              {KSB_KIND_LABEL[kind]} <span className="text-lg font-normal text-nhs-grey-1">({items.length})</span>
            </Heading>
            <ol className="divide-y divide-nhs-grey-4 border border-nhs-grey-4 bg-white">
              {items.map((k) => (
                <li key={k.code} id={k.code} className="flex gap-4 px-4 py-3 target:bg-[#fff9c4]">
                  <a href={`#${k.code}`} className="w-10 shrink-0 font-bold" aria-label={`${k.code} (link to this item)`}>
                    {k.code}
                  </a>
                  <span className="min-w-0 flex-1 break-words">{k.text}</span>
                  {status && <span className="shrink-0">{status(k.code)}</span>}
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
