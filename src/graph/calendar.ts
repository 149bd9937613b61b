/**
 * The calendar event(s) of a Teams meeting and its invitees' responses (for apologies). There is
 * no link from an onlineMeeting to its event, so we read the organizer's calendarView from a day
 * before the meeting to a day after and keep the events whose `onlineMeeting.joinUrl` is the
 * meeting's join URL. calendarView (not /events) expands recurring series into occurrences.
 *
 * Matching is client-side: Graph rejects `$filter=isOnlineMeeting eq true` on calendarView, and
 * returns `onlineMeeting` as null unless `isOnlineMeeting` is also in `$select`. Times are asked
 * for in UTC (`Prefer: outlook.timezone="UTC"`) and returned as ISO strings with `Z`.
 *
 * Responses are reliable only on the organizer's copy of the event, so read the organizer's
 * calendar: delegated as the organizer (`/me`), or application as `/users/{organizerId}`.
 *
 * Permissions: delegated Calendars.ReadBasic (least on current docs pages: no bodies or
 * attachments, attendees included; older pages name Calendars.Read). Application Calendars.Read
 * (ReadBasic.All where offered), limited to chosen mailboxes with Exchange RBAC for Applications.
 */
import { sameJoinUrl } from '../domain/joinUrl';
import { query, type GraphClient } from './createGraphClient';
import { collectPages } from './paging';
import {
  dateTimeTimeZone,
  list,
  optBool,
  optRecord,
  optStr,
  record,
  str,
  type Json,
} from './parse';
import { userPath, type GraphUser } from './userPath';

export interface Invitee {
  name: string | null;
  address: string | null;
  /** required | optional | resource (rooms: not people). */
  type: string | null;
  /** none | organizer | tentativelyAccepted | accepted | declined | notResponded. */
  response: string;
  responseTime: string | null;
}

export interface CalendarEvent {
  id: string;
  subject: string | null;
  /** ISO 8601 in UTC. */
  start: string | null;
  end: string | null;
  /** singleInstance | occurrence | exception | seriesMaster. */
  type: string | null;
  seriesMasterId: string | null;
  iCalUId: string | null;
  isCancelled: boolean;
  joinUrl: string | null;
  organizer: { name: string | null; address: string | null } | null;
  attendees: Invitee[];
}

export interface FindMeetingEventsInput {
  joinWebUrl: string;
  start: Date;
  end: Date;
  signal?: AbortSignal;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export const EVENT_SELECT = [
  'subject',
  'start',
  'end',
  'type',
  'seriesMasterId',
  'iCalUId',
  'isCancelled',
  'organizer',
  'attendees',
  'isOnlineMeeting',
  'onlineMeeting',
  'onlineMeetingProvider',
  'responseStatus',
].join(',');

/** The meeting's events (several for a recurring series) between start−1 day and end+1 day. */
export async function findMeetingEvents(
  client: GraphClient,
  organizer: GraphUser,
  input: FindMeetingEventsInput,
): Promise<CalendarEvent[]> {
  const url = `${userPath(organizer)}/calendarView${query({
    startDateTime: new Date(input.start.getTime() - DAY_MS).toISOString(),
    endDateTime: new Date(input.end.getTime() + DAY_MS).toISOString(),
    $select: EVENT_SELECT,
    $top: 50,
  })}`;
  const events = await collectPages(client, url, parseCalendarEvent, {
    headers: { Prefer: 'outlook.timezone="UTC"' },
    ...(input.signal ? { signal: input.signal } : {}),
  });
  return events.filter(
    (event) => event.joinUrl !== null && sameJoinUrl(event.joinUrl, input.joinWebUrl),
  );
}

/** People invited, without rooms and other resources. */
export function peopleInvited(event: CalendarEvent): Invitee[] {
  return event.attendees.filter((attendee) => attendee.type !== 'resource');
}

export function parseCalendarEvent(value: unknown): CalendarEvent {
  const event = record(value, 'event');
  const online = optRecord(event.onlineMeeting, 'event.onlineMeeting');
  const organizer = optRecord(event.organizer, 'event.organizer');
  const organizerAddress = optRecord(organizer?.emailAddress, 'event.organizer.emailAddress');
  return {
    id: str(event, 'id', 'event'),
    subject: optStr(event, 'subject', 'event'),
    start: utcIso(dateTimeTimeZone(event.start, 'event.start')),
    end: utcIso(dateTimeTimeZone(event.end, 'event.end')),
    type: optStr(event, 'type', 'event'),
    seriesMasterId: optStr(event, 'seriesMasterId', 'event'),
    iCalUId: optStr(event, 'iCalUId', 'event'),
    isCancelled: optBool(event, 'isCancelled', 'event') ?? false,
    joinUrl: online ? optStr(online, 'joinUrl', 'event.onlineMeeting') : null,
    organizer: organizerAddress
      ? {
          name: optStr(organizerAddress, 'name', 'organizer.emailAddress'),
          address: optStr(organizerAddress, 'address', 'organizer.emailAddress'),
        }
      : null,
    attendees: list(event, 'attendees', 'event').map((item) =>
      parseInvitee(record(item, 'attendee')),
    ),
  };
}

function parseInvitee(attendee: Json): Invitee {
  const email = optRecord(attendee.emailAddress, 'attendee.emailAddress');
  const status = optRecord(attendee.status, 'attendee.status');
  return {
    name: email ? optStr(email, 'name', 'attendee.emailAddress') : null,
    address: email ? optStr(email, 'address', 'attendee.emailAddress') : null,
    type: optStr(attendee, 'type', 'attendee'),
    response: (status ? optStr(status, 'response', 'attendee.status') : null) ?? 'none',
    responseTime: status ? optStr(status, 'time', 'attendee.status') : null,
  };
}

/** `{dateTime: '2026-08-20T09:00:00.0000000', timeZone: 'UTC'}` → `2026-08-20T09:00:00.000Z`. */
function utcIso(value: { dateTime: string; timeZone: string } | null): string | null {
  if (!value) return null;
  const hasZone = /(Z|[+-]\d\d:?\d\d)$/i.test(value.dateTime);
  // We ask for UTC; a mailbox that ignores the Prefer header gets its wall time passed through.
  if (!hasZone && value.timeZone.toUpperCase() !== 'UTC') return value.dateTime;
  const parsed = Date.parse(hasZone ? value.dateTime : `${value.dateTime}Z`);
  return Number.isNaN(parsed) ? value.dateTime : new Date(parsed).toISOString();
}
