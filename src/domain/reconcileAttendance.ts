/**
 * The public face of attendance reconciliation, which lives in ./attendance (one concept a
 * file). This list is the API: only what is named here is exported, so the helpers the
 * attendance files share among themselves stay internal.
 */
export { reconcileAttendance } from './attendance/reconcileAttendance';
export {
  DEFAULT_ATTENDANCE_THRESHOLDS,
  type AttendanceThresholds,
  type ReconcileAttendanceInput,
  type ReportedAttendee,
  type ReportedInterval,
  type ReportedSession,
} from './attendance/reconcileAttendanceInput';
export type {
  AttendanceEvidence,
  AttendanceFacts,
  AttendanceProposal,
  AttendanceProposalKind,
  AttendanceReconciliation,
  Confidence,
  MatchMethod,
  ProposedStatus,
  RecordedAttendance,
} from './attendance/attendanceProposal';
export { newPersonOps } from './attendance/newPersonOps';
export {
  cleanDisplayName,
  emailDomain,
  nameKey,
  normalizeEmail,
} from './attendance/personIdentity';
