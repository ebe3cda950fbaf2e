'use client';
import { FormMessage, SubmitButton, TextField } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { ProgressSettingsForm, SETTING_RANGES } from '@/lib/progress/settings';
import type { FormResult } from '@/lib/forms/result';

type Values = Record<keyof ProgressSettingsForm, number | string>;

const FIGURES = [
  ['pd', 'Primary diagnosis'],
  ['sd', 'Secondary diagnoses'],
  ['pp', 'Primary procedure'],
  ['sp', 'Secondary procedures'],
] as const;

export function ProgressSettingsFormView({ initial, save }: { initial: Values; save: (v: Values) => Promise<FormResult<unknown>> }) {
  const { form, onSubmit, message, saved } = useServerForm<Values, unknown>(ProgressSettingsForm, save, initial);
  const { register, formState } = form;
  const e = formState.errors;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-6">
      <FormMessage message={message} saved={saved} savedText="Settings saved. Every progress view uses them from now on." />
      {([1, 2] as const).map((level) => (
        <fieldset key={level} className="border border-nhs-grey-4 p-4">
          <legend className="px-1 font-bold">{level === 1 ? 'First attainment level (%)' : 'Second attainment level (%)'}</legend>
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-4">
            {FIGURES.map(([f, label]) => (
              <TextField key={f} label={label} type="number" inputMode="decimal" min={0} max={100} step={0.01} required registration={register(`${f}${level}`)} error={e[`${f}${level}`]} />
            ))}
          </div>
        </fieldset>
      ))}
      <fieldset className="border border-nhs-grey-4 p-4">
        <legend className="px-1 font-bold">Windows and intervals</legend>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
          <TextField label="NCCQ theory pass mark (%)" type="number" inputMode="decimal" min={0} max={100} step={0.01} required registration={register('theoryPassMark')} error={e.theoryPassMark} />
          <TextField label="Coded cases in the readiness window" type="number" inputMode="numeric" min={SETTING_RANGES.readinessWindowCases[0]} max={SETTING_RANGES.readinessWindowCases[1]} step={1} required registration={register('readinessWindowCases')} error={e.readinessWindowCases} />
          <TextField label="Theory answers in the window" type="number" inputMode="numeric" min={SETTING_RANGES.theoryWindowQuestions[0]} max={SETTING_RANGES.theoryWindowQuestions[1]} step={1} required registration={register('theoryWindowQuestions')} error={e.theoryWindowQuestions} />
          <TextField label="Cases needed for a forecast" type="number" inputMode="numeric" min={SETTING_RANGES.minCasesForForecast[0]} max={SETTING_RANGES.minCasesForForecast[1]} step={1} required registration={register('minCasesForForecast')} error={e.minCasesForForecast} />
          <TextField label="Weeks between progress reviews" type="number" inputMode="numeric" min={SETTING_RANGES.reviewIntervalWeeks[0]} max={SETTING_RANGES.reviewIntervalWeeks[1]} step={1} required registration={register('reviewIntervalWeeks')} error={e.reviewIntervalWeeks} />
          <TextField label="Weeks without activity before red" type="number" inputMode="numeric" min={SETTING_RANGES.inactivityWeeks[0]} max={SETTING_RANGES.inactivityWeeks[1]} step={1} required registration={register('inactivityWeeks')} error={e.inactivityWeeks} />
        </div>
      </fieldset>
      <SubmitButton pending={formState.isSubmitting}>Save settings</SubmitButton>
    </form>
  );
}
