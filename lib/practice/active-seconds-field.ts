import { wholeNumber } from '@/lib/forms/fields';

/**
 * The active seconds a practice form sends with its answer (components/practice/use-active-time.ts). Bounded
 * like every number here; anything else is taken as no time rather than refusing the answer, since the
 * answer matters and the time is only a count (recordPracticeTime caps it further).
 */
export const activeSecondsField = () => wholeNumber({ label: 'active time', min: 0, max: 86_400 }).optional().catch(undefined);
