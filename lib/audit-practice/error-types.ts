import type { FindingType } from '@/lib/coding/mark';

/**
 * The audit error types an apprentice chooses from when auditing a coder's episode, each with the finding
 * types of the marker (lib/coding/mark.ts) that prove it. "Omitted" is not a verdict on a code the coder gave:
 * omitted codes are listed separately.
 */
export const AUDIT_ERROR_TYPES = {
  wrong_character: { label: 'Wrong 4th or 5th character', findings: ['fourth_character'] },
  wrong_code: { label: 'Wrong code', findings: ['incorrect_code', 'unnecessary_code'] },
  sequencing: { label: 'Sequencing (wrong code first)', findings: ['sequencing'] },
  unnecessary: { label: 'Unnecessary code', findings: ['unnecessary_code'] },
  symptom_with_definitive: { label: 'Symptom coded with its definitive diagnosis', findings: ['unnecessary_code'] },
  dagger_asterisk_order: { label: 'Dagger/asterisk order', findings: ['dagger_asterisk_order', 'asterisk_primary'] },
  yz_position: { label: 'OPCS-4 Y/Z code position', findings: ['supplementary_position'] },
} as const satisfies Record<string, { label: string; findings: readonly FindingType[] }>;

export type AuditErrorType = keyof typeof AUDIT_ERROR_TYPES;
export const AUDIT_ERROR_TYPE_IDS = Object.keys(AUDIT_ERROR_TYPES) as [AuditErrorType, ...AuditErrorType[]];

/** Error types counted for the generator and the list page, with omission as its own type. */
export const PRACTISED_TYPE_LABEL: Record<AuditErrorType | 'omitted', string> = {
  ...Object.fromEntries(Object.entries(AUDIT_ERROR_TYPES).map(([k, v]) => [k, v.label])),
  omitted: 'Omitted code',
} as Record<AuditErrorType | 'omitted', string>;

/** Whether the apprentice's error type is right for the key's: a symptom coded with its diagnosis is also an unnecessary code. */
export const errorTypeMatches = (key: string, given: string) => key === given || (key === 'symptom_with_definitive' && given === 'unnecessary');
