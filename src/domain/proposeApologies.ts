/**
 * Apologies proposed from the meeting's calendar event: the organiser's event whose online
 * meeting join URL is the meeting's (the occurrence nearest the meeting's start, for a series),
 * then its invitees who declined, except rooms and other resources and the organiser. A declined
 * roster member (matched by e-mail, then by name) is proposed as Apologies; declined invitees
 * not on the roster are listed apart; tentative and unanswered invitations are "no answer", not
 * apologies. Nothing is changed: each proposal carries the op that would apply it.
 *
 * Graph v1.0's attendee status is `{response, time}`: it has no response comment. The input
 * takes an optional `comment` so a source that has one (a reply's text) can pass it through.
 * The input shapes mirror what src/graph/calendar.ts returns. Pure.
 */
import type { CommitteeSettings } from './committee';
import type { MeetingView, PersonView } from './meetingView';
import type { OperationBody } from './operation';
import { sameJoinUrl } from './joinUrl';
import type { AttendanceStatus } from './operationSchemas';
import { cleanDisplayName, nameKey, normalizeEmail } from './reconcileAttendance';

export interface CalendarInvitee {
  name: string | null;
  address: string | null;
  /** required | optional | resource (rooms, equipment). */
  type: string | null;
  /** none | organizer | tentativelyAccepted | accepted | declined | notResponded. */
  response: string;
  responseTime: string | null;
  /** Not in Graph v1.0's types; passed through when a source has it. */
  comment?: string | null;
}

export interface CalendarMeetingEvent {
  id: string;
  subject: string | null;
  /** ISO-8601. */
  start: string | null;
  end: string | null;
  /** singleInstance | occurrence | exception | seriesMaster. */
  type: string | null;
  isCancelled: boolean;
  joinUrl: string | null;
  organizer: { name: string | null; address: string | null } | null;
  attendees: readonly CalendarInvitee[];
}

export interface ProposeApologiesInput {
  view: Pick<MeetingView, 'attendees' | 'otherParticipants' | 'meeting'>;
  committee: Pick<CommitteeSettings, 'members' | 'organisations'>;
  /** Events from the organiser's calendarView around the meeting. */
  events: readonly CalendarMeetingEvent[];
  /** The Teams meeting's join URL. */
  joinUrl: string;
  /** ISO-8601; picks the occurrence of a series. Defaults to the meeting's `startsAt`. */
  meetingStart?: string | null;
}

export interface ApologyProposal {
  personId: string;
  name: string;
  categoryId: string;
  categoryName: string;
  address: string | null;
  matchedBy: 'email' | 'name';
  confidence: 'high' | 'low';
  comment: string | null;
  responseTime: string | null;
  /** What the secretary had recorded. */
  recorded: AttendanceStatus | null;
  agreement: 'agrees' | 'differs' | 'unrecorded';
  sentence: string;
  /** Empty when apologies are already recorded. */
  ops: OperationBody[];
}

export interface InviteeAnswer {
  name: string;
  address: string | null;
  /** The invitee's response as Graph gives it. */
  response: string;
  /** A person of the meeting (roster member, meeting-only member or participant) if matched. */
  personId: string | null;
  onRoster: boolean;
  /** The committee organisation whose contact they are, if any. */
  organisation: { id: string; name: string } | null;
  comment: string | null;
  responseTime: string | null;
  sentence: string;
}

export interface ApologyProposals {
  event: {
    id: string;
    subject: string | null;
    start: string | null;
    organizer: { name: string | null; address: string | null } | null;
  } | null;
  /** Declined roster members, in roster order. */
  apologies: ApologyProposal[];
  /** Declined invitees who are not on the roster. */
  declinedNotOnRoster: InviteeAnswer[];
  /** Tentative or unanswered invitations (not apologies): roster members first. */
  noAnswer: InviteeAnswer[];
  /** Roster members the event does not invite. */
  notInvited: { personId: string; name: string }[];
  warnings: string[];
}

const NO_ANSWER = new Set(['none', 'notresponded', 'tentativelyaccepted']);

