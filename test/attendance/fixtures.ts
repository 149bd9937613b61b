/**
 * Realistic attendance data for the OPSG-41-like meeting: the captured meeting with the times the
 * secretary opened each agenda item, and attendance reports and calendar events in the shapes
 * src/graph returns (`AttendanceSession[]`, `CalendarEvent[]`).
 *
 * The meeting ran 13:20–15:35 UTC on 25 January 2021 in two Teams sessions: the call dropped at
 * 14:45 and was restarted at 14:52, so there are two attendance reports.
 */
import {
  committeeSettingsSchema,
  foldOperations,
  meetingView,
  type CommitteeSettings,
  type MeetingView,
  type NewOperation,
  type OperationBody,
} from '../../src/domain';
import type { AttendanceRecord, AttendanceSession } from '../../src/graph/attendanceReports';
import type { CalendarEvent, Invitee } from '../../src/graph/calendar';
import { demoCommitteeSettings } from '../../src/demo/demoCommittee';
import { MEETING_ID, SECRETARY, opsg41Script, sequence } from '../fixtures/opsg41';

export const DAY = '2021-01-25';
export const MEETING_START = at('13:20');
export const MEETING_END = at('15:35');
export const AFTER_THE_MEETING = at('17:00');
/** The organiser's (the secretariat's) tenant. */
export const TENANT_ID = '5b1c8f1e-0d6a-4c3e-9a7b-2f4e6d8c0a11';
export const MEMBERS_TENANT_ID = '9e8d7c6b-5a49-4382-8170-6f5e4d3c2b1a';
export const CSPN_TENANT_ID = '0a1b2c3d-4e5f-4061-8273-94a5b6c7d8e9';
export const COLE_OBJECT_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
export const JOIN_URL =
  'https://teams.microsoft.com/l/meetup-join/19:meeting_OPSG41@thread.v2/0?context={"Tid":"5b1c8f1e-0d6a-4c3e-9a7b-2f4e6d8c0a11","Oid":"c0ffee00-0000-4000-8000-000000000001"}';

/** When the secretary opened each item (item 3's sub-items run inside it). */
export const OPENED_AT: Record<string, string> = {
  '1': '13:22',
  '2': '13:35',
  '3': '13:50',
  '3.1': '13:52',
  '3.2': '13:58',
  '3.3': '14:00',
  '4': '14:05',
  '5': '14:40',
  '6': '15:00',
  '7': '15:15',
  '8': '15:30',
};

/** `13:22` or `13:22:30` on the meeting day, UTC (London is on GMT in January). */
export function at(time: string): string {
  return `${DAY}T${time.length === 5 ? `${time}:00` : time}Z`;
}

const script = opsg41Script();
export const itemId = (number: string): string => script.id('agenda', number);
export const personId = (name: string): string => script.id('person', name);

/** The demo committee; the chair's Entra object id is known, her e-mail differs from the roster. */
export function committee(): CommitteeSettings {
  return committeeSettingsSchema.parse({
    ...demoCommitteeSettings,
    members: (demoCommitteeSettings.members ?? []).map((member) =>
      member.id === 'm-cole' ? { ...member, entraObjectId: COLE_OBJECT_ID } : member,
    ),
  });
}

interface Changes {
  mode?: 'teleconference' | 'hybrid';
  /** Ops the secretary sent later, e.g. accepted proposals. */
  then?: readonly OperationBody[];
}

/** The captured meeting's ops, with every agenda.open at the times above. */
export function capturedOperations(changes: Changes = {}): NewOperation[] {
  const byItem = new Map(Object.entries(OPENED_AT).map(([number, time]) => [itemId(number), time]));
  const ops = script.operations().map((op): NewOperation => {
    if (op.type === 'agenda.open') {
      const time = byItem.get(op.payload.id);
      return time ? { ...op, payload: { ...op.payload, at: at(time) } } : op;
    }
    if (op.type === 'meeting.update' && changes.mode) {
      return { ...op, payload: { ...op.payload, mode: changes.mode } };
    }
    return op;
  });
  const later = (changes.then ?? []).map(
    (body, index) =>
      ({
        ...body,
        id: `later-${index}`,
        meetingId: MEETING_ID,
        actor: SECRETARY,
        clientTime: AFTER_THE_MEETING,
      }) as NewOperation,
  );
  return [...ops, ...later];
}

