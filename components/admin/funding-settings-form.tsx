'use client';
import { FormMessage, SubmitButton, TextField } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { FundingSettings } from '@/lib/funding/settings';
import type { FormResult } from '@/lib/forms/result';

type Values = Record<keyof FundingSettings, number | string>;
type Kind = 'text' | 'date' | 'whole' | 'decimal';

// issue 20: every FundingSettings field, in the order the rules read.
const FIELDS: { name: keyof FundingSettings; label: string; hint: string; kind: Kind }[] = [
  { name: 'rulesYear', label: 'Funding year of these rules', hint: 'Shown beside every figure worked out from them, for example 2025-26.', kind: 'text' },
  { name: 'hoursRuleFrom', label: 'Hours rule applies to starts from', hint: 'Starts on or after this date take the standard’s published hours.', kind: 'date' },
  { name: 'standardOtjHours', label: 'ST0535 published minimum off-the-job hours', hint: 'Enter the figure published for the standard.', kind: 'whole' },
  { name: 'otjFloorHours', label: 'Off-the-job funding floor (hours)', hint: 'Planned hours are never below it under the hours rule.', kind: 'whole' },
  { name: 'standardDurationMonths', label: 'Typical duration (months)', hint: 'Before recognised prior learning.', kind: 'whole' },
  { name: 'minimumDurationMonths', label: 'Minimum duration (months), hours rule', hint: 'No part-time extension.', kind: 'whole' },
  { name: 'sixHourRuleFrom', label: 'Six-hours rule applies to starts from', hint: 'Up to the hours rule; earlier starts take the percentage rule.', kind: 'date' },
  { name: 'fullTimeWeeklyHours', label: 'Full-time contracted hours a week', hint: 'At or above this, the six hours a week apply.', kind: 'whole' },
  { name: 'fullTimeOtjHoursPerWeek', label: 'Off-the-job hours a week, full time', hint: 'Six-hours rule.', kind: 'decimal' },
  { name: 'otjPercent', label: 'Off-the-job percentage of contracted hours', hint: 'Part-time under the six-hours rule, and every earlier start.', kind: 'decimal' },
  { name: 'minimumDurationMonthsBefore', label: 'Minimum duration (months) before the hours rule', hint: 'Extended pro rata below full time.', kind: 'whole' },
  { name: 'statutoryLeaveWeeks', label: 'Statutory leave (weeks a year)', hint: 'Taken off when hours are worked out from working weeks.', kind: 'decimal' },
  { name: 'gatewayLinkDays', label: 'Days a gateway pack link lasts', hint: 'Unless the trainer chooses otherwise.', kind: 'whole' },
];

export function FundingSettingsFormView({ initial, save }: { initial: Values; save: (v: Values) => Promise<FormResult<unknown>> }) {
  const { form, onSubmit, message, saved } = useServerForm<Values, unknown>(FundingSettings, save, initial);
  const { register, formState } = form;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-6" aria-label="Funding rules">
      <FormMessage message={message} saved={saved} savedText="Funding rules saved." />
      <div className="grid gap-4 sm:grid-cols-2">
        {FIELDS.map((f) => (
          <TextField
            key={f.name}
            label={f.label}
            hint={f.hint}
            type={f.kind === 'date' ? 'date' : f.kind === 'text' ? 'text' : 'number'}
            inputMode={f.kind === 'whole' ? 'numeric' : f.kind === 'decimal' ? 'decimal' : undefined}
            step={f.kind === 'whole' ? 1 : f.kind === 'decimal' ? 0.01 : undefined}
            required
            registration={register(f.name)}
            error={formState.errors[f.name]}
          />
        ))}
      </div>
      <SubmitButton pending={formState.isSubmitting}>Save funding rules</SubmitButton>
    </form>
  );
}
