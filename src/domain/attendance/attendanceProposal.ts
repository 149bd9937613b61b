/**
 * What reconcileAttendance returns: one proposal a person, each with the evidence behind it,
 * what the secretary had recorded and the ops that would apply it, so the secretary can agree,
 * edit or ignore it.
 */
import type { TimelineInterval } from '../agendaTimeline';
import type { OperationBody } from '../operation';
import type { AttendanceStatus } from '../operationSchemas';

export type AttendanceProposalKind =
  /** In a report and one of the meeting's people (roster member, meeting-only member, participant). */
  | 'joined'
  /** In a report but not on the roster nor in the meeting's records. */
  | 'notOnRoster'
  /** On the roster, in no report. */
  | 'neverJoined'
  /** A meeting-only member or participant recorded present who is in no report. */
  | 'notInReport';

export type MatchMethod =
  | 'entraObjectId'
  | 'email'
  /** A committee contact's id or e-mail, then the contact's name among the meeting's people. */
  | 'contact'
  | 'name';

export type Confidence = 'high' | 'medium' | 'low';

export type ProposedStatus = AttendanceStatus | 'unknown';

export interface AttendanceFacts {
  status: ProposedStatus;
  part: boolean;
  agendaItemIds: string[];
}

export interface RecordedAttendance {
  status: AttendanceStatus | null;
  part: boolean;
  agendaItemIds: string[];
}

export interface AttendanceEvidence {
  records: number;
  sessions: number;
  displayNames: string[];
  emails: string[];
  userIds: string[];
  roles: string[];
  /** True for a guest from another tenant or outside the tenant's domains; null if unknown. */
  external: boolean | null;
  /** The report has the person but not their join and leave times. */
  timesHidden: boolean;
  /** Their time in the meeting, merged over sessions and rejoins, as reported. */
  intervals: TimelineInterval[];
  /** Seconds in the meeting (within its start, end and sessions). */
  attendedSeconds: number;
  /** Share of the measured meeting time attended, 0…1. */
  share: number;
}

export interface AttendanceProposal {
  /** Stable within one result: the person id, or `new:…` for someone not in the records. */
  key: string;
  kind: AttendanceProposalKind;
  /** The meeting person; for `notOnRoster`, the id the ops would give them. */
  personId: string;
  name: string;
  personKind: 'member' | 'meetingMember' | 'participant' | 'new';
  /** Where the person is listed: their category, their organisation, or none yet. */
  group: { kind: 'category' | 'organisation' | 'none'; id: string | null; name: string };
  /**
   * How the report's person was matched to a meeting person (or, for a new person, to a
   * committee contact); null for people in no report and new people nobody knows.
   */
  matchedBy: MatchMethod | null;
  confidence: Confidence;
  /** For new people: the organisation guessed from a committee contact or the e-mail domain. */
  organisation: { id: string; name: string; from: 'contact' | 'emailDomain' } | null;
  evidence: AttendanceEvidence | null;
  proposed: AttendanceFacts;
  /** What the secretary had recorded; null for people not in the meeting's records. */
  recorded: RecordedAttendance | null;
  agreement: 'agrees' | 'differs' | 'unrecorded' | 'unknown';
  sentence: string;
  /** Ops that would apply the proposal, in order; empty when nothing would change. */
  ops: OperationBody[];
}

export interface AttendanceReconciliation {
  proposals: AttendanceProposal[];
  sessions: number;
  /** The report may leave people out: roster members missing from it are unknown. */
  reportHidesPeople: boolean;
  /** The meeting is measured up to `now`, not its end. */
  provisional: boolean;
  warnings: string[];
  summary: Record<'present' | 'part' | 'notOnRoster' | 'neverJoined' | 'unknown', number>;
}
