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
const ukTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' });
/** The time of day alone, in UK time ('09:30'), where the date is already said (a calendar day, 'until 14:05'). */
export const formatTime = (d: Date) => ukTime.format(d);
/** A month alone, as formatDate spells it: 'Dec 2026' (a calendar's month, a chart's axis). Not 'Dec 26', which reads as a day. */
export const formatMonth = (iso: string | Date) => format(typeof iso === 'string' ? parseISO(iso) : iso, 'MMM yyyy');
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** A calendar day ('YYYY-MM-DD') with its weekday, for a day's heading: 'Monday 7 Dec 2026' (formatDate's order and month). */
export const formatDateLong = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]} ${formatDate(iso)}`;
};

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

/** Items in a sentence: "a", "a and b", "a, b and c". */
export const listInWords = (items: readonly string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
