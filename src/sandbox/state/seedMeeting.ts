/**
 * The seeded meeting, in the shapes Graph returns (onlinemeeting-get.md, chat-get.md,
 * user-list-calendarview.md, meetingattendancereport-get.md): the online meeting, its meeting
 * chat, the organizer's calendar event with RSVPs plus the attendees' copies, and one attendance
 * report for the session.
 */
import type { IdFactory } from '../core/ids';
import type { GraphObject, SandboxState, SandboxUser } from './SandboxState';
import { outlookDateTime } from './outlookDates';
import {
  NO_RESPONSE_TIME,
  teamsMeetingEvent,
  type TeamsMeetingInvitation,
} from './teamsMeetingEvent';

type Response = 'accepted' | 'declined' | 'tentativelyAccepted' | 'none' | 'notResponded';

/** RSVPs on the organizer's event, by index into the seeded users (0 is the organizer). */
const RSVP: readonly [number, Response][] = [
  [1, 'accepted'],
  [2, 'accepted'],
  [3, 'tentativelyAccepted'],
  [4, 'declined'],
  [5, 'declined'],
  [6, 'accepted'],
  [7, 'none'],
];

const GUESTS = [
  {
    name: 'Tomasz Nowak',
    address: 'tomasz.nowak@kestrel.example',
    response: 'declined' as Response,
  },
  { name: 'Zara Quinn', address: 'zara.quinn@gridwise.example', response: 'accepted' as Response },
];

export function seedMeeting(
  state: SandboxState,
  ids: IdFactory,
  users: SandboxUser[],
  options: { start: string; records: number },
) {
  const organizer = users[0]!;
  const start = new Date(options.start);
  const end = new Date(start.getTime() + 135 * 60_000);
  const threadId = `19:meeting_${Buffer.from(ids.guid()).toString('base64').replace(/=+$/, '')}@thread.v2`;
  const meetingId = Buffer.from(`1*${organizer.id}*0**${threadId}`).toString('base64');
  const context = encodeURIComponent(JSON.stringify({ Tid: state.tenantId, Oid: organizer.id }));
  const joinWebUrl = `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(threadId)}/0?context=${context}`;
  const subject = 'Operations Group Meeting OPSG_41_2501';
  const eventId = ids.exchangeId();
  const participant = (user: SandboxUser, role: string): GraphObject => ({
    identity: {
      user: { id: user.id, displayName: null, tenantId: state.tenantId, identityProvider: 'AAD' },
    },
    role,
    upn: user.userPrincipalName,
  });

  state.meetings.set(meetingId, {
    organizerId: organizer.id,
    participantIds: users.map((user) => user.id),
    resource: {
      id: meetingId,
      creationDateTime: new Date(start.getTime() - 14 * 86_400_000).toISOString(),
      startDateTime: start.toISOString(),
      endDateTime: end.toISOString(),
      joinWebUrl,
      subject,
      isBroadcast: false,
      meetingType: 'scheduled',
      allowedPresenters: 'everyone',
      allowMeetingChat: 'enabled',
      chatInfo: { threadId, messageId: '0', replyChainMessageId: null },
      joinMeetingIdSettings: {
        joinMeetingId: '3154789203',
        passcode: 'Qx7pLm',
        isPasscodeRequired: true,
      },
      lobbyBypassSettings: { scope: 'organization', isDialInBypassEnabled: false },
      participants: {
        organizer: participant(organizer, 'presenter'),
        attendees: users
          .slice(1)
          .map((user, index) => participant(user, index === 0 ? 'presenter' : 'attendee')),
      },
    },
    reports: [seedReport(state, ids, users, start, end, options.records)],
  });

  state.chats.set(threadId, {
    resource: {
      id: threadId,
      topic: subject,
      createdDateTime: new Date(start.getTime() - 14 * 86_400_000).toISOString(),
      lastUpdatedDateTime: new Date(start.getTime() - 86_400_000).toISOString(),
      chatType: 'meeting',
      webUrl: `https://teams.microsoft.com/l/chat/${encodeURIComponent(threadId)}/0?tenantId=${state.tenantId}`,
      tenantId: state.tenantId,
      isHiddenForAllMembers: false,
      onlineMeetingInfo: {
        calendarEventId: eventId,
        joinWebUrl,
        organizer: {
          id: organizer.id,
          displayName: null,
          userIdentityType: 'aadUser',
          tenantId: state.tenantId,
        },
      },
      viewpoint: {
        isHidden: false,
        lastMessageReadDateTime: new Date(start.getTime() - 86_400_000).toISOString(),
      },
    },
    messages: [],
  });

  seedEvents(state, ids, users, { eventId, subject, joinWebUrl, start, end });
  return {
    id: meetingId,
    subject,
    joinWebUrl,
    chatId: threadId,
    calendarEventId: eventId,
    reportId: state.meetings.get(meetingId)!.reports[0]!.resource.id as string,
    startDateTime: start.toISOString(),
    endDateTime: end.toISOString(),
  };
}

