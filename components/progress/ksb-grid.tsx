import Link from 'next/link';
import { KSB_KIND_LABEL, type KsbKind } from '@/lib/content/standard';

export type KsbCell = { code: string; kind: KsbKind; text: string; state: 'met' | 'submitted' | 'practised' | 'not_started'; accuracy: number | null; attempts: number; answered: number };

export const KSB_STATE = {
  met: { label: 'Met', mark: '✓', cls: 'bg-nhs-green text-white border-nhs-green' },
  submitted: { label: 'Submitted, awaiting a decision', mark: '◐', cls: 'bg-[#d2e2f1] text-[#002f5c] border-[#002f5c]' },
  practised: { label: 'Practised', mark: '•', cls: 'bg-[#fff9c4] text-[#594d00] border-[#594d00]' },
  not_started: { label: 'Not started', mark: '', cls: 'bg-white text-nhs-black border-nhs-grey-1' },
} as const;

/**
 * The 59 KSBs at a glance, grouped K, S, B. Each cell shows its state by colour and by a mark (so
 * colour is not the only signal) and links to the drill-down below the grid.
 */
export function KsbGrid({ cells, hrefFor, selected }: { cells: KsbCell[]; hrefFor: (code: string) => string; selected?: string }) {
  return (
    <div className="space-y-4">
      {(['K', 'S', 'B'] as const).map((kind) => (
        <section key={kind} aria-labelledby={`grid-${kind}`}>
          <h3 id={`grid-${kind}`} className="mb-2 font-bold">
            {KSB_KIND_LABEL[kind]} ({cells.filter((c) => c.kind === kind && c.state === 'met').length} of {cells.filter((c) => c.kind === kind).length} met)
          </h3>
          <ul className="flex flex-wrap gap-1.5">
            {cells
              .filter((c) => c.kind === kind)
              .map((c) => {
                const s = KSB_STATE[c.state];
                // The accessible name starts with the visible text ("S3 83%"), as WCAG 2.5.3 (label in name) asks.
                const shown = c.state === 'practised' && c.accuracy !== null ? ` ${Math.round(c.accuracy)}%` : '';
                return (
                  <li key={c.code}>
                    <Link
                      href={hrefFor(c.code)}
                      scroll={false}
                      aria-label={`${c.code}${shown}: ${s.label}${shown ? ' (accuracy in practice)' : ''}. ${c.text}`}
                      aria-current={selected === c.code ? 'true' : undefined}
                      title={`${c.code}: ${c.text}`}
                      className={`flex h-12 w-14 flex-col items-center justify-center border-2 text-sm font-bold no-underline hover:underline ${s.cls} ${selected === c.code ? 'outline-4 outline-offset-2 outline-nhs-black' : ''}`}
                    >
                      <span>{c.code}</span>
                      <span aria-hidden className="text-xs leading-none">
                        {s.mark}
                        {shown}
                      </span>
                    </Link>
                  </li>
                );
              })}
          </ul>
        </section>
      ))}
      <ul className="flex flex-wrap gap-4 text-sm" aria-label="Key">
        {Object.values(KSB_STATE).map((s) => (
          <li key={s.label} className="flex items-center gap-2">
            <span aria-hidden className={`inline-flex h-5 w-6 items-center justify-center border-2 text-xs ${s.cls}`}>
              {s.mark}
            </span>
            {s.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
