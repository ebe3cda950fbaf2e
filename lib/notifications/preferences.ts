import { z } from 'zod';
import type { NotificationDelivery, NotificationKind } from '@/db/schema/daily';
import { NOTIFICATION_KINDS } from './kinds';

export const DELIVERIES = ['immediate', 'digest', 'off'] as const satisfies readonly NotificationDelivery[];

/** With nothing chosen, a person is emailed each time (lib/dal/notify.ts records notifications by it too). */
export const DEFAULT_DELIVERY: NotificationDelivery = 'immediate';

export type Preferences = Record<NotificationKind, NotificationDelivery>;

/** The preferences form: one choice per kind, every kind present. */
export const PreferencesForm = z.object(
  Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, z.enum(DELIVERIES, 'Choose how you hear of these.')])) as Record<NotificationKind, z.ZodEnum<{ immediate: 'immediate'; digest: 'digest'; off: 'off' }>>,
);

/** Every kind's choice: what is stored, else the default. */
export function preferencesFrom(stored: readonly { kind: NotificationKind; delivery: NotificationDelivery }[]): Preferences {
  const chosen = new Map(stored.map((s) => [s.kind, s.delivery]));
  return Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, chosen.get(k) ?? DEFAULT_DELIVERY])) as Preferences;
}
