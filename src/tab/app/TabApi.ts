/**
 * The directory calls the pages make besides the meeting session: committees, the list of
 * meetings, a meeting's view (for "My actions"), creating a meeting; and the calls that reach
 * Microsoft 365 through the server: attendance and apology proposals, and publishing with its
 * live progress. Failures are the sync layer's ApiError, whose `code` the error view turns into
 * advice. Every answer is parsed with its schema (apiSchemas.ts), never cast.
 */
import type {
  ApologyProposalsResponse,
  AttendanceProposalsResponse,
  PublishProgressEvent,
  PublishRunState,
  PublishStarted,
  PublishStatus,
} from '../../contract/graphApi';
import type { Committee, MeetingView } from '../../domain';
import type { ApiClient } from '../sync/ApiClient';
import {
  apologyProposalsSchema,
  attendanceProposalsSchema,
  committeeListSchema,
  createdMeetingSchema,
  meetingListSchema,
  meetingViewSchema,
  minutesLinksSchema,
  publishStartedSchema,
  publishStatusSchema,
  type MeetingListEntry,
  type MinutesLinks,
} from './apiSchemas';
import { followPublishRun } from './followPublishRun';

export type { MeetingListEntry, MinutesLinks } from './apiSchemas';

export interface NewMeetingRequest {
  /** Client-made, so a retried create is recognised. */
  id: string;
  committeeId: string;
  number: string;
  date: string;
}

export interface TabApi {
  listCommittees(): Promise<Committee[]>;
  listMeetings(committeeId?: string): Promise<MeetingListEntry[]>;
  meetingView(meetingId: string): Promise<MeetingView>;
  createMeeting(request: NewMeetingRequest): Promise<MeetingListEntry>;
  minutesLinks(meetingId: string): Promise<MinutesLinks>;
  /** The Teams attendance report reconciled with the captured attendance. */
  attendanceProposals(meetingId: string): Promise<AttendanceProposalsResponse>;
  /** Apologies proposed from the invitation's declines. */
  apologyProposals(meetingId: string): Promise<ApologyProposalsResponse>;
  /** Whether the user may publish, and the meeting's last publish run. */
  publishStatus(meetingId: string): Promise<PublishStatus>;
  /** Starts a publish run, or resumes the failed one (Retry). */
  startPublish(meetingId: string): Promise<PublishStarted>;
  /**
   * Follows a run's progress until it ends (reconnecting if the stream breaks); resolves with
   * its final state.
   */
  followPublish(
    meetingId: string,
    runId: string,
    onProgress: (event: PublishProgressEvent) => void,
    signal?: AbortSignal,
  ): Promise<PublishRunState>;
}

/** The directory calls over the sync layer's HTTP client (auth headers, errors as ApiError). */
export function createTabApi(client: Pick<ApiClient, 'get' | 'post' | 'openStream'>): TabApi {
  const id = encodeURIComponent;
  return {
    listCommittees: async () =>
      (await client.get('/api/committees', committeeListSchema)).committees,
    listMeetings: async (committeeId) =>
      (
        await client.get(
          committeeId ? `/api/meetings?committeeId=${id(committeeId)}` : '/api/meetings',
          meetingListSchema,
        )
      ).meetings,
    meetingView: (meetingId) => client.get(`/api/meetings/${id(meetingId)}`, meetingViewSchema),
    createMeeting: async (meeting) =>
      (await client.post('/api/meetings', meeting, createdMeetingSchema)).meeting,
    minutesLinks: (meetingId) =>
      client.post(`/api/meetings/${id(meetingId)}/minutes-links`, {}, minutesLinksSchema),
    attendanceProposals: (meetingId) =>
      client.get(`/api/meetings/${id(meetingId)}/attendance-proposals`, attendanceProposalsSchema),
    apologyProposals: (meetingId) =>
      client.get(`/api/meetings/${id(meetingId)}/apology-proposals`, apologyProposalsSchema),
    publishStatus: (meetingId) =>
      client.get(`/api/meetings/${id(meetingId)}/publish`, publishStatusSchema),
    startPublish: (meetingId) =>
      client.post(`/api/meetings/${id(meetingId)}/publish`, {}, publishStartedSchema),
    followPublish: (meetingId, runId, onProgress, signal) =>
      followPublishRun(client, `/api/meetings/${id(meetingId)}/publish/${id(runId)}`, {
        onProgress,
        ...(signal ? { signal } : {}),
      }),
  };
}
