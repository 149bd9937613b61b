/**
 * What reconcileAttendance takes: the attendance sessions as the Graph layer parses them (the
 * shapes mirror src/graph/attendanceReports.ts, which the pure domain may not import), the
 * meeting's records, and the thresholds that turn time in the meeting into Present or Part.
 */
import type { CommitteeSettings } from '../committee';
import type { MeetingView } from '../meetingView';

export interface ReportedInterval {
  joinDateTime: string | null;
  leaveDateTime: string | null;
  durationInSeconds: number | null;
}

export interface ReportedAttendee {
  id: string;
  /** Null for anonymous and phone participants. */
  emailAddress: string | null;
  /** Entra object id (identity.id) when the participant is a user of a tenant. */
  userId: string | null;
  tenantId: string | null;
  displayName: string | null;
  role: string | null;
  totalAttendanceInSeconds: number | null;
  /** Empty when policy hides join and leave times. */
  intervals: readonly ReportedInterval[];
}

export interface ReportedSession {
  report: {
    id: string;
    meetingStartDateTime: string | null;
    meetingEndDateTime: string | null;
    totalParticipantCount: number | null;
  };
  records: readonly ReportedAttendee[];
}

export interface AttendanceThresholds {
  /** Share of the meeting attended to propose Present rather than Part. Default 0.8. */
  presentShare: number;
  /**
   * What the share is measured against: the whole meeting (default: a late arrival who misses
   * items is Part), or the time from the person's first join to the end.
   */
  measureFrom: 'meetingStart' | 'firstJoin';
  /** An agenda item counts as attended at this share of its time… Default 0.5. */
  itemShare: number;
  /** …or after this many minutes in it. Default 5. */
  itemMinutes: number;
}

export const DEFAULT_ATTENDANCE_THRESHOLDS: AttendanceThresholds = {
  presentShare: 0.8,
  measureFrom: 'meetingStart',
  itemShare: 0.5,
  itemMinutes: 5,
};

export interface ReconcileAttendanceInput {
  view: Pick<MeetingView, 'attendees' | 'otherParticipants' | 'agenda' | 'meeting'>;
  committee: Pick<CommitteeSettings, 'members' | 'organisations' | 'timeZone'>;
  /** Every session's report with its records (one report per session). */
  reports: readonly ReportedSession[];
  /** ISO-8601. The meeting's start and end (actual if known, else scheduled). */
  meetingStart: string;
  meetingEnd: string;
  /** ISO-8601. Before the end, the meeting is measured up to now. */
  now: string;
  /** Makes ids for people the proposals would add. */
  newId: () => string;
  thresholds?: Partial<AttendanceThresholds>;
  /** E-mail addresses of meeting-only members and participants (the view does not carry them). */
  meetingPeople?: readonly { id: string; email: string | null }[];
  /** The organiser's tenant, to tell external guests: its id and its e-mail domains. */
  tenant?: { id?: string | null; domains?: readonly string[] };
  /** Set when policy is known to let people leave the report ("Who is in the report"). */
  reportHidesPeople?: boolean;
}
