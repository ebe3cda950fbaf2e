// The data access layer: every read and write of the application's data, each checking who asks.
export { getStandard } from './standard';
export { listApprenticeships, getApprenticeship, getOwnApprenticeship, createApprentice, updateApprenticeship } from './apprenticeships';
export { listOrganisations, createOrganisation, updateOrganisation } from './organisations';
export { listUsers, getUser, createUser, updateUser, setUserActive } from './users';
export { listCohorts, createCohort, updateCohort } from './cohorts';
export { listTrainers, listAssignedTrainers, assignTrainer, unassignTrainer } from './assignments';
export { importApprentices } from './import';
export { listAuditLog } from './audit';
export { changeOwnPassword } from './account';
export { getAdminOverview } from './overview';
export { searchCodes, browseCodes, listCases, getCaseForCoding, submitAttempt, getAttempt, listAttempts } from './coding';
export { listPracticeQuestions, answerQuestion, getQuestionScores } from './questions';
export { listEvidence, getEvidence, createEvidence, updateEvidence, submitEvidence } from './evidence';
export { listMarkingQueue, countMarkingQueue, getEvidenceHistory, markEvidence, overrideEvidenceDecision, listMetKsbs } from './marking';
export { listEvidenceFiles, addEvidenceFile, removeEvidenceFile, openEvidenceFile } from './evidence-files';
export { listWitnessContacts, requestWitnessStatement, listWitnessRequests, getWitnessRequest, signWitnessStatement, listWitnessStatements } from './witness';
export { getPortfolioExportSubject, getPortfolioExport } from './portfolio-export';
