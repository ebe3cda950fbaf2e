import type { Role } from '@/db/schema';

export const ROLE_HOME: Record<Role, string> = {
  apprentice: '/apprentice',
  trainer: '/trainer',
  employer: '/employer',
  admin: '/admin',
};

/** `count`: how many things wait there (e.g. evidence to mark), shown beside the label. */
export type NavItem = { href: string; label: string; count?: number; countLabel?: string };

export const ROLE_LABEL: Record<Role, string> = {
  apprentice: 'Apprentice',
  trainer: 'Trainer',
  employer: 'Employer',
  admin: 'Administrator',
};

export function navigationFor(role: Role, counts: { marking?: number; messages?: number } = {}): NavItem[] {
  const standard = { href: '/standard', label: 'The standard' };
  const messages = { href: '/messages', label: 'Messages', count: counts.messages, countLabel: 'unread' };
  const codes = { href: '/codes', label: 'Code browser' };
  const calendar = { href: '/calendar', label: 'Calendar' };
  switch (role) {
    case 'apprentice':
      return [{ href: '/apprentice', label: 'My apprenticeship' }, { href: '/apprentice/progress', label: 'My progress' }, { href: '/apprentice/evidence', label: 'Portfolio' }, { href: '/apprentice/otj', label: 'Off-the-job log' }, { href: '/apprentice/cases', label: 'Coding practice' }, { href: '/apprentice/questions', label: 'Theory questions' }, { href: '/apprentice/practice', label: 'More practice' }, { href: '/apprentice/assessments', label: 'Mock assessments' }, messages, calendar, codes, standard];
    case 'trainer':
      return [{ href: '/trainer', label: 'My apprentices' }, { href: '/trainer/progress', label: 'Cohort progress' }, { href: '/trainer/marking', label: 'Marking', count: counts.marking }, { href: '/trainer/assessments', label: 'Mock assessments' }, messages, calendar, codes, standard];
    case 'employer':
      return [{ href: '/employer', label: 'Our apprentices' }, { href: '/employer/progress', label: 'Progress' }, { href: '/employer/witness', label: 'Witness statements' }, messages, calendar, codes, standard];
    case 'admin':
      return [
        { href: '/admin', label: 'Overview' },
        { href: '/admin/apprentices', label: 'Apprentices' },
        { href: '/admin/users', label: 'Users' },
        { href: '/admin/organisations', label: 'Organisations' },
        { href: '/admin/cohorts', label: 'Cohorts' },
        { href: '/admin/import', label: 'Import' },
        { href: '/admin/classifications', label: 'Classifications' },
        { href: '/admin/settings', label: 'Settings' },
        { href: '/assessments/blueprints', label: 'Mock papers' },
        { href: '/admin/jobs', label: 'Jobs' },
        // issue 20: learner-record (ILR) figures
        { href: '/admin/ilr', label: 'Learner record' },
        { href: '/admin/audit', label: 'Audit log' },
        calendar,
        codes,
        standard,
      ];
  }
}
