import type { OtjRuleSummary } from '@/lib/funding/rule-summary';

/** The off-the-job rule in force at the start and the figure the apprentice is measured by. */
export function OtjRuleFacts({ rule, planVersion }: { rule: OtjRuleSummary; planVersion: number | null }) {
  return (
    <div className="border-t border-nhs-grey-4 pt-3" data-testid="otj-rule">
      <h3 className="font-bold">The rule in force at the start</h3>
      <p>{rule.description}</p>
      <p className="mt-1">
        <strong>{rule.figure}</strong>
        {planVersion !== null ? ` (signed training plan, version ${planVersion})` : ''}
      </p>
    </div>
  );
}
