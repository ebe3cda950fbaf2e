'use client';

import { KSB_KIND_LABEL, type KsbKind } from '@/lib/content/standard';
import { KSB_STATE } from './ksb-state';

/** `start`: where the KSB started, from the confirmed initial assessment (issue 20), in words; `rpl`: recognised prior learning. */
export type KsbCell = { code: string; kind: KsbKind; text: string; state: keyof typeof KSB_STATE; accuracy: number | null; start?: string | null; rpl?: boolean };

/**
 * A client component only so that the page sends the 59 cells as data rather than as markup twice
 * (the HTML and React's copy of it): it has no state and no effects.
 *
 * The 59 KSBs at a glance, grouped K, S, B. Each cell shows its state by colour and by a mark (so
 * colour is not the only signal) and links to the drill-down below the grid.
 */
export function KsbGrid({ cells, basePath, selected }: { cells: KsbCell[]; basePath: string; selected?: string }) {
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
                const shown = c.state === 'practised' && c.accuracy !== null ? ` ${Math.round(c.accuracy)}%` : '';
                const start = c.start ? `; at start: ${c.start}` : '';
                return (
                  <li key={c.code}>
                    {/* A plain link: the drill-down is a new page opened at its detail, so no client router is
                        needed for 59 cells. The name starts with the visible text ("S3 83%"), as WCAG 2.5.3
                        (label in name) asks; the KSB's own words are its description and tooltip. */}
                    <a href={`${basePath}?ksb=${c.code}#ksb-detail`} aria-label={`${c.code}${shown}${c.rpl ? ' RPL' : ''}: ${s.label}${shown ? ' (accuracy in practice)' : ''}${start}`} title={`${c.code}: ${c.text}${c.start ? ` (at start: ${c.start})` : ''}`} aria-current={selected === c.code ? 'true' : undefined} className={`ksb-cell ${s.cls}`}>
                      {c.code}
                      <span aria-hidden className="text-xs leading-none">
                        {s.mark}
                        {shown}
                        {c.rpl && ' RPL'}
                      </span>
                    </a>
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
