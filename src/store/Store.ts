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

  close(): Promise<void>;
}
