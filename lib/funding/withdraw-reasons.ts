/**
 * The ILR WithdrawReason codes a withdrawal is recorded with (the individualised learner record's
 * specification, 2025-26): only the codes this project is sure of; "other" (97) covers the rest.
 */
export const WITHDRAW_REASONS: { code: number; label: string }[] = [
  { code: 2, label: 'Learner has transferred to another provider' },
  { code: 3, label: 'Learner injury or illness' },
  { code: 7, label: 'Learner has transferred between providers due to intervention by or with the written agreement of the ESFA' },
  { code: 29, label: 'Learner has been made redundant' },
  { code: 40, label: 'Learner has transferred to a new learning provider due to a merger' },
  { code: 41, label: 'Learner has transferred to another provider to undertake learning that meets a specific government strategy' },
  { code: 42, label: 'Academic failure, left in bad standing or not permitted to progress' },
  { code: 43, label: 'Financial reasons' },
  { code: 44, label: 'Other personal reasons' },
  { code: 45, label: 'Written off after lapse of time' },
  { code: 46, label: 'Exclusion' },
  { code: 97, label: 'Other' },
  { code: 98, label: 'Reason not known' },
];

export const withdrawReasonLabel = (code: number | null): string | null => WITHDRAW_REASONS.find((r) => r.code === code)?.label ?? (code === null ? null : `Code ${code}`);