export function proposeApologies(input: ProposeApologiesInput): ApologyProposals {
  const event = pickEvent(input);
  const empty: ApologyProposals = {
    event: null,
    apologies: [],
    declinedNotOnRoster: [],
    noAnswer: [],
    notInvited: [],
    warnings: [],
  };
  if (!event) {
    return {
      ...empty,
      warnings: [
        "No event in the organiser's calendar has this meeting's join URL: apologies cannot be proposed from invitations.",
      ],
    };
  }

  const roster = rosterOf(input);
  const others = [
    ...input.view.attendees.flatMap((category) => category.people.filter((p) => !p.onRoster)),
    ...input.view.otherParticipants.flatMap((organisation) => organisation.people),
  ];
  const organiser = event.organizer?.address ? normalizeEmail(event.organizer.address) : null;
  // The organiser is invited by definition, though not an invitee.
  const invited = new Set<string>();
  const organiserOnRoster = event.organizer
    ? matchRoster(roster, {
        ...event.organizer,
        type: null,
        response: 'organizer',
        responseTime: null,
      })
    : null;
  if (organiserOnRoster) invited.add(organiserOnRoster.person.view.personId);
  const seen = new Set<string>();
  const invitees = event.attendees.filter((invitee) => {
    if (invitee.type?.toLowerCase() === 'resource') return false;
    if (invitee.response.toLowerCase() === 'organizer') return false;
    const address = invitee.address ? normalizeEmail(invitee.address) : null;
    if (address !== null && address === organiser) return false;
    const key = address ?? `name:${nameKey(invitee.name ?? '')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });

  const apologies: ApologyProposal[] = [];
  const declinedNotOnRoster: InviteeAnswer[] = [];
  const noAnswerRoster: InviteeAnswer[] = [];
  const noAnswerOthers: InviteeAnswer[] = [];

  for (const invitee of invitees) {
    const member = matchRoster(roster, invitee);
    if (member) invited.add(member.person.view.personId);
    const response = invitee.response.toLowerCase();
    const comment = invitee.comment?.trim() || null;
    const name = member?.person.view.name ?? displayName(invitee);

    if (response === 'declined' && member) {
      const { view } = member.person;
      const agreement: ApologyProposal['agreement'] =
        view.status === 'apologies' ? 'agrees' : view.status === null ? 'unrecorded' : 'differs';
      const qualifier = member.matchedBy === 'name' ? ' (matched by name only)' : '';
      const said = comment ? ` ("${comment}")` : '';
      const recorded =
        agreement === 'agrees'
          ? '; already recorded'
          : view.status === null
            ? ''
            : `; recorded as ${statusWord(view.status)}`;
      apologies.push({
        personId: view.personId,
        name: view.name,
        categoryId: member.person.categoryId,
        categoryName: member.person.categoryName,
        address: invitee.address,
        matchedBy: member.matchedBy,
        confidence: member.matchedBy === 'email' ? 'high' : 'low',
        comment,
        responseTime: invitee.responseTime,
        recorded: view.status,
        agreement,
        sentence: `${view.name}${qualifier} declined the invitation${said}: propose Apologies${recorded}`,
        ops:
          agreement === 'agrees'
            ? []
            : [
                {
                  type: 'attendance.update',
                  payload: { personId: view.personId, status: 'apologies' },
                },
              ],
      });
      continue;
    }
    if (response !== 'declined' && !NO_ANSWER.has(response)) continue;

    const other = member ? null : matchOther(others, invitee);
    const organisation = organisationOf(input.committee, invitee);
    const where = organisation ? `, ${organisation.name}` : '';
    const answer: InviteeAnswer = {
      name,
      address: invitee.address,
      response: invitee.response,
      personId: member?.person.view.personId ?? other?.personId ?? null,
      onRoster: member !== null,
      organisation,
      comment,
      responseTime: invitee.responseTime,
      sentence:
        response === 'declined'
          ? `${name} (${invitee.address ?? 'no e-mail address'}${where}) declined but is not on the roster${comment ? ` ("${comment}")` : ''}`
          : `${name}${member ? '' : ` (${invitee.address ?? 'no e-mail address'}${where})`} ${response === 'tentativelyaccepted' ? 'accepted tentatively' : 'has not answered'}: not an apology`,
    };
    if (response === 'declined') declinedNotOnRoster.push(answer);
    else if (member) noAnswerRoster.push(answer);
    else noAnswerOthers.push(answer);
  }

  const rosterOrder = new Map(roster.map((person, index) => [person.view.personId, index]));
  const byRoster = (a: { personId: string | null }, b: { personId: string | null }) =>
    (rosterOrder.get(a.personId ?? '') ?? Infinity) -
    (rosterOrder.get(b.personId ?? '') ?? Infinity);
  const byName = (a: InviteeAnswer, b: InviteeAnswer) =>
    a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) ||
    (a.address ?? '').localeCompare(b.address ?? '');

  return {
    event: {
      id: event.id,
      subject: event.subject,
      start: event.start,
      organizer: event.organizer,
    },
    apologies: apologies.sort(byRoster),
    declinedNotOnRoster: declinedNotOnRoster.sort(byName),
    noAnswer: [...noAnswerRoster.sort(byRoster), ...noAnswerOthers.sort(byName)],
    notInvited: roster
      .filter((person) => !invited.has(person.view.personId))
      .map((person) => ({ personId: person.view.personId, name: person.view.name })),
    warnings: event.isCancelled ? ['The calendar event of this meeting is cancelled.'] : [],
  };
}

/** The matching event: live before cancelled, occurrences before a series master, nearest start. */
function pickEvent(input: ProposeApologiesInput): CalendarMeetingEvent | null {
  const target = Date.parse(input.meetingStart ?? input.view.meeting.startsAt ?? '');
  const distance = (event: CalendarMeetingEvent) => {
    const start = Date.parse(event.start ?? '');
    if (!Number.isFinite(target)) return 0;
    return Number.isFinite(start) ? Math.abs(start - target) : Number.MAX_SAFE_INTEGER;
  };
  const candidates = input.events
    .filter((event) => event.joinUrl !== null && sameJoinUrl(event.joinUrl, input.joinUrl))
    .sort(
      (a, b) =>
        Number(a.isCancelled) - Number(b.isCancelled) ||
        Number(a.type === 'seriesMaster') - Number(b.type === 'seriesMaster') ||
        distance(a) - distance(b) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  return candidates[0] ?? null;
}

interface RosterEntry {
  view: PersonView;
  email: string | null;
  categoryId: string;
  categoryName: string;
}

function rosterOf(input: ProposeApologiesInput): RosterEntry[] {
  const emails = new Map(
    input.committee.members.map((member) => [
      member.id,
      member.email ? normalizeEmail(member.email) : null,
    ]),
  );
  return input.view.attendees.flatMap((category) =>
    category.people
      .filter((person) => person.onRoster)
      .map((view) => ({
        view,
        email: emails.get(view.personId) ?? null,
        categoryId: category.categoryId,
        categoryName: category.categoryName,
      })),
  );
}

function matchRoster(
  roster: readonly RosterEntry[],
  invitee: CalendarInvitee,
): { person: RosterEntry; matchedBy: 'email' | 'name' } | null {
  const address = invitee.address ? normalizeEmail(invitee.address) : null;
  const byEmail = address ? roster.find((person) => person.email === address) : undefined;
  if (byEmail) return { person: byEmail, matchedBy: 'email' };
  if (!invitee.name?.trim()) return null;
  const key = nameKey(invitee.name);
  const byName = roster.filter((person) => nameKey(person.view.name) === key);
  return byName.length === 1 && byName[0] ? { person: byName[0], matchedBy: 'name' } : null;
}

function matchOther(others: readonly PersonView[], invitee: CalendarInvitee): PersonView | null {
  if (!invitee.name?.trim()) return null;
  const key = nameKey(invitee.name);
  const found = others.filter((person) => nameKey(person.name) === key);
  return found.length === 1 ? (found[0] ?? null) : null;
}

function organisationOf(
  committee: ProposeApologiesInput['committee'],
  invitee: CalendarInvitee,
): { id: string; name: string } | null {
  if (!invitee.address) return null;
  const address = normalizeEmail(invitee.address);
  const organisation = committee.organisations.find((entry) =>
    entry.contacts.some((contact) => contact.email && normalizeEmail(contact.email) === address),
  );
  return organisation ? { id: organisation.id, name: organisation.name } : null;
}

function displayName(invitee: CalendarInvitee): string {
  const name = invitee.name?.trim() ? cleanDisplayName(invitee.name) : null;
  return name || invitee.address || 'Unnamed invitee';
}

function statusWord(status: AttendanceStatus): string {
  return status === 'present' ? 'Present' : status === 'absent' ? 'Absent' : 'Apologies';
}
