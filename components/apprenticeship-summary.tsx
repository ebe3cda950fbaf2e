import { formatDate, SKILL_STATUS_LABEL, STATUS_LABEL } from '@/lib/format';
import { daysInLearning } from '@/lib/apprenticeship/dates';
import { differenceInCalendarDays, parseISO } from 'date-fns';
import { StatusTag, apprenticeshipTone } from './status-tag';
import { Bar } from '@/components/bar';

type Detail = {
  apprenticeName: string;
  apprenticeEmail: string;
  employerName: string;
  cohortName: string | null;
  startDate: string;
  plannedEndDate: string;
  status: string;
  trainers: string | null;
  weeklyHours: number;
  plannedOtjHours: number;
  englishStatus: string;
  mathsStatus: string;
  standardReference: string;
  standardTitle: string;
};

export function ApprenticeshipSummary({ a, today = new Date() }: { a: Detail; today?: Date }) {
  const days = daysInLearning(a.startDate, today);
  const planned = Math.max(1, differenceInCalendarDays(parseISO(a.plannedEndDate), parseISO(a.startDate)));
  const percent = Math.min(100, Math.round((days / planned) * 100));
  const facts: [string, React.ReactNode][] = [
    ['Employer', a.employerName],
    ['Cohort', a.cohortName ?? 'None'],
    ['Standard', `${a.standardTitle} (${a.standardReference}), level 3`],
    ['Start date', formatDate(a.startDate)],
    ['Planned end date', formatDate(a.plannedEndDate)],
    ['Days in learning', days.toLocaleString('en-GB')],
    ['Weekly contracted hours', a.weeklyHours],
    ['Planned off-the-job hours', a.plannedOtjHours],
    ['English', SKILL_STATUS_LABEL[a.englishStatus]],
    ['Maths', SKILL_STATUS_LABEL[a.mathsStatus]],
    ['Trainers', a.trainers ?? 'None assigned yet'],
    ['Status', <StatusTag key="s" tone={apprenticeshipTone(a.status)}>{STATUS_LABEL[a.status]}</StatusTag>],
  ];
  return (
    <section aria-labelledby="summary-heading" className="border border-nhs-grey-4 bg-white p-5">
      <h2 id="summary-heading" className="text-2xl font-bold">
        {a.apprenticeName}
      </h2>
      <p className="text-nhs-grey-1">{a.apprenticeEmail}</p>
      <div className="mt-4">
        <div className="flex justify-between text-sm">
          <span id="time-label">Time through the planned apprenticeship</span>
          <span>{percent}%</span>
        </div>
        <div
          role="progressbar"
          aria-labelledby="time-label"
          aria-valuenow={percent}
          aria-valuemin={0}
          aria-valuemax={100}
          className="mt-1 h-3 w-full bg-nhs-grey-4"
        >
          <Bar percent={percent} className="h-3 w-full" fill="fill-nhs-blue" />
        </div>
      </div>
      <dl className="mt-5 grid grid-cols-1 gap-x-8 gap-y-3 sm:grid-cols-2 lg:grid-cols-3">
        {facts.map(([term, value]) => (
          <div key={term} className="border-b border-nhs-grey-4 pb-2">
            <dt className="text-sm text-nhs-grey-1">{term}</dt>
            <dd className="font-bold">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
