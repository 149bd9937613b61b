/**
 * The session's reads of the server besides the stream, each answer parsed: which committee a
 * meeting is in, the committee, the signed-in user, and one page of the log.
 */
import type { Committee } from '../../domain/committee';
import { ApiError, type ApiClient } from './ApiClient';
import {
  committeeSchema,
  meetingDirectorySchema,
  meSchema,
  opsPageSchema,
  parseLogEntry,
  type LogEntry,
} from './wire';

const OPS_PAGE = 1000;

type Reader = Pick<ApiClient, 'get'>;

export async function findCommitteeId(
  api: Reader,
  meetingId: string,
  signal: AbortSignal,
): Promise<string> {
  const { meetings } = await api.get('/api/meetings', meetingDirectorySchema, { signal });
  const entry = meetings.find((meeting) => meeting.id === meetingId);
  if (!entry) {
    throw new ApiError({
      status: 404,
      code: 'not_found',
      message: `There is no meeting "${meetingId}".`,
    });
  }
  return entry.committeeId;
}

export function readCommittee(
  api: Reader,
  committeeId: string,
  signal: AbortSignal,
): Promise<Committee> {
  return api.get(`/api/committees/${encodeURIComponent(committeeId)}`, committeeSchema, {
    signal,
  });
}

/** The user as the server names them, or null if it cannot say (the author is then blank). */
export function readUserId(api: Reader, signal: AbortSignal): Promise<string | null> {
  return api
    .get('/api/me', meSchema, { signal })
    .then((me) => me.userId)
    .catch(() => null);
}

export interface LogPage {
  /** The page's ops in order, up to the first that could not be read (it is left for later). */
  entries: LogEntry[];
  /** Where the next page starts; null when this one reached the end of the log. */
  nextAfter: number | null;
}

export async function readLogPage(
  api: Reader,
  meetingId: string,
  after: number,
  signal: AbortSignal,
): Promise<LogPage> {
  const page = await api.get(
    `/api/meetings/${encodeURIComponent(meetingId)}/ops?after=${after}&limit=${OPS_PAGE}`,
    opsPageSchema,
    { signal },
  );
  const entries: LogEntry[] = [];
  for (const raw of page.ops) {
    const parsed = parseLogEntry(raw);
    if (!parsed.ok) {
      console.warn(`Minutebook: an op from the server could not be read (${parsed.reason})`);
      break;
    }
    entries.push(parsed.value);
  }
  return { entries, nextAfter: page.nextAfter };
}
