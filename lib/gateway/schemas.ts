import { z } from 'zod';
import { wholeNumber } from '@/lib/forms/fields';
import { safeText } from '@/lib/forms/safe-text';
import { FUNDING_RANGES } from '@/lib/funding/settings';

const [MIN_DAYS, MAX_DAYS] = FUNDING_RANGES.gatewayLinkDays;

/** A link for the end-point assessment organisation: who it is for and how many days it lasts. */
export const GatewayLinkInput = z.object({
  apprenticeshipId: z.uuid(),
  recipient: safeText({ label: 'organisation name', max: 200 }).min(2, 'Enter the name of the end-point assessment organisation.'),
  days: wholeNumber({ label: 'number of days', min: MIN_DAYS, max: MAX_DAYS, rangeMessage: `A link lasts between ${MIN_DAYS} and ${MAX_DAYS} days.` }),
});

export const GatewayLinkRevokeInput = z.object({ apprenticeshipId: z.uuid(), linkId: z.uuid() });
export const GatewayPackRebuildInput = z.object({ apprenticeshipId: z.uuid() });