export function capturedView(changes: Changes = {}): MeetingView {
  return meetingView(
    foldOperations(MEETING_ID, sequence(capturedOperations(changes))),
    committee(),
  );
}

// ---------------------------------------------------------------------------------------------
// Attendance reports.

type Span = [join: string, leave: string];

interface Who {
  name: string | null;
  email?: string | null;
  userId?: string | null;
  tenantId?: string | null;
  role?: string;
}

let recordCount = 0;

/** One attendance record as the Graph layer parses it. */
export function record(who: Who, spans: Span[]): AttendanceRecord {
  recordCount += 1;
  const intervals = spans.map(([join, leave]) => ({
    joinDateTime: at(join),
    leaveDateTime: at(leave),
    durationInSeconds: Math.round((Date.parse(at(leave)) - Date.parse(at(join))) / 1000),
  }));
  return {
    id: `record-${recordCount}`,
    emailAddress: who.email ?? null,
    userId: who.userId ?? null,
    tenantId: who.tenantId ?? null,
    displayName: who.name,
    role: who.role ?? 'Attendee',
    totalAttendanceInSeconds: intervals.reduce((sum, i) => sum + (i.durationInSeconds ?? 0), 0),
    intervals,
  };
}

export function session(
  id: string,
  start: string,
  end: string,
  records: AttendanceRecord[],
  totalParticipantCount = records.length,
): AttendanceSession {
  return {
    report: {
      id,
      meetingStartDateTime: at(start),
      meetingEndDateTime: at(end),
      totalParticipantCount,
    },
    records,
  };
}

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A member of another company's tenant. */
const member = (name: string, n: number, email?: string): Who => ({
  name,
  email: email ?? `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@members.example`,
  userId: uuid(n),
  tenantId: MEMBERS_TENANT_ID,
});
/** Someone of the secretariat's own tenant. */
const staff = (name: string, n: number, domain: string, role = 'Attendee'): Who => ({
  name,
  email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@${domain}`,
  userId: uuid(n),
  tenantId: TENANT_ID,
  role,
});

const FIRST: Span = ['13:17', '14:45'];
const SECOND: Span = ['14:52', '15:35'];

/**
 * The two sessions. In them: members (one matched by object id, one by a B2B guest principal
 * name, one phoning in, one with rejoins, one who left during item 3 and came back for 4, one
 * who did not come back after the break), the meeting-only alternate, participants present for
 * one item, people not in the meeting's records (a CDS contact, a guest from CSP N, an anonymous
 * guest, a phone number). Nowak, recorded present, and Achebe and the members who sent apologies
 * are in neither; so is Rowan Hale (TAG), recorded present.
 */
export function opsg41Sessions(): AttendanceSession[] {
  recordCount = 0;
  const cole: Who = {
    name: 'Harriet Cole',
    email: 'h.cole@brightwater-chair.example',
    userId: COLE_OBJECT_ID,
    tenantId: MEMBERS_TENANT_ID,
  };
  const pryce = member('Owen Pryce', 2);
  const natarajan = member('Priya Natarajan', 3);
  const reidPhone: Who = { name: 'Callum Reid', email: null, userId: null, tenantId: null };
  const marsh = member('Fiona Marsh', 5);
  const brooks = member('Nadia Brooks', 7);
  const fairbanks = member('Leo Fairbanks', 9, 'Leo.Fairbanks@Members.Example');
  const hale = member('Imogen Hale', 14);
  const menon = member('Ravi Menon', 16);
  const lloyd: Who = {
    name: 'Bethan Lloyd (Guest)',
    email: 'bethan.lloyd_members.example#EXT#@csec.onmicrosoft.com',
    userId: uuid(17),
    tenantId: TENANT_ID,
  };
  const okafor = member('Grace Okafor', 30, 'grace.okafor@greystone.example');
  const carvalho = staff('Ines Carvalho', 40, 'csec.example', 'Organizer');
  const jonah = staff('Jonah Marsh', 41, 'csec.example', 'Presenter');
  const ellis = staff('Hugo Ellis', 42, 'csec.example');
  const cds = (name: string, n: number): Who => ({
    name,
    email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@cds.example`,
    userId: uuid(n),
    tenantId: MEMBERS_TENANT_ID,
  });
  const freeman: Who = {
    name: 'Nia Freeman',
    email: 'nia.freeman@dfen.example',
    userId: uuid(60),
    tenantId: MEMBERS_TENANT_ID,
  };
  const ross = cds('Megan Ross', 70);
  const okoro: Who = {
    name: 'Sam Okoro (Guest)',
    email: 'sam.okoro@cspn.example',
    userId: uuid(80),
    tenantId: CSPN_TENANT_ID,
  };
  const pike: Who = { name: 'Jordan Pike (Guest)', email: null, userId: null, tenantId: null };
  const phone: Who = { name: '+44 20 7946 0018', email: null, userId: null, tenantId: null };

  const first = [
    record(carvalho, [['13:10', '14:45']]),
    record(cole, [FIRST]),
    record(pryce, [FIRST]),
    record(natarajan, [
      ['13:18', '13:40'],
      ['13:41', '14:10'],
      ['14:11', '14:45'],
    ]),
    record(reidPhone, [FIRST]),
    record(marsh, [
      ['13:19', '13:54'],
      ['14:06', '14:45'],
    ]),
    record(brooks, [FIRST]),
    record(fairbanks, [FIRST]),
    record(hale, [FIRST]),
    record(menon, [['13:21', '14:45']]),
    record(lloyd, [FIRST]),
    record(okafor, [FIRST]),
    record(jonah, [FIRST]),
    record(ellis, [FIRST]),
    record(cds('Wanda Lyle', 50), [['13:34', '13:51']]),
    record(cds('Dominic Rowe', 51), [FIRST]),
    record(cds('Lena Wu', 52), [FIRST]),
    record(cds('Theo Dunmore', 53), [['14:05', '14:40']]),
    record(cds('Rashid Amin', 54), [['14:04', '14:41']]),
    // Gareth Lomax's laptop dropped: Teams listed his rejoin as a second record.
    record(cds('Gareth Lomax', 56), [['14:05', '14:20']]),
    record(cds('Gareth Lomax', 56), [['14:25', '14:40']]),
    record(freeman, [FIRST]),
    record(ross, [['14:40', '14:45']]),
    record(okoro, [['13:30', '14:45']]),
    record(pike, [['13:25', '13:50']]),
    record(phone, [['14:10', '14:30']]),
  ];
  const second = [
    record(carvalho, [['14:50', '15:36']]),
    record(cole, [['14:51', '15:36']]),
    record(pryce, [SECOND]),
    record(natarajan, [SECOND]),
    record(reidPhone, [SECOND]),
    record(marsh, [SECOND]),
    record(brooks, [SECOND]),
    record(fairbanks, [SECOND]),
    record(hale, [SECOND]),
    record(lloyd, [SECOND]),
    record(okafor, [SECOND]),
    record(jonah, [SECOND]),
    record(ellis, [SECOND]),
    record(cds('Dominic Rowe', 51), [SECOND]),
    record(cds('Lena Wu', 52), [SECOND]),
    record(cds('Alina Atkins', 55), [['15:00', '15:15']]),
    record(freeman, [SECOND]),
    record(ross, [['14:52', '15:00']]),
    record(okoro, [SECOND]),
  ];
  return [
    session('report-1', '13:10', '14:45', first),
    session('report-2', '14:50', '15:36', second),
  ];
}

// ---------------------------------------------------------------------------------------------
// Calendar events.

export function invitee(
  name: string,
  address: string | null,
  response: string,
  type = 'required',
): Invitee {
  return { name, address, type, response, responseTime: response === 'none' ? null : at('09:00') };
}

export function event(
  id: string,
  start: string,
  attendees: Invitee[],
  extra: Partial<CalendarEvent> = {},
): CalendarEvent {
  return {
    id,
    subject: 'OPSG 41 – Operations Group Meeting',
    start,
    end: new Date(Date.parse(start) + 135 * 60_000).toISOString(),
    type: 'occurrence',
    seriesMasterId: 'series-opsg',
    iCalUId: `ical-${id}`,
    isCancelled: false,
    joinUrl: JOIN_URL,
    organizer: { name: 'Ines Carvalho', address: 'ines.carvalho@csec.example' },
    attendees,
    ...extra,
  };
}
