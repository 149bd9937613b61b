/**
 * The storage port. Adapters: SQLite (embedded, src/store/sqlite). Promise-based so that a
 * networked engine (Azure Tables) can implement it too. Every read is scoped by tenant.
 */
import type {
  Committee,
  CommitteeRole,
  MeetingSummary,
  NewOperation,
  StoredOperation,
} from '../domain';

export interface MeetingRecord {
  id: string;
  tenantId: string;
  committeeId: string;
  createdAt: string;
  createdBy: string;
  /** The seq of the last op appended; 0 when none. */
  lastSeq: number;
  summary: MeetingSummary;
  /** When an owner archived it (it leaves lists; its log is kept); null while it is current. */
  archivedAt: string | null;
}

/** A user's role on a committee. */
export interface GrantRecord {
  tenantId: string;
  committeeId: string;
  /** Identity.userId: the Entra object id, or "local:<name>" in local mode. */
  userId: string;
  role: CommitteeRole;
  /** Shown in the committee's role list; the identity's display name when granted. */
  displayName: string;
  grantedBy: string;
  grantedAt: string;
}

/** One entry of a committee's grant history: who changed whose role, when, from what to what. */
export interface GrantChangeRecord {
  tenantId: string;
  committeeId: string;
  /** 1, 2, 3… per committee, in the order the changes were made. */
  seq: number;
  userId: string;
  displayName: string;
  /** null: had no grant / has none any more. */
  from: CommitteeRole | null;
  to: CommitteeRole | null;
  by: string;
  at: string;
}

export interface GrantChange {
  userId: string;
  displayName: string;
  /** null removes the user's grant. */
  role: CommitteeRole | null;
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
  /** Which executor holds the run (a server instance's id) and until when; null when free. */
  leaseHolder: string | null;
  leaseUntil: string | null;
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
  /**
   * Creates the committee and its first owner's grant (with its history entry) in one
   * transaction. Refused with DomainError `already_exists` for a taken id and `duplicate_code`
   * when another committee of the tenant has the same code (compared without case).
   */
  createCommittee(committee: Committee, firstOwner: GrantRecord): Promise<void>;
  getCommittee(tenantId: string, id: string): Promise<Committee | null>;
  listCommittees(tenantId: string): Promise<Committee[]>;
  /**
   * Replaces the committee if its stored version is `expectedVersion`; false otherwise.
   * DomainError `duplicate_code` when the new code is another committee's.
   */
  replaceCommittee(committee: Committee, expectedVersion: number): Promise<boolean>;

  listGrants(tenantId: string, committeeId: string): Promise<GrantRecord[]>;
  getGrant(tenantId: string, committeeId: string, userId: string): Promise<GrantRecord | null>;
  /** Every committee of the tenant the user holds a role on. */
  listGrantsOfUser(tenantId: string, userId: string): Promise<GrantRecord[]>;
  /**
   * Applies the changes all or nothing and records one history entry per real change (a change
   * to the role already held writes nothing). DomainError `last_owner` if the committee would be
   * left without an owner; `not_found` for an unknown committee. Returns the entries written.
   */
  changeGrants(
    tenantId: string,
    committeeId: string,
    changes: readonly GrantChange[],
    by: string,
    at: string,
  ): Promise<GrantChangeRecord[]>;
  /** The committee's grant history, oldest first. */
  listGrantChanges(tenantId: string, committeeId: string): Promise<GrantChangeRecord[]>;

  /**
   * Creates the meeting and appends its first ops in one transaction. A meeting holds its
   * reference within its committee: DomainError `duplicate_reference` when another meeting of the
   * committee holds the same one (the same for an append whose new summary takes a held one).
   */
  createMeeting(
    meeting: Omit<MeetingRecord, 'lastSeq' | 'summary' | 'archivedAt'>,
    firstOps: readonly NewOperation[],
    guard: AppendGuard,
    serverTime: string,
  ): Promise<AppendOutcome>;
  /** The meeting, archived or not. */
  getMeeting(tenantId: string, id: string): Promise<MeetingRecord | null>;
  /** The tenant's meetings; archived ones only when `includeArchived`. */
  listMeetings(
    tenantId: string,
    filter?: { committeeId?: string; includeArchived?: boolean },
  ): Promise<MeetingRecord[]>;
  /**
   * Archives the meeting (idempotent: an archived meeting keeps its first `archivedAt`). With
   * `freeReference` its reference no longer blocks another meeting's (only for a meeting that
   * was never published). DomainError `not_found` for an unknown meeting.
   */
  archiveMeeting(
    tenantId: string,
    meetingId: string,
    at: string,
    options: { freeReference: boolean },
  ): Promise<MeetingRecord>;

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
   * Compare-and-set: gives the run to `holder` until `until` when no one holds it, its lease
   * ended at or before `now`, or `holder` already holds it (a renewal). False when another
   * holder's lease is still running. `not_found` for an unknown run.
   */
  leasePublishRun(
    tenantId: string,
    runId: string,
    holder: string,
    now: string,
    until: string,
  ): Promise<boolean>;
  /** Ends `holder`'s lease on the run; nothing when someone else holds it. */
  releasePublishRun(tenantId: string, runId: string, holder: string): Promise<void>;
  /**
   * Inserts or replaces the steps (by tenant, run and key), all or nothing, durable on disk before
   * the promise resolves. Every step's run must exist.
   */
  recordPublishSteps(steps: readonly PublishStepRecord[]): Promise<void>;
  /** Every step of every run of the meeting, by run (oldest first), then key. */
  listPublishSteps(tenantId: string, meetingId: string): Promise<PublishStepRecord[]>;

  close(): Promise<void>;
}
