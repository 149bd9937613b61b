/**
 * The folded state of one meeting. Entities live in Maps keyed by their own ids (never by
 * position), so concurrent adds never collide and no user-chosen id can touch a prototype.
 * Removal leaves a tombstone, so a late update cannot bring an entry back.
 */
import type { ClassificationLevel } from './committee';
import type { AttendanceStatus, MeetingStatus } from './operationSchemas';

export interface MeetingFields {
  number: string;
  reference: string;
  title: string;
  date: string | null;
  startsAt: string | null;
  endsAt: string | null;
  mode: 'teleconference' | 'in-person' | 'hybrid';
  series: 'main' | 'reporting';
  status: MeetingStatus;
  classification: ClassificationLevel | null;
  nextMainMeetingDate: string | null;
  nextReportingMeetingDate: string | null;
  committeeCode: string;
  actionIdFormat: string;
  teamsJoinUrl: string | null;
  teamsChatId: string | null;
}

/** Someone attending in a member seat who is not on the committee's roster (often an alternate). */
export interface MeetingMember {
  id: string;
  name: string;
  categoryId: string;
  email: string | null;
  role: string | null;
  removed: boolean;
}

export interface AttendanceRecord {
  personId: string;
  status: AttendanceStatus | null;
  alternateForMemberId: string | null;
  part: boolean;
  agendaItemIds: string[];
}

export interface Participant {
  id: string;
  name: string;
  organisationId: string;
  role: string | null;
  email: string | null;
  removed: boolean;
}

export interface AgendaItem {
  id: string;
  title: string;
  parentId: string | null;
  presenter: string | null;
  order: number;
  removed: boolean;
  /** Every time the item was opened, in seq order. */
  openedAt: string[];
}

export interface Note {
  id: string;
  itemId: string;
  text: string;
  /** Who spoke, when the secretary recorded it; minutes name their organisation or constituency. */
  speakerId: string | null;
  author: string;
  createdSeq: number;
  removed: boolean;
}

export interface Decision {
  id: string;
  itemId: string;
  verb: string;
  text: string;
  createdSeq: number;
  removed: boolean;
}

export interface Action {
  id: string;
  /** 1, 2, 3… in seq order of raising; never reused or moved. */
  number: number;
  itemId: string;
  text: string;
  ownerIds: string[];
  assigneeIds: string[];
  /** As entered; null means "the next main meeting". */
  targetDate: string | null;
  raisedAt: string;
  raisedBy: string;
  withdrawn: boolean;
  withdrawnReason: string | null;
}

export interface OutstandingAction {
  id: string;
  actionRef: string;
  text: string;
  dateRaised: string;
  lastTargetDate: string | null;
  ownerIds: string[];
  itemId: string | null;
  sourceMeetingId: string | null;
  update: string | null;
  status: 'open' | 'closed';
  revisedTargetDate: string | null;
  removed: boolean;
}

/** An op that was valid but changed nothing, e.g. an update to a note that does not exist. */
export interface IgnoredOperation {
  seq: number;
  opId: string;
  reason: string;
}

export interface MeetingState {
  meetingId: string;
  /** The seq of the last op folded in; 0 for a meeting with no ops. */
  seq: number;
  fields: MeetingFields;
  meetingMembers: Map<string, MeetingMember>;
  attendance: Map<string, AttendanceRecord>;
  participants: Map<string, Participant>;
  agenda: Map<string, AgendaItem>;
  currentItemId: string | null;
  notes: Map<string, Note>;
  decisions: Map<string, Decision>;
  actions: Map<string, Action>;
  actionCount: number;
  outstanding: Map<string, OutstandingAction>;
  ignored: IgnoredOperation[];
}

export function emptyMeetingState(meetingId: string): MeetingState {
  return {
    meetingId,
    seq: 0,
    fields: {
      number: '',
      reference: '',
      title: '',
      date: null,
      startsAt: null,
      endsAt: null,
      mode: 'teleconference',
      series: 'main',
      status: 'draft',
      classification: null,
      nextMainMeetingDate: null,
      nextReportingMeetingDate: null,
      committeeCode: '',
      actionIdFormat: '{code} {number}/{seq:2}',
      teamsJoinUrl: null,
      teamsChatId: null,
    },
    meetingMembers: new Map(),
    attendance: new Map(),
    participants: new Map(),
    agenda: new Map(),
    currentItemId: null,
    notes: new Map(),
    decisions: new Map(),
    actions: new Map(),
    actionCount: 0,
    outstanding: new Map(),
    ignored: [],
  };
}
