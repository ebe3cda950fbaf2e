import { formatDate, formatDateTime } from '@/lib/format';

/**
 * The titles of notifications made by events. A title goes into email, so it names people, record kinds
 * and dates only: never anything a person wrote (evidence, feedback, comments, a request's message).
 */
export const titles = {
  evidenceDecided: (trainer: string, outcome: 'accepted' | 'referred') =>
    outcome === 'accepted' ? `${trainer} accepted a piece of your evidence` : `${trainer} referred back a piece of your evidence`,
  evidenceOverridden: (admin: string) => `${admin} changed the decision on a piece of your evidence`,
  reviewRecordedForApprentice: (trainer: string, reviewDate: string) => `${trainer} recorded your progress review of ${formatDate(reviewDate)}: please sign it`,
  reviewRecordedForEmployer: (trainer: string, apprentice: string, reviewDate: string) => `${trainer} recorded ${apprentice}’s progress review of ${formatDate(reviewDate)}: please sign it`,
  reviewSignedForApprentice: (signer: string, reviewDate: string) => `${signer} signed your progress review of ${formatDate(reviewDate)}`,
  reviewSignedForOthers: (signer: string, apprentice: string, reviewDate: string, isApprentice: boolean) =>
    isApprentice ? `${signer} signed their progress review of ${formatDate(reviewDate)}` : `${signer} signed ${apprentice}’s progress review of ${formatDate(reviewDate)}`,
  witnessRequested: (apprentice: string) => `${apprentice} asked you for a witness statement`,
  witnessSignedForApprentice: (witness: string) => `${witness} signed the witness statement you asked for`,
  witnessSignedForTrainer: (witness: string, apprentice: string) => `${witness} signed a witness statement for ${apprentice}`,
  paperScheduled: (trainer: string, opensAt: Date) => `${trainer} scheduled a mock paper for you, open from ${formatDateTime(opensAt)}`,
  paperMarked: (trainer: string, remark: boolean) => (remark ? `${trainer} changed a mark on your mock paper` : `${trainer} finished marking your mock paper`),
};
