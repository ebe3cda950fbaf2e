import { StatusTag } from '@/components/status-tag';
import { WITNESS_STATUS_LABEL } from '@/lib/evidence/witness-schemas';
import { formatDate, formatDateTime } from '@/lib/format';
import type { PortfolioWitnessStatement } from '@/lib/portfolio/types';

// The portfolio's statement as a page shows it (the signing time is only in the export).
export type WitnessStatementView = Omit<PortfolioWitnessStatement, 'signedAt'>;

/**
 * The witness statements on a piece of evidence, read-only: each signed one with its text and who
 * signed it; requests still waiting say who was asked and when.
 */
export function WitnessStatements({
  statements,
  heading = 'Witness statements',
  headingLevel = 2,
  showRequests = true,
}: {
  statements: WitnessStatementView[];
  /** null when the page gives the section its own heading. */
  heading?: string | null;
  headingLevel?: 2 | 3;
  /** Whether to list requests not yet signed. */
  showRequests?: boolean;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const shown = showRequests ? statements : statements.filter((s) => s.status === 'signed');
  const Root = heading ? 'section' : 'div';
  return (
    <Root className="space-y-3" aria-labelledby={heading ? 'witness-statements-heading' : undefined}>
      {heading && (
        <Heading id="witness-statements-heading" className="text-xl font-bold">
          {heading}
        </Heading>
      )}
      {shown.length === 0 ? (
        <p className="text-nhs-grey-1">No witness statements{showRequests ? ' have been asked for' : ''} yet.</p>
      ) : (
        <ul className="space-y-3">
          {shown.map((s) => (
            <li key={s.id} className={`border-l-8 bg-nhs-grey-5 p-4 ${s.status === 'signed' ? 'border-nhs-green' : 'border-nhs-grey-4'}`}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="font-bold">{s.status === 'signed' ? `${s.signedName}, ${s.signedJobTitle}` : s.witnessName}</p>
                <StatusTag tone={s.status === 'signed' ? 'green' : 'yellow'}>{WITNESS_STATUS_LABEL[s.status]}</StatusTag>
              </div>
              {s.status === 'signed' ? (
                <figure className="mt-2">
                  <blockquote className="whitespace-pre-line">{s.statement}</blockquote>
                  <figcaption className="mt-2 text-sm text-nhs-grey-1">
                    Signed by {s.signedName} ({s.signedJobTitle}) on {formatDate(s.signedOn!)}
                  </figcaption>
                </figure>
              ) : (
                <p className="mt-1 text-sm text-nhs-grey-1">
                  Asked {s.witnessName} on {formatDateTime(s.requestedAt)}: “{s.requestMessage}”
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </Root>
  );
}
