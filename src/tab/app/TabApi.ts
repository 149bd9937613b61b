/**
 * The directory calls the pages make besides the meeting session: committees, the list of
 * meetings, a meeting's view (for "My actions"), creating a meeting. Failures are the sync
 * layer's ApiError, whose `code` the error view turns into advice.
 */
import type { Committee, MeetingView } from '../../domain';
import type { ApiClient } from '../sync/ApiClient';

export interface MeetingListEntry {
  id: string;
  committeeId: string;
  number: string;
  reference: string;
  title: string;
  date: string | null;
  series: 'main' | 'reporting';
  status: 'draft' | 'circulated' | 'final';
  lastSeq: number;
  createdAt: string;
}

export interface NewMeetingRequest {
  /** Client-made, so a retried create is recognised. */
  id: string;
  committeeId: string;
  number: string;
  date: string;
}

/** Signed, short-lived links to the minutes: an <iframe> or a download cannot send the SSO token. */
export interface MinutesLinks {
  expiresAt: string;
  links: Record<'docx' | 'html' | 'txt', string>;
}

export interface TabApi {
  listCommittees(): Promise<Committee[]>;
  listMeetings(committeeId?: string): Promise<MeetingListEntry[]>;
  meetingView(meetingId: string): Promise<MeetingView>;
  createMeeting(request: NewMeetingRequest): Promise<MeetingListEntry>;
  minutesLinks(meetingId: string): Promise<MinutesLinks>;
}

/** The directory calls over the sync layer's HTTP client (auth headers, errors as ApiError). */
export function createTabApi(client: Pick<ApiClient, 'get' | 'post'>): TabApi {
  const id = encodeURIComponent;
  return {
    listCommittees: async () =>
      (await client.get<{ committees: Committee[] }>('/api/committees')).committees,
    listMeetings: async (committeeId) =>
      (
        await client.get<{ meetings: MeetingListEntry[] }>(
          committeeId ? `/api/meetings?committeeId=${id(committeeId)}` : '/api/meetings',
        )
      ).meetings,
    meetingView: (meetingId) => client.get<MeetingView>(`/api/meetings/${id(meetingId)}`),
    createMeeting: async (meeting) =>
      (await client.post<{ meeting: MeetingListEntry }>('/api/meetings', meeting)).meeting,
    minutesLinks: (meetingId) =>
      client.post<MinutesLinks>(`/api/meetings/${id(meetingId)}/minutes-links`, {}),
  };
}
