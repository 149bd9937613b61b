/**
 * The storage port. Adapters: SQLite (embedded, src/store/sqlite). Promise-based so that a
 * networked engine (Azure Tables) can implement it too. Every read is scoped by tenant.
 */
import type { Committee, MeetingSummary, NewOperation, StoredOperation } from '../domain';

export interface MeetingRecord {
  id: string;
  tenantId: string;
  committeeId: string;
  createdAt: string;
  createdBy: string;
  /** The seq of the last op appended; 0 when none. */
  lastSeq: number;
  summary: MeetingSummary;
}

export interface AppendResult {
  id: string;
  seq: number;
  /** True when the op id was already in the log: the original seq is returned, nothing written. */
  duplicate: boolean;
}

export interface AppendOutcome {
  results: AppendResult[];
  /** The ops written by this call, in seq order (duplicates excluded). */
  appended: StoredOperation[];
}

/**
 * Runs inside the append's transaction with the meeting as it stands and the ops that are new.
 * It returns the meeting's next summary, or throws (a DomainError) to refuse the whole batch.
 */
export type AppendGuard = (
  meeting: MeetingRecord,
  fresh: readonly NewOperation[],
) => MeetingSummary;

/** Where one step of a publish run stands in the ledger. */
export type PublishStepStatus =
  /** Recorded just before its request went out: the outcome is not known yet. */
  | 'pending'
  /** Carried out; `result` holds what later steps and later publishes need (ids, etag, webUrl). */
  | 'done'
  /** Refused for certain (Graph said no, or it was never sent); safe to try again. */
  | 'failed'
  /** Sent, but no answer came (timeout after sending, reset): to be looked up before a retry. */
  | 'unknown';

export type PublishRunStatus = 'running' | 'done' | 'failed';

/** One publish of a meeting: the first is 1, a republish after edits 2, and so on. */
export interface PublishRunRecord {
  runId: string;
  tenantId: string;
  meetingId: string;
  publishNo: number;
  /** The meeting's last seq when the run started. */
  meetingSeq: number;
  status: PublishRunStatus;
  startedAt: string;
  updatedAt: string;
  /** The last report of the run (JSON), for the tab and the Retry button. */
  report: unknown;
}

/** One step of a run, keyed by (tenantId, runId, key); written again on every change. */
export interface PublishStepRecord {
  runId: string;
  tenantId: string;
  meetingId: string;
  key: string;
  kind: string;
  status: PublishStepStatus;
  result: Record<string, unknown> | null;
  error: { code: string; message: string } | null;
  /** Requests sent for the step so far, in this run. */
  attempts: number;
  updatedAt: string;
}

export interface Store {
  createCommittee(committee: Committee): Promise<void>;
  getCommittee(tenantId: string, id: string): Promise<Committee | null>;
  listCommittees(tenantId: string): Promise<Committee[]>;
  /** Replaces the committee if its stored version is `expectedVersion`; false otherwise. */
  replaceCommittee(committee: Committee, expectedVersion: number): Promise<boolean>;

  /** Creates the meeting and appends its first ops in one transaction. */
  createMeeting(
    meeting: Omit<MeetingRecord, 'lastSeq' | 'summary'>,
    firstOps: readonly NewOperation[],
    guard: AppendGuard,
    serverTime: string,
  ): Promise<AppendOutcome>;
  getMeeting(tenantId: string, id: string): Promise<MeetingRecord | null>;
  listMeetings(tenantId: string, filter?: { committeeId?: string }): Promise<MeetingRecord[]>;

  /**
   * Appends ops to the meeting, all or nothing, idempotent on op id. The transaction is
   * durable on disk before the promise resolves.
   */
  appendOperations(
    tenantId: string,
    meetingId: string,
    ops: readonly NewOperation[],
    guard: AppendGuard,
    serverTime: string,
  ): Promise<AppendOutcome>;
  readOperations(
    tenantId: string,
    meetingId: string,
    afterSeq: number,
    limit: number,
  ): Promise<StoredOperation[]>;

  /**
   * Starts a publish run. Refused with DomainError `already_exists` when the meeting already has a
   * run with this `publishNo` (two publishes racing: the second must resume the first instead).
   */
  createPublishRun(run: PublishRunRecord): Promise<void>;
  updatePublishRun(
    tenantId: string,
    runId: string,
    change: Pick<PublishRunRecord, 'status' | 'updatedAt' | 'report'>,
  ): Promise<void>;
  /** The meeting's runs, oldest (publishNo 1) first. */
  listPublishRuns(tenantId: string, meetingId: string): Promise<PublishRunRecord[]>;
  /**
   * Inserts or replaces the steps (by tenant, run and key), all or nothing, durable on disk before
   * the promise resolves. Every step's run must exist.
   */
  recordPublishSteps(steps: readonly PublishStepRecord[]): Promise<void>;
  /** Every step of every run of the meeting, by run (oldest first), then key. */
  listPublishSteps(tenantId: string, meetingId: string): Promise<PublishStepRecord[]>;

  close(): Promise<void>;
}
