import { format, parseISO } from 'date-fns';

export const formatDate = (iso: string | Date) => format(typeof iso === 'string' ? parseISO(iso) : iso, 'd MMM yyyy');
export const formatDateTime = (d: Date) => format(d, 'd MMM yyyy, HH:mm');

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
