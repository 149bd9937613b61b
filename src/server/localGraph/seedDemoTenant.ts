/**
 * Writes the demo committee's Microsoft 365 (src/demo/demoTenant.ts) into an empty Graph sandbox:
 * the users, the Teams meeting with its chat, attendance report and calendar events, the site with
 * its document library and action register, the Planner plan and everyone's To Do lists. The
 * resources have the shapes the sandbox's own seed gives them (src/sandbox/state/seedMeeting.ts,
 * seedWork.ts), which the sandbox checks against Graph's types on every answer.
 */
import { createSeededIds, type IdFactory } from '../../sandbox/core/ids';
import { outlookDateTime } from '../../sandbox/state/outlookDates';
import type {
  GraphObject,
  ListItemRec,
  SandboxState,
  SandboxUser,
} from '../../sandbox/state/SandboxState';
import { ACTION_COLUMNS, LIBRARY_COLUMNS } from '../../sandbox/state/seedWork';
import {
  NO_RESPONSE_TIME,
  teamsMeetingEvent,
  type TeamsMeetingInvitation,
} from '../../sandbox/state/teamsMeetingEvent';
import {
  DEMO_ATTENDANCE,
  DEMO_INVITEES,
  DEMO_ORGANIZER,
  DEMO_TEAMS_MEETING,
  DEMO_TENANT_ID,
  DEMO_USERS,
  DEMO_WORKPLACE,
  type DemoAttendee,
} from '../../demo/demoTenant';

const MEETING_DAY = DEMO_TEAMS_MEETING.start.slice(0, 10);

export function seedDemoTenant(state: SandboxState): void {
  const ids = createSeededIds('minutebook-demo-tenant');
  state.tenantId = DEMO_TENANT_ID;
  const users: SandboxUser[] = Object.values(DEMO_USERS).map((user) => ({
    ...user,
    userPrincipalName: user.mail,
  }));
  for (const user of users) state.users.set(user.id, user);
  seedTeamsMeeting(state, ids, users);
  seedWorkplace(state, ids, users);
}

function at(time: string): Date {
  return new Date(`${MEETING_DAY}T${time}:00Z`);
}

function seedTeamsMeeting(state: SandboxState, ids: IdFactory, users: SandboxUser[]): void {
  const meeting = DEMO_TEAMS_MEETING;
  const start = new Date(meeting.start);
  const end = new Date(meeting.end);
  const created = new Date(start.getTime() - 14 * 86_400_000).toISOString();
  const participant = (user: SandboxUser, role: string): GraphObject => ({
    identity: {
      user: { id: user.id, displayName: null, tenantId: DEMO_TENANT_ID, identityProvider: 'AAD' },
    },
    role,
    upn: user.userPrincipalName,
  });
  const organizer = users.find((user) => user.id === DEMO_ORGANIZER.id)!;
  state.meetings.set(meeting.onlineMeetingId, {
    organizerId: organizer.id,
    participantIds: users.map((user) => user.id),
    resource: {
      id: meeting.onlineMeetingId,
      creationDateTime: created,
      startDateTime: start.toISOString(),
      endDateTime: end.toISOString(),
      joinWebUrl: meeting.joinWebUrl,
      subject: meeting.subject,
      isBroadcast: false,
      meetingType: 'scheduled',
      allowedPresenters: 'everyone',
      allowMeetingChat: 'enabled',
      chatInfo: { threadId: meeting.chatId, messageId: '0', replyChainMessageId: null },
      joinMeetingIdSettings: {
        joinMeetingId: '4125018830',
        passcode: 'Op5gK4',
        isPasscodeRequired: true,
      },
      lobbyBypassSettings: { scope: 'organization', isDialInBypassEnabled: false },
      participants: {
        organizer: participant(organizer, 'presenter'),
        attendees: users
          .filter((user) => user !== organizer)
          .map((user) =>
            participant(user, user.id === DEMO_USERS.cole.id ? 'presenter' : 'attendee'),
          ),
      },
    },
    reports: [
      {
        resource: {
          id: meeting.reportId,
          totalParticipantCount: DEMO_ATTENDANCE.length,
          meetingStartDateTime: start.toISOString(),
          meetingEndDateTime: end.toISOString(),
          externalEventInformation: [],
        },
        records: DEMO_ATTENDANCE.map((attendee) => attendanceRecord(attendee, ids)),
      },
    ],
  });

  state.chats.set(meeting.chatId, {
    resource: {
      id: meeting.chatId,
      topic: meeting.subject,
      createdDateTime: created,
      lastUpdatedDateTime: new Date(start.getTime() - 86_400_000).toISOString(),
      chatType: 'meeting',
      webUrl: `https://teams.microsoft.com/l/chat/${encodeURIComponent(meeting.chatId)}/0?tenantId=${DEMO_TENANT_ID}`,
      tenantId: DEMO_TENANT_ID,
      isHiddenForAllMembers: false,
      onlineMeetingInfo: {
        calendarEventId: null,
        joinWebUrl: meeting.joinWebUrl,
        organizer: {
          id: organizer.id,
          displayName: null,
          userIdentityType: 'aadUser',
          tenantId: DEMO_TENANT_ID,
        },
      },
      viewpoint: {
        isHidden: false,
        lastMessageReadDateTime: new Date(start.getTime() - 86_400_000).toISOString(),
      },
    },
    messages: [],
  });
  seedEvents(state, ids, users, start, end);
}

