// The data access layer: every read and write of the application's data, each checking who asks.
export { getStandard } from './standard';
export { listApprenticeships, getApprenticeship, getOwnApprenticeship, createApprentice, updateApprenticeship } from './apprenticeships';
export { listOrganisations, createOrganisation, updateOrganisation } from './organisations';
export { listUsers, getUser, createUser, updateUser, setUserActive, unlockUser } from './users';
export { listCohorts, createCohort, updateCohort } from './cohorts';
export { listTrainers, listAssignedTrainers, assignTrainer, unassignTrainer } from './assignments';
export { importApprentices } from './import';
export { listAuditLog } from './audit';
export { changeOwnPassword } from './account';
export { getAdminOverview } from './overview';
export { searchCodes, browseCodes, getActiveEditions, listCases, getCaseForCoding, submitAttempt, getAttempt, listAttempts, listAttemptPage } from './coding';
export { listEditions, importEdition, editionReport, activateEdition, remarkAttempts, countAttemptsToRemark, getMarkingRulesForAdmin, updateMarkingRules } from './classification';
export { listPracticeQuestions, answerQuestion, getQuestionScores } from './questions';
export { listEvidence, getEvidence, createEvidence, updateEvidence, submitEvidence, createEvidenceFromPractice } from './evidence';
export { listMarkingQueue, countMarkingQueue, getNextToMark, getEvidenceHistory, markEvidence, overrideEvidenceDecision, listMetKsbs } from './marking';
export { listEvidenceFiles, addEvidenceFile, removeEvidenceFile, openEvidenceFile } from './evidence-files';
export { listWitnessContacts, requestWitnessStatement, listWitnessRequests, getWitnessRequest, signWitnessStatement, listWitnessStatements } from './witness';
export { listCohortProgress, getProgressPicture, getProgressSettings, preloadProgressSettings, updateProgressSettings } from './progress';
export { listOtjEntries, getOtjEntry, getOtjSummary, createOtjEntry, updateOtjEntry, deleteOtjEntry, reviewOtjEntry, acceptOtjEntries, getPracticeTimeOffer, confirmPracticeTime } from './otj';
export { getPortfolioExportSubject, getPortfolioExport, startPortfolioExport, getPortfolioExportStatus, openPortfolioExport } from './portfolio-export';
export { listJobs, retryJob } from './jobs';
export { recordProgressReview, signProgressReview, listProgressReviews, getProgressReview, listReviewsToSign, listReviewsDue, confirmGateway } from './reviews';
export { listBlueprints, uploadBlueprint, listMyAssessments, startAssessment, getAttemptPaper, saveAssessmentAnswer, submitAssessment } from './assessments';
export { getAttemptResult, scheduleSitting, listSittings, getSitting, listWrittenToMark, countWrittenToMark, markWrittenAnswer, getWrittenForMarking, setExtraTime } from './assessment-results';
export { listTasks, listOtjToReview, countOtjToReview } from './tasks';
export { listCalendarEvents, getCalendarFeed, createCalendarFeed, revokeCalendarFeed } from './calendar';
export { getReminderSettings, updateReminderSettings } from './reminder-settings';
export { getThread, postMessage, editMessage, markThreadRead, listConversations, countUnreadMessages } from './conversations';
export { listNotifications, countUnreadNotifications, markNotificationRead, markAllNotificationsRead, getNotificationPreferences, updateNotificationPreferences } from './notifications';
// Audit practice (issue 19 point 1): auditing a coder's episode.
export { listAuditEpisodes, getAuditEpisode, submitAuditAttempt, getAuditAttempt, listAuditAttempts } from './audit-practice';
// Issue 19 point 4: weak-spot drills (spaced repetition of what the apprentice gets wrong).
export { getDrillsDue, getWeakestConventions } from './drills';
// Clinical query practice (issue 19, point 2).
export { listQueryScenarios, getQueryScenario, submitQueryAttempt, listQueriesToMark, getQueryAttempt, markQueryAttempt } from './query-practice';
// issue 20: learner-record (ILR) figures as CSV.
export { listIlrRecords, exportIlr } from './ilr';
// issue 20: initial assessment
export { initialAssessmentFor, saveInitialAssessment, confirmInitialAssessment } from './initial-assessments';
// issue 20: training plan (versions, drafting, signing, changing).
export { getTrainingPlans, getTrainingPlanVersion, draftTrainingPlan, updateTrainingPlan, signTrainingPlan, changeTrainingPlan } from './training-plans';
// issue 20: off-the-job by the rules in force at the start, breaks in learning, withdrawal and completion, funding rules.
export { getLearningStatus, startLearningBreak, endLearningBreak, recordOutcome } from './learning-status';
export { getFundingSettingsForAdmin, updateFundingSettings } from './funding-settings';
// issue 20: gateway pack for the end-point assessment organisation.
export { getGatewayPack, rebuildGatewayPack, openGatewayPackFile, createGatewayPackLink, revokeGatewayPackLink } from './gateway-pack';
