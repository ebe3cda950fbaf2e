import { z } from 'zod';
import { wholeNumber } from '@/lib/forms/fields';

/** The bounds of each reminder threshold, for the schema and the inputs' min and max. */
export const REMINDER_RANGES = {
  reviewDueDays: [1, 60],
  reviewUnsignedDays: [1, 30],
  witnessUnansweredDays: [1, 60],
  markingWorkingDays: [1, 60],
} as const;
const field = (label: string, [min, max]: readonly [number, number]) => wholeNumber({ label, min, max });

/**
 * When reminders are sent (issue 17, point 3), stored as JSON under the settings key 'reminders'. The
 * witness threshold is also the date a requested statement shows as due in the calendar, so that the
 * calendar and the reminder tell a person the same day.
 */
export const ReminderSettings = z.object({
  reviewDueDays: field('days before a review is due', REMINDER_RANGES.reviewDueDays),
  reviewUnsignedDays: field('days a review may wait for signatures', REMINDER_RANGES.reviewUnsignedDays),
  witnessUnansweredDays: field('days a witness request may wait', REMINDER_RANGES.witnessUnansweredDays),
  markingWorkingDays: field('working days marking may wait', REMINDER_RANGES.markingWorkingDays),
});
export type ReminderSettings = z.infer<typeof ReminderSettings>;

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = { reviewDueDays: 7, reviewUnsignedDays: 3, witnessUnansweredDays: 5, markingWorkingDays: 10 };

/** The stored value over the defaults; anything unreadable gives the defaults rather than no reminders. */
export function readReminderSettings(stored: unknown): ReminderSettings {
  const parsed = ReminderSettings.safeParse({ ...DEFAULT_REMINDER_SETTINGS, ...(stored && typeof stored === 'object' ? stored : {}) });
  return parsed.success ? parsed.data : DEFAULT_REMINDER_SETTINGS;
}
