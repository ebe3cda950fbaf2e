import { StatusTag } from '@/components/status-tag';
import type { RagResult } from '@/lib/progress/rag';

const LABEL = { red: 'Red', amber: 'Amber', green: 'Green' } as const;
const TONE = { red: 'red', amber: 'yellow', green: 'green' } as const;

/**
 * The colour and, beside it, the reason: the colour alone is not enough for anyone. In a table only the worst
 * reason shows; the others open under "and N more" (a native disclosure: keyboard and screen readers know it).
 */
export function RagTag({ result, all = false }: { result: RagResult; all?: boolean }) {
  const [first, ...rest] = result.reasons;
  return (
    <span className="inline-flex flex-wrap items-baseline gap-x-2">
      <StatusTag tone={TONE[result.rag]}>{LABEL[result.rag]}</StatusTag>
      {first ? (
        all || rest.length === 0 ? (
          <span className="text-sm">{result.reasons.map((r) => r.text).join('; ')}</span>
        ) : (
          <span className="text-sm">
            {first.text}
            <details className="group">
              <summary className="cursor-pointer text-nhs-blue underline">and {rest.length} more</summary>
              <ul className="mt-1 list-disc pl-5">
                {rest.map((r) => (
                  <li key={r.text}>{r.text}</li>
                ))}
              </ul>
            </details>
          </span>
        )
      ) : (
        <span className="text-sm text-nhs-grey-1">on track</span>
      )}
    </span>
  );
}
