import { BreakNotice } from '@/components/funding/break-notice';
import { formatDate } from '@/lib/format';
import { formatHours, type OtjProgress } from '@/lib/otj/plan';
import { OTJ_ACTIVITY_TYPES, type OtjActivityType } from '@/lib/otj/schemas';

type Summary = {
  asOf: string;
  plan: { plannedOtjHours: number; plannedEndDate: string };
  loggedHours: number;
  acceptedHours: number;
  awaitingHours: number;
  queriedHours: number;
  byType: { activityType: OtjActivityType; hours: number }[];
  progress: OtjProgress;
  /** Set during a break in learning: the expectation is paused. */
  breakSince?: string | null;
};

const hours = (h: number) => `${formatHours(h)} ${h === 1 ? 'hour' : 'hours'}`;

/** Where the apprentice stands against the plan, in words first (the flag), then the figures. */
export function OtjPlanFlag({ s, who = 'You are' }: { s: Summary; who?: string }) {
  const p = s.progress;
  if (s.breakSince) return <BreakNotice since={s.breakSince} />;
  if (p.behind)
    return (
      <p className="border-l-8 border-nhs-red bg-white p-4">
        <strong className="text-lg">{hours(p.hoursBehind)} behind plan</strong>
        <br />
        {who} more than a week&apos;s share ({hours(p.weeklyShare)}) short of the {hours(p.plannedToDate)} planned by {formatDate(s.asOf)}.
      </p>
    );
  return (
    <p className="border-l-8 border-nhs-green bg-white p-4">
      <strong className="text-lg">On track{p.hoursAhead > 0 ? `: ${hours(p.hoursAhead)} ahead of plan` : p.hoursBehind > 0 ? `: ${hours(p.hoursBehind)} behind, within a week's share` : ''}</strong>
      <br />
      {hours(p.logged)} counted against {hours(p.plannedToDate)} planned by {formatDate(s.asOf)}.
    </p>
  );
}

export function OtjTotals({ s, showTypes = true }: { s: Summary; showTypes?: boolean }) {
  const facts: [string, string][] = [
    ['Logged', hours(s.loggedHours)],
    ['Accepted by the trainer', hours(s.acceptedHours)],
    ['Awaiting review', hours(s.awaitingHours)],
    ['Queried (not counted)', hours(s.queriedHours)],
    [`Planned by ${formatDate(s.asOf)}`, hours(s.progress.plannedToDate)],
    [`Planned in total (by ${formatDate(s.plan.plannedEndDate)})`, hours(s.plan.plannedOtjHours)],
  ];
  return (
    <div>
      <dl className="grid grid-cols-2 gap-x-8 gap-y-3 lg:grid-cols-3">
        {facts.map(([term, value]) => (
          <div key={term} className="border-b border-nhs-grey-4 pb-2">
            <dt className="text-sm text-nhs-grey-1">{term}</dt>
            <dd className="font-bold">{value}</dd>
          </div>
        ))}
      </dl>
      {showTypes && s.byType.length > 0 && (
        <div className="mt-4">
          <h3 className="font-bold">Hours by type of activity</h3>
          <ul className="mt-1 flex flex-wrap gap-x-6 gap-y-1">
            {s.byType.map((t) => (
              <li key={t.activityType}>
                {OTJ_ACTIVITY_TYPES[t.activityType]}: <strong>{formatHours(t.hours)}</strong>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
