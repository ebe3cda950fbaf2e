import type { Role } from '@/db/schema';

/**
 * Who may do what, as data. A scope names the relationship the viewer must have with the record:
 *   own      – the apprentice's own apprenticeship
 *   assigned – an apprenticeship the trainer is assigned to
 *   employed – an apprenticeship whose employer is the viewer's organisation
 *   any      – every record
 * A role missing from a permission has no access; the data access layer answers 404.
 */
export type Scope = 'own' | 'assigned' | 'employed' | 'any';

export const policy = {
  'apprenticeship.read': { apprentice: 'own', trainer: 'assigned', employer: 'employed', admin: 'any' },
  'apprenticeship.own': { apprentice: 'own' },
  'apprenticeship.manage': { admin: 'any' },
  'organisation.manage': { admin: 'any' },
  'user.manage': { admin: 'any' },
  'cohort.read': { trainer: 'any', admin: 'any' },
  'cohort.manage': { admin: 'any' },
  'assignment.manage': { admin: 'any' },
  'audit.read': { admin: 'any' },
  'standard.read': { apprentice: 'any', trainer: 'any', employer: 'any', admin: 'any' },
  'codes.read': { apprentice: 'any', trainer: 'any', employer: 'any', admin: 'any' },
  'cases.read': { apprentice: 'any', trainer: 'any', admin: 'any' },
  'attempt.create': { apprentice: 'own' },
  'attempt.read': { apprentice: 'own', trainer: 'assigned', admin: 'any' },
  'questions.practise': { apprentice: 'own' },
  'evidence.read': { apprentice: 'own', trainer: 'assigned', employer: 'employed', admin: 'any' },
  'evidence.write': { apprentice: 'own' },
  // Marking: the trainer decides each claimed KSB; an admin may override an accepted decision with a reason.
  // Versions with the trainer's feedback are between apprentice and trainer; employer contacts do not see them.
  'evidence.history.read': { apprentice: 'own', trainer: 'assigned', admin: 'any' },
  'evidence.mark': { trainer: 'assigned' },
  'evidence.override': { admin: 'any' },
  // Files and the full text are also open to an employer contact asked for a witness statement on that piece.
  'evidence.files.read': { apprentice: 'own', trainer: 'assigned', employer: 'employed', admin: 'any' },
  'witness.request': { apprentice: 'own' },
  'witness.sign': { employer: 'employed' },
  'otj.read': { apprentice: 'own', trainer: 'assigned', employer: 'employed', admin: 'any' },
  'otj.write': { apprentice: 'own' },
  'otj.review': { trainer: 'assigned' },
  'portfolio.export': { apprentice: 'own', trainer: 'assigned', admin: 'any' },
  // Progress and readiness (issue 6): the picture of an apprentice, reviews, gateway, settings.
  'progress.read': { apprentice: 'own', trainer: 'assigned', employer: 'employed', admin: 'any' },
  'review.create': { trainer: 'assigned' },
  'review.sign': { apprentice: 'own', employer: 'employed' },
  'gateway.confirm': { apprentice: 'own', trainer: 'assigned', employer: 'employed' },
  'settings.manage': { admin: 'any' },
  // issue 20: off-the-job, breaks, withdrawal and completion: the assigned trainer or an admin records them.
  'learning.manage': { trainer: 'assigned', admin: 'any' },
  // issue 20: gateway pack — the trainer (assigned) or an admin follows, rebuilds and shares the pack.
  'gatewayPack.read': { trainer: 'assigned', admin: 'any' },
  'gatewayPack.share': { trainer: 'assigned', admin: 'any' },
  // Classification editions (issue 15): import, activate and re-mark are an administrator's.
  'classification.manage': { admin: 'any' },
  // Mock assessments (issue 7). Blueprints are content a trainer or admin may change; a paper is sat by
  // the apprentice, scheduled for and marked by their trainer; employers see no attempts.
  'assessment.blueprint.read': { apprentice: 'any', trainer: 'any', admin: 'any' },
  'assessment.blueprint.manage': { trainer: 'any', admin: 'any' },
  'assessment.sit': { apprentice: 'own' },
  'assessment.read': { apprentice: 'own', trainer: 'assigned', admin: 'any' },
  'assessment.schedule': { trainer: 'assigned', admin: 'any' },
  'assessment.mark': { trainer: 'assigned' },
  'adjustments.manage': { trainer: 'assigned', admin: 'any' },
  // Background jobs (issue 16): what is queued, running and failed, and trying a failed one again.
  'jobs.manage': { admin: 'any' },
  // "Needs you" (issue 17): each person's own tasks, about the records their role reaches.
  'tasks.read': { apprentice: 'own', trainer: 'assigned', employer: 'employed', admin: 'any' },
  // The calendar (issue 17): each person's dates, about the records their role reaches. An administrator has no
  // apprenticeship dates of their own ('own' reaches nobody's), and every person manages their own feed.
  'calendar.read': { apprentice: 'own', trainer: 'assigned', employer: 'employed', admin: 'own' },
  'calendar.feed': { apprentice: 'own', trainer: 'own', employer: 'own', admin: 'own' },
  // Reminders (issue 17): the thresholds are an administrator's setting.
  'reminders.manage': { admin: 'any' },
  // Conversations (issue 17 §4): a record's thread is open to whoever may see that record. An employer contact
  // reads an evidence thread only where asked to witness the piece (the DAL narrows that), and no attempt
  // thread; a direct thread is the apprentice's and that one trainer's, read by an admin for oversight only.
  'conversation.evidence': { apprentice: 'own', trainer: 'assigned', employer: 'employed', admin: 'any' },
  'conversation.review': { apprentice: 'own', trainer: 'assigned', employer: 'employed', admin: 'any' },
  'conversation.attempt': { apprentice: 'own', trainer: 'assigned', admin: 'any' },
  'conversation.direct.read': { apprentice: 'own', trainer: 'assigned', admin: 'any' },
  'conversation.direct.post': { apprentice: 'own', trainer: 'assigned' },
  'conversation.edit': { apprentice: 'own', trainer: 'assigned', employer: 'employed', admin: 'any' },
  // One's own threads and their unread count (the Messages page and the navigation).
  'conversation.list': { apprentice: 'own', trainer: 'assigned', employer: 'employed' },
  'account.update': { apprentice: 'own', trainer: 'own', employer: 'own', admin: 'own' },
  // Notifications (issue 17): each person's own, and how they hear of each kind.
  'notification.own': { apprentice: 'own', trainer: 'own', employer: 'own', admin: 'own' },
  // Audit practice (issue 19 point 1): the apprentice audits coded episodes; their audits are read like coding attempts.
  'audit_practice.do': { apprentice: 'own' },
  'audit_practice.read': { apprentice: 'own', trainer: 'assigned', admin: 'any' },
  // Weak-spot drills (issue 19 §4): the apprentice's own cards; others see the summary under progress.read.
  'drills.practise': { apprentice: 'own' },
  // Clinical query practice (issue 19, point 2): the apprentice answers scenarios; their trainer (or an admin) marks.
  'query.practise': { apprentice: 'own' },
  'query.read': { apprentice: 'own', trainer: 'assigned', admin: 'any' },
  'query.mark': { trainer: 'assigned', admin: 'any' },
  // issue 20: learner-record (ILR) figures: an administrator's for the provider, a trainer's for those they are assigned to.
  'ilr.export': { trainer: 'assigned', admin: 'any' },
  // issue 20: initial assessment. Read by whoever reads the apprenticeship (the employer contact read-only);
  // the apprentice rates themselves; their trainer confirms or adjusts and records recognised prior learning.
  'initialAssessment.read': { apprentice: 'own', trainer: 'assigned', employer: 'employed', admin: 'any' },
  'initialAssessment.write': { apprentice: 'own' },
  'initialAssessment.confirm': { trainer: 'assigned' },
  // issue 20: training plan. Read by all three parties and an admin; written by the assigned trainer; signed by
  // the apprentice, an employer contact and the trainer (as the provider).
  'plan.read': { apprentice: 'own', trainer: 'assigned', employer: 'employed', admin: 'any' },
  'plan.write': { trainer: 'assigned' },
  'plan.sign': { apprentice: 'own', trainer: 'assigned', employer: 'employed' },
} as const satisfies Record<string, Partial<Record<Role, Scope>>>;

export type Permission = keyof typeof policy;

export function scopeOf(role: Role, permission: Permission): Scope | null {
  const rules: Partial<Record<Role, Scope>> = policy[permission];
  return rules[role] ?? null;
}
