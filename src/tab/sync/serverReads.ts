/**
 * The session's reads of the server besides the stream, each answer parsed: which committee a
 * meeting is in, the committee, the signed-in user, and the log, page by page, to its end.
 */
import type { Committee } from '../../domain/committee';
import { ApiError, type ApiClient } from './ApiClient';
import type { ConfirmedLog } from './confirmedLog';
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

export interface CatchUpOptions {
  api: Reader;
  meetingId: string;
  log: Pick<ConfirmedLog, 'seq' | 'lastOpId'>;
  signal: AbortSignal;
  /** First re-read the last confirmed op, to check that the log held (a cached one) is the server's. */
  verify: boolean;
  isClosed: () => boolean;
  /** Folds entries into the log (which moves `log.seq` on). */
  apply: (entries: LogEntry[]) => void;
  /** The server's op at the last confirmed seq is another one: the log held must be dropped. */
  onOtherLog: () => void;
}

/**
 * Reads `GET /ops` from the last confirmed seq to the end of the log. With `verify`, if the
 * server's op at that seq is not the one held (the cache is of another log, e.g. a store that was
 * reset), `onOtherLog` drops what is held and the log is read from the start.
 */
export async function catchUpLog(options: CatchUpOptions): Promise<void> {
  const { log } = options;
  let verifyId = options.verify && log.seq > 0 ? log.lastOpId : null;
  let after = verifyId !== null ? log.seq - 1 : log.seq;
  for (;;) {
    const page = await readLogPage(options.api, options.meetingId, after, options.signal);
    if (options.isClosed()) return;
    if (verifyId !== null) {
      const first = page.entries[0];
      const same = first?.seq === log.seq && first.id === verifyId;
      verifyId = null;
      if (!same) {
        options.onOtherLog();
        after = 0;
        continue;
      }
    }
    const before = log.seq;
    options.apply(page.entries);
    // A page that moved nothing on (a gap; should not happen) ends it: the stream resumes.
    if (page.nextAfter === null || log.seq === before) return;
    after = log.seq;
  }
}
