// What the portfolio export holds, as plain data: gathered by lib/dal/portfolio-export.ts, turned into
// files by the pure builders beside this one. No database or storage here, so the builders test alone.

export type EvidenceStatus = 'draft' | 'submitted' | 'referred' | 'accepted';
export type EvidenceType = 'work_product' | 'reflective_account' | 'witness_testimony' | 'observation_record' | 'professional_discussion_record' | 'certificate' | 'other';

export type PortfolioReview = {
  id: string;
  versionNo: number;
  outcome: 'accepted' | 'referred';
  feedback: string;
  overrideReason: string | null;
  reviewerName: string;
  createdAt: Date;
  decisions: { ksbCode: string; met: boolean }[];
};

export type PortfolioVersion = {
  versionNo: number;
  title: string;
  type: EvidenceType;
  activityDate: string;
  account: string;
  ksbs: string[];
  files: { id: string; fileName: string; mediaType: string; sizeBytes: number }[];
  submittedAt: Date;
};

export type PortfolioWitnessStatement = {
  id: string;
  status: 'requested' | 'signed';
  witnessName: string;
  requestMessage: string;
  requestedAt: Date;
  statement: string | null;
  signedName: string | null;
  signedJobTitle: string | null;
  signedOn: string | null;
  signedAt: Date | null;
};

/** A stored file: `storageKey` is how the ZIP builder reads its bytes; `removedAt` set means detached (kept for a version). */
export type PortfolioFile = {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  uploadedAt: Date;
  removedAt: Date | null;
};

export type PortfolioPiece = {
  id: string;
  title: string;
  type: EvidenceType;
  activityDate: string;
  account: string;
  status: EvidenceStatus;
  submissionNo: number;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  ksbs: string[];
  /** Oldest first. */
  versions: PortfolioVersion[];
  /** Oldest first; the last one is the standing decision. */
  reviews: PortfolioReview[];
  witnessStatements: PortfolioWitnessStatement[];
  files: PortfolioFile[];
};

export type OtjActivityType = 'teaching' | 'practical_training' | 'shadowing' | 'mentoring' | 'learning_support' | 'writing_assignments' | 'other';

export type PortfolioOtjEntry = {
  activityDate: string;
  minutes: number;
  activityType: OtjActivityType;
  description: string;
  ksbs: string[];
  status: 'logged' | 'accepted' | 'queried';
  reviewComment: string | null;
  reviewedAt: Date | null;
};

export type PortfolioData = {
  apprenticeshipId: string;
  apprentice: { id: string; name: string };
  standard: { reference: string; title: string; version: string };
  ksbs: { code: string; text: string }[];
  generatedAt: Date;
  /** Drafts are in the apprentice's own copy only. */
  includesDrafts: boolean;
  evidence: PortfolioPiece[];
  otj: PortfolioOtjEntry[];
};
