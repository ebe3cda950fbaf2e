import { describeOtjRule } from '@/lib/funding/rules';
import type { FundingSettings } from '@/lib/funding/settings';
import { formatDate } from '@/lib/format';
import type { RplPreview } from '@/lib/initial-assessment/schemas';

/**
 * What recognised prior learning does to the figures the training plan starts from: planned off-the-job hours
 * and the planned duration, each with how it was worked out, under the rule in force at the start.
 */
export function RplFigures({ preview: p, rpl, settings }: { preview: RplPreview; rpl: { hours: number; months: number }; settings: FundingSettings }) {
  const hours = p.otj.rule === 'hours'
    ? `the standard’s ${p.otj.beforeRpl} hours less ${rpl.hours} recognised${p.otj.atFloor ? `, raised to the funding floor of ${settings.otjFloorHours}` : ''}`
    : `${p.otj.beforeRpl} hours by the rule at the start, less ${rpl.hours} recognised`;
  return (
    <div className="space-y-2">
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <div className="bg-nhs-grey-5 p-3">
          <dt className="text-sm text-nhs-grey-1">Planned off-the-job hours</dt>
          <dd className="text-2xl font-bold" data-testid="rpl-otj-hours">
            {p.otj.hours}
          </dd>
          <dd className="text-sm">{hours}</dd>
        </div>
        <div className="bg-nhs-grey-5 p-3">
          <dt className="text-sm text-nhs-grey-1">Planned duration</dt>
          <dd className="text-2xl font-bold" data-testid="rpl-duration">
            {p.duration.months} months
          </dd>
          <dd className="text-sm">
            the typical {p.typicalMonths} months less {rpl.months}
            {p.duration.atMinimum ? `, raised to the minimum of ${p.duration.minimum}` : ` (minimum ${p.duration.minimum})`}; planned end {formatDate(p.plannedEnd)}
          </dd>
        </div>
      </dl>
      <p className="text-sm text-nhs-grey-1">{describeOtjRule(p.otj.rule, settings)}</p>
    </div>
  );
}
