import { format, parseISO } from 'date-fns';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** 'd MMM yyyy' as date-fns writes it; by hand for a Date, since a cohort table formats hundreds of them. */
export const formatDate = (iso: string | Date) => {
  if (typeof iso === 'string') return format(parseISO(iso), 'd MMM yyyy');
  const y = iso.getFullYear();
  if (Number.isNaN(y) || y < 0) return format(iso, 'd MMM yyyy');
  return `${iso.getDate()} ${MONTHS[iso.getMonth()]} ${String(y).padStart(4, '0')}`;
};
// Times are shown in UK time whatever the server's zone.
const ukDateTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
export const formatDateTime = (d: Date) => ukDateTime.format(d);

/** A percentage as the progress views show it: rounded to a whole number ("83%"), or a dash where there is nothing to measure. */
export const formatPercent = (v: number | null) => (v === null ? '—' : `${Math.round(v)}%`);

/** A length of time in minutes as people say it: "40 min", "3 hours", "2 h 30 min". */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (!h) return `${m} min`;
  if (!m) return `${h} hour${h === 1 ? '' : 's'}`;
  return `${h} h ${m} min`;
}

export const STATUS_LABEL: Record<string, string> = {
  active: 'Active',
  break_in_learning: 'Break in learning',
  withdrawn: 'Withdrawn',
  completed: 'Completed',
};

export const SKILL_STATUS_LABEL: Record<string, string> = {
  required: 'Required',
  in_progress: 'In progress',
  achieved: 'Achieved',
  exempt: 'Exempt',
  not_required: 'Not required',
};

export const ORGANISATION_KIND_LABEL: Record<string, string> = {
  employer: 'Employer',
  training_provider: 'Training provider',
};
