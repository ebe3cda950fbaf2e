import { StatusTag } from '@/components/status-tag';
import type { RagResult } from '@/lib/progress/rag';

const LABEL = { red: 'Red', amber: 'Amber', green: 'Green' } as const;
const TONE = { red: 'red', amber: 'yellow', green: 'green' } as const;

/** The colour and, beside it, the reason: the colour alone is not enough for anyone. */
export function RagTag({ result, all = false }: { result: RagResult; all?: boolean }) {
  const reasons = all ? result.reasons : result.reasons.slice(0, 1);
  return (
    <span className="inline-flex flex-wrap items-baseline gap-x-2">
      <StatusTag tone={TONE[result.rag]}>{LABEL[result.rag]}</StatusTag>
      {reasons.length > 0 ? (
        <span className="text-sm">
          {reasons.map((r) => r.text).join('; ')}
          {!all && result.reasons.length > 1 ? ` (+${result.reasons.length - 1} more)` : ''}
        </span>
      ) : (
        <span className="text-sm text-nhs-grey-1">on track</span>
      )}
    </span>
  );
}
