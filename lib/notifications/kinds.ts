import type { NotificationDelivery, NotificationKind } from '@/db/schema/daily';
import { formatTime } from '@/lib/format';

/**
 * What each kind of notification is called where a person chooses how to hear of it, and in the daily
 * digest's headings. In the order the preferences page lists them.
 */
export const KIND_INFO: Record<NotificationKind, { label: string; hint: string }> = {
  evidence_decided: { label: 'Decisions on evidence', hint: 'A trainer accepts a piece of evidence or refers it back.' },
  review_recorded: { label: 'Progress reviews recorded', hint: 'A trainer records a progress review for you to sign.' },
  review_signed: { label: 'Progress reviews signed', hint: 'The apprentice or the employer signs a progress review.' },
  witness_requested: { label: 'Witness statements asked for', hint: 'An apprentice asks you for a witness statement.' },
  witness_signed: { label: 'Witness statements signed', hint: 'An employer contact signs a witness statement.' },
  paper_scheduled: { label: 'Mock papers scheduled', hint: 'A trainer schedules a mock paper for you to sit.' },
  paper_marked: { label: 'Mock papers marked', hint: 'Every answer of a mock paper is marked.' },
  comment: { label: 'Comments', hint: 'Someone writes in a conversation you are part of.' },
  reminder: { label: 'Reminders', hint: 'Reviews due, signatures and statements waiting, marking waiting, hours behind plan, paper windows.' },
};

export const DELIVERY_LABEL: Record<NotificationDelivery, string> = {
  immediate: 'Email me each time',
  digest: 'One email a day (the daily digest)',
  off: 'No email: only here in the app',
};

/** The daily digest's hour (UTC): the cron of the `notification-digest` queue says the same. */
export const DIGEST_HOUR_UTC = 7;

/** Every kind, in the order pages list them (the keys of KIND_INFO, which names every kind of the schema). */
export const NOTIFICATION_KINDS = Object.keys(KIND_INFO) as NotificationKind[];

/** When the digest goes, in UK time (07:00 in winter, 08:00 in summer), as the settings page says it. */
export function digestTimeText(on: Date = new Date()): string {
  const at = new Date(Date.UTC(on.getUTCFullYear(), on.getUTCMonth(), on.getUTCDate(), DIGEST_HOUR_UTC));
  return `${formatTime(at)} UK time`;
}