function seedReport(
  state: SandboxState,
  ids: IdFactory,
  users: SandboxUser[],
  start: Date,
  end: Date,
  count: number,
) {
  const records: GraphObject[] = [];
  for (let index = 0; index < count; index += 1) {
    const user = users[index];
    const joined = new Date(start.getTime() + (index % 4) * 60_000);
    const left = new Date(end.getTime() - (index % 3) * 120_000);
    const seconds = Math.round((left.getTime() - joined.getTime()) / 1000);
    records.push({
      id: user?.id ?? ids.guid(),
      emailAddress: user?.mail ?? (index % 2 === 0 ? `guest${index}@partner.example` : null),
      totalAttendanceInSeconds: seconds,
      role: index === 0 ? 'Organizer' : index === 1 ? 'Presenter' : 'Attendee',
      identity: {
        id: user?.id ?? ids.guid(),
        displayName: user?.displayName ?? `Guest ${index}`,
        tenantId: user ? state.tenantId : null,
      },
      attendanceIntervals: [
        {
          joinDateTime: joined.toISOString(),
          leaveDateTime: left.toISOString(),
          durationInSeconds: seconds,
        },
      ],
    });
  }
  return {
    resource: {
      id: ids.guid(),
      totalParticipantCount: count,
      meetingStartDateTime: start.toISOString(),
      meetingEndDateTime: end.toISOString(),
      externalEventInformation: [],
    },
    records,
  };
}

function seedEvents(
  state: SandboxState,
  ids: IdFactory,
  users: SandboxUser[],
  meeting: { eventId: string; subject: string; joinWebUrl: string; start: Date; end: Date },
): void {
  const organizer = users[0]!;
  const iCalUId = `040000008200E00074C5B7101A82E008${ids
    .opaque(24)
    .toUpperCase()
    .replace(/[^0-9A-F]/g, '0')}`;
  const respondedAt = new Date(meeting.start.getTime() - 3 * 86_400_000).toISOString();
  const attendees = [...RSVP.map(([index, response]) => ({ user: users[index]!, response }))].map(
    ({ user, response }) => ({
      type: 'required',
      status: { response, time: response === 'none' ? NO_RESPONSE_TIME : respondedAt },
      emailAddress: { name: user.displayName, address: user.mail },
    }),
  );
  attendees.push(
    ...GUESTS.map((guest) => ({
      type: 'optional',
      status: { response: guest.response, time: respondedAt },
      emailAddress: { name: guest.name, address: guest.address },
    })),
    {
      type: 'resource',
      status: { response: 'accepted', time: respondedAt },
      emailAddress: { name: 'OPSG Room 1', address: 'opsg.room1@csec.example' },
    },
  );
  const invitation: TeamsMeetingInvitation = {
    iCalUId,
    subject: meeting.subject,
    joinWebUrl: meeting.joinWebUrl,
    start: meeting.start,
    end: meeting.end,
    respondedAt,
    organizer: { name: organizer.displayName, address: organizer.mail },
    attendees,
  };
  const base = (id: string, response: Response | 'organizer', isOrganizer: boolean) =>
    teamsMeetingEvent(ids, invitation, id, response, isOrganizer);
  state.events.push({
    ownerId: organizer.id,
    resource: base(meeting.eventId, 'organizer', true),
    start: meeting.start,
    end: meeting.end,
  });
  for (const [index, response] of RSVP) {
    const user = users[index]!;
    state.events.push({
      ownerId: user.id,
      resource: base(ids.exchangeId(), response, false),
      start: meeting.start,
      end: meeting.end,
    });
  }
  // An ordinary event the same day, so a calendar view has more than the meeting.
  const lunchStart = new Date(meeting.start.getTime() - 2 * 3_600_000);
  const lunchEnd = new Date(lunchStart.getTime() + 3_600_000);
  state.events.push({
    ownerId: organizer.id,
    start: lunchStart,
    end: lunchEnd,
    resource: {
      ...base(ids.exchangeId(), 'organizer', true),
      subject: 'Agenda preparation',
      isOnlineMeeting: false,
      onlineMeetingProvider: 'unknown',
      onlineMeeting: null,
      start: outlookDateTime(lunchStart),
      end: outlookDateTime(lunchEnd),
      attendees: [],
      iCalUId: `040000008200E00074C5B7101A82E008${'0'.repeat(32)}`,
    },
  });
}
