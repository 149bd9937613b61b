/**
 * Finds the Graph onlineMeeting behind a Teams meeting. The tab's `meeting.id` is not a Graph id,
 * so we go by the join URL:
 *
 *   chat id (tab context) → GET /chats/{id} → onlineMeetingInfo.joinWebUrl
 *   → GET /me/onlineMeetings?$filter=JoinWebUrl eq '<url>'          (delegated)
 *   → GET /users/{organizerId}/onlineMeetings?$filter=...           (application)
 *
 * A recurring meeting has one onlineMeeting for the whole series; `pickOccurrence` chooses the
 * session (a calendar occurrence or an attendance report) that a given time falls in.
 *
 * Permissions:
 * - GET /chats/{id}: delegated Chat.ReadBasic (least; Chat.Read also works). Application
 *   Chat.ReadBasic.WhereInstalled or the RSC permission ChatSettings.Read.Chat [docs-contrib
 *   chat-get-permissions include].
 * - onlineMeetings filter: delegated OnlineMeetings.Read (least; organizer or attendee token).
 *   Application OnlineMeetings.Read.All, and an administrator must also grant an application
 *   access policy for the organizer; we use delegated.
 */
import { odataString, query, segment, type GraphClient } from './createGraphClient';
import {
  list,
  optRecord,
  optStr,
  parseBody,
  record,
  str,
  collectionPage,
  type Json,
} from './parse';
import { userPath, type GraphUser } from './userPath';

export interface MeetingParticipant {
  id: string | null;
  displayName: string | null;
  upn: string | null;
  role: string | null;
}

export interface OnlineMeeting {
  id: string;
  subject: string | null;
  startDateTime: string | null;
  endDateTime: string | null;
  joinWebUrl: string;
  /** The meeting chat, `19:meeting_...@thread.v2`. */
  chatThreadId: string | null;
  organizer: MeetingParticipant | null;
  /** Invitees as the online meeting knows them: not RSVPs, not attendance. */
  attendees: MeetingParticipant[];
}

export interface MeetingChat {
  chatId: string;
  topic: string | null;
  joinWebUrl: string;
  organizerId: string | null;
  /** Only for meetings created in the Teams client. */
  calendarEventId: string | null;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export async function findOnlineMeetingByJoinUrl(
  client: GraphClient,
  user: GraphUser,
  joinWebUrl: string,
  options: RequestOptions = {},
): Promise<OnlineMeeting | null> {
  const response = await client.send({
    method: 'GET',
    url: `${userPath(user)}/onlineMeetings${query({ $filter: `JoinWebUrl eq ${odataString(joinWebUrl)}` })}`,
    ...options,
  });
  const meetings = parseBody(response, (body) =>
    collectionPage(body).value.map(parseOnlineMeeting),
  );
  return meetings[0] ?? null;
}

/** The meeting behind a meeting chat, or null when the chat is not a meeting's. */
export async function getMeetingChat(
  client: GraphClient,
  chatId: string,
  options: RequestOptions = {},
): Promise<MeetingChat | null> {
  const response = await client.send({
    method: 'GET',
    url: `/chats/${segment(chatId)}`,
    ...options,
  });
  return parseBody(response, parseMeetingChat);
}

/**
 * Chat id → onlineMeeting. `as: 'organizer'` addresses the organizer's meetings (application
 * token); `'me'` the signed-in user's (delegated token).
 */
export async function resolveMeetingFromChat(
  client: GraphClient,
  chatId: string,
  as: 'me' | 'organizer',
  options: RequestOptions = {},
): Promise<{ chat: MeetingChat; meeting: OnlineMeeting | null } | null> {
  const chat = await getMeetingChat(client, chatId, options);
  if (!chat) return null;
  if (as === 'organizer' && !chat.organizerId) return { chat, meeting: null };
  const user: GraphUser = as === 'me' ? 'me' : { id: chat.organizerId as string };
  return {
    chat,
    meeting: await findOnlineMeetingByJoinUrl(client, user, chat.joinWebUrl, options),
  };
}

/**
 * The occurrence that `at` falls in; otherwise the one whose start is nearest to `at`. Null for
 * an empty list. Items without readable times are ignored.
 */
export function pickOccurrence<T>(
  items: readonly T[],
  at: Date,
  start: (item: T) => string | null,
  end: (item: T) => string | null,
): T | null {
  const time = at.getTime();
  let best: T | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const item of items) {
    const from = Date.parse(start(item) ?? '');
    if (Number.isNaN(from)) continue;
    const to = Date.parse(end(item) ?? '');
    if (time >= from && !Number.isNaN(to) && time <= to) return item;
    const distance = Math.abs(from - time);
    if (distance < bestDistance) {
      best = item;
      bestDistance = distance;
    }
  }
  return best;
}

export function parseOnlineMeeting(value: unknown): OnlineMeeting {
  const meeting = record(value, 'onlineMeeting');
  const chatInfo = optRecord(meeting.chatInfo, 'onlineMeeting.chatInfo');
  const participants = optRecord(meeting.participants, 'onlineMeeting.participants');
  const organizer = optRecord(participants?.organizer, 'participants.organizer');
  return {
    id: str(meeting, 'id', 'onlineMeeting'),
    subject: optStr(meeting, 'subject', 'onlineMeeting'),
    startDateTime: optStr(meeting, 'startDateTime', 'onlineMeeting'),
    endDateTime: optStr(meeting, 'endDateTime', 'onlineMeeting'),
    joinWebUrl: str(meeting, 'joinWebUrl', 'onlineMeeting'),
    chatThreadId: chatInfo ? optStr(chatInfo, 'threadId', 'chatInfo') : null,
    organizer: organizer ? parseParticipant(organizer) : null,
    attendees: participants
      ? list(participants, 'attendees', 'participants').map((item) =>
          parseParticipant(record(item, 'participants.attendees[]')),
        )
      : [],
  };
}

function parseParticipant(info: Json): MeetingParticipant {
  const identity = optRecord(info.identity, 'meetingParticipantInfo.identity');
  const user = optRecord(identity?.user, 'identity.user');
  return {
    id: user ? optStr(user, 'id', 'identity.user') : null,
    displayName: user ? optStr(user, 'displayName', 'identity.user') : null,
    upn: optStr(info, 'upn', 'meetingParticipantInfo'),
    role: optStr(info, 'role', 'meetingParticipantInfo'),
  };
}

export function parseMeetingChat(value: unknown): MeetingChat | null {
  const chat = record(value, 'chat');
  const info = optRecord(chat.onlineMeetingInfo, 'chat.onlineMeetingInfo');
  const joinWebUrl = info ? optStr(info, 'joinWebUrl', 'onlineMeetingInfo') : null;
  if (!info || !joinWebUrl) return null;
  const organizer = optRecord(info.organizer, 'onlineMeetingInfo.organizer');
  return {
    chatId: str(chat, 'id', 'chat'),
    topic: optStr(chat, 'topic', 'chat'),
    joinWebUrl,
    organizerId: organizer ? optStr(organizer, 'id', 'onlineMeetingInfo.organizer') : null,
    calendarEventId: optStr(info, 'calendarEventId', 'onlineMeetingInfo'),
  };
}