function attendanceRecord(attendee: DemoAttendee, ids: IdFactory): GraphObject {
  const intervals = attendee.intervals.map(([join, leave]) => {
    const seconds = Math.round((at(leave).getTime() - at(join).getTime()) / 1000);
    return {
      joinDateTime: at(join).toISOString(),
      leaveDateTime: at(leave).toISOString(),
      durationInSeconds: seconds,
    };
  });
  const id = attendee.userId ?? ids.guid();
  return {
    id,
    emailAddress: attendee.email,
    totalAttendanceInSeconds: intervals.reduce((sum, entry) => sum + entry.durationInSeconds, 0),
    role: attendee.role ?? 'Attendee',
    identity: {
      id,
      displayName: attendee.displayName,
      tenantId: attendee.userId ? DEMO_TENANT_ID : (attendee.guestTenantId ?? null),
    },
    attendanceIntervals: intervals,
  };
}

/** The organiser's event with everyone's answers, and the copies in invitees' calendars. */
function seedEvents(
  state: SandboxState,
  ids: IdFactory,
  users: SandboxUser[],
  start: Date,
  end: Date,
): void {
  const organizer = DEMO_ORGANIZER;
  const respondedAt = new Date(start.getTime() - 3 * 86_400_000).toISOString();
  const iCalUId = `040000008200E00074C5B7101A82E008${'4F50534734310000'.repeat(2)}`;
  const attendees = DEMO_INVITEES.map((invitee) => ({
    type: invitee.type,
    status: {
      response: invitee.response,
      time: invitee.response === 'none' ? NO_RESPONSE_TIME : respondedAt,
    },
    emailAddress: { name: invitee.name, address: invitee.address },
  }));
  const invitation: TeamsMeetingInvitation = {
    iCalUId,
    subject: DEMO_TEAMS_MEETING.subject,
    joinWebUrl: DEMO_TEAMS_MEETING.joinWebUrl,
    start,
    end,
    respondedAt,
    organizer: { name: organizer.displayName, address: organizer.mail },
    attendees,
  };
  const event = (id: string, response: string, isOrganizer: boolean) =>
    teamsMeetingEvent(ids, invitation, id, response, isOrganizer);
  state.events.push({
    ownerId: organizer.id,
    resource: event(ids.exchangeId(), 'organizer', true),
    start,
    end,
  });
  for (const user of users) {
    const invitation = DEMO_INVITEES.find((invitee) => invitee.address === user.mail);
    if (!invitation) continue;
    state.events.push({
      ownerId: user.id,
      resource: event(ids.exchangeId(), invitation.response, false),
      start,
      end,
    });
  }
  // The secretary's own preparation the same morning, so the calendar holds more than the meeting.
  const prepStart = new Date(start.getTime() - 2 * 3_600_000);
  const prepEnd = new Date(prepStart.getTime() + 3_600_000);
  state.events.push({
    ownerId: organizer.id,
    start: prepStart,
    end: prepEnd,
    resource: {
      ...event(ids.exchangeId(), 'organizer', true),
      subject: 'OPSG 41: agenda preparation',
      isOnlineMeeting: false,
      onlineMeetingProvider: 'unknown',
      onlineMeeting: null,
      start: outlookDateTime(prepStart),
      end: outlookDateTime(prepEnd),
      attendees: [],
      iCalUId: `040000008200E00074C5B7101A82E008${'0'.repeat(32)}`,
    },
  });
}

function seedWorkplace(state: SandboxState, ids: IdFactory, users: SandboxUser[]): void {
  const place = DEMO_WORKPLACE;
  state.sites.set(place.siteId, {
    id: place.siteId,
    displayName: 'Operations Group',
    webUrl: place.siteUrl,
  });
  state.drives.set(place.driveId, {
    id: place.driveId,
    siteId: place.siteId,
    name: 'Documents',
    listId: place.libraryListId,
    webUrl: `${place.siteUrl}/Shared%20Documents`,
    columns: LIBRARY_COLUMNS,
    items: new Map(),
    nextListItemId: 1,
  });
  const register = {
    id: place.actionListId,
    siteId: place.siteId,
    displayName: 'Action Register',
    webUrl: `${place.siteUrl}/Lists/Action%20Register`,
    // Indexed, as docs/permissions.md asks administrators to do: lookups filter on it.
    columns: ACTION_COLUMNS.map((column) =>
      column.name === 'ActionId' ? { ...column, indexed: true } : column,
    ),
    items: new Map<string, ListItemRec>(),
    nextItemId: 1,
  };
  // Rows of earlier meetings (the actions meeting 41 reviews), so the register is not empty.
  const earlier: [string, string, string, string, string][] = [
    [
      'OPSG 37x/01',
      'The CDS to report back on its review of the rise in registration data incidents.',
      'CDS',
      'Open',
      'OPSG_37x_2610',
    ],
    [
      'OPSG 38x/03',
      'The CDS to check whether the half-hourly read retrieval problems appear in the quarterly problem report.',
      'CDS',
      'Open',
      'OPSG_38x_2311',
    ],
    [
      'OPSG 39/07',
      'CSP N to set out how it will stop and restart services during its hardware refresh.',
      'CSP N/CDS',
      'Open',
      'OPSG_39_0112',
    ],
  ];
  for (const [actionId, text, owner, status, reference] of earlier) {
    const id = String(register.nextItemId++);
    const raisedAt = '2020-12-01T10:00:00Z';
    register.items.set(id, {
      id,
      uniqueId: ids.guid(),
      createdDateTime: raisedAt,
      lastModifiedDateTime: raisedAt,
      createdById: DEMO_ORGANIZER.id,
      lastModifiedById: DEMO_ORGANIZER.id,
      version: 1,
      fields: {
        Title: actionId,
        ActionId: actionId,
        ActionText: text,
        Owner: owner,
        DateRaised: raisedAt,
        TargetDate: '2021-01-25T00:00:00Z',
        Status: status,
        MeetingReference: reference,
      },
    });
  }
  state.lists.set(register.id, register);

  const bucket = (id: string, name: string, orderHint: string): GraphObject => ({
    '@odata.etag': `W/"JzEtQnVja2V0QEBAQEBAQEBAQEBAQEBAQEBAQEBARCc="`,
    id,
    name,
    planId: place.planId,
    orderHint,
  });
  state.plans.set(place.planId, {
    resource: {
      '@odata.etag': `W/"JzEtUGxhbiAgQEBAQEBAQEBAQEBAQEBAQEBAQEBARCc="`,
      id: place.planId,
      title: 'OPSG actions',
      owner: place.groupId,
      createdDateTime: '2020-09-01T09:00:00Z',
      createdBy: { user: { id: DEMO_ORGANIZER.id, displayName: null } },
      container: {
        containerId: place.groupId,
        type: 'group',
        url: `https://graph.microsoft.com/v1.0/groups/${place.groupId}`,
      },
    },
    buckets: [
      bucket(place.openBucketId, 'Open actions', '8585269235419217847'),
      bucket(place.closedBucketId, 'Closed actions', '8585269235419217846P^'),
    ],
  });

  for (const user of users) {
    for (const [displayName, wellknownListName] of [
      ['Tasks', 'defaultList'],
      ['Flagged Emails', 'flaggedEmails'],
    ] as const) {
      const id = ids.exchangeId();
      state.todoLists.set(id, {
        ownerId: user.id,
        etag: `W/"${ids.opaque(18)}"`,
        resource: { id, displayName, isOwner: true, isShared: false, wellknownListName },
        tasks: new Map(),
      });
    }
  }
}
