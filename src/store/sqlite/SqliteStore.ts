/**
 * The embedded store: one SQLite file under DATA_DIR, via better-sqlite3.
 * WAL with synchronous=FULL: a transaction is on disk (fsync) before commit returns, and the
 * server answers only after commit, so an acknowledged op survives a crash or power cut.
 * The tables are kept by three parts, one per concern; this class opens the database, migrates
 * it, and answers the port through them.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Committee, NewOperation, StoredOperation } from '../../domain';
import type {
  AppendGuard,
  AppendOutcome,
  GrantChange,
  GrantChangeRecord,
  GrantRecord,
  MeetingRecord,
  PublishRunRecord,
  PublishStepRecord,
  Store,
} from '../Store';
import { CommitteeTables } from './committeeTables';
import { MeetingLog } from './meetingLog';
import { MIGRATIONS } from './migrations';
import { PublishLedgerTables } from './publishLedger';

export const DATABASE_FILE = 'minutebook.sqlite';

/** What the store's own connection runs with, read back from SQLite (not from our settings). */
export interface Durability {
  journalMode: string;
  synchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';
}

const SYNCHRONOUS_NAMES = ['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const;

export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly committees: CommitteeTables;
  private readonly meetings: MeetingLog;
  private readonly ledger: PublishLedgerTables;

  /** `location` is a directory (the file is created inside it) or ':memory:'. */
  constructor(location: string) {
    const file = location === ':memory:' ? location : path.join(location, DATABASE_FILE);
    if (location !== ':memory:') fs.mkdirSync(location, { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    this.committees = new CommitteeTables(this.db);
    this.meetings = new MeetingLog(this.db);
    this.ledger = new PublishLedgerTables(this.db);
  }

  /** The journal mode and synchronous level in force on this store's connection. */
  durability(): Durability {
    const journalMode = String(this.db.pragma('journal_mode', { simple: true }));
    const level = Number(this.db.pragma('synchronous', { simple: true }));
    const synchronous = SYNCHRONOUS_NAMES[level];
    if (synchronous === undefined) throw new Error(`SQLite reports synchronous=${level}`);
    return { journalMode, synchronous };
  }

  async createCommittee(committee: Committee, firstOwner: GrantRecord): Promise<void> {
    this.committees.createCommittee(committee, firstOwner);
  }

  async getCommittee(tenantId: string, id: string): Promise<Committee | null> {
    return this.committees.getCommittee(tenantId, id);
  }

  async listCommittees(tenantId: string): Promise<Committee[]> {
    return this.committees.listCommittees(tenantId);
  }

  async replaceCommittee(committee: Committee, expectedVersion: number): Promise<boolean> {
    return this.committees.replaceCommittee(committee, expectedVersion);
  }

  async listGrants(tenantId: string, committeeId: string): Promise<GrantRecord[]> {
    return this.committees.listGrants(tenantId, committeeId);
  }

  async getGrant(
    tenantId: string,
    committeeId: string,
    userId: string,
  ): Promise<GrantRecord | null> {
    return this.committees.getGrant(tenantId, committeeId, userId);
  }

  async listGrantsOfUser(tenantId: string, userId: string): Promise<GrantRecord[]> {
    return this.committees.listGrantsOfUser(tenantId, userId);
  }

  async changeGrants(
    tenantId: string,
    committeeId: string,
    changes: readonly GrantChange[],
    by: string,
    at: string,
  ): Promise<GrantChangeRecord[]> {
    return this.committees.changeGrants(tenantId, committeeId, changes, by, at);
  }

  async listGrantChanges(tenantId: string, committeeId: string): Promise<GrantChangeRecord[]> {
    return this.committees.listGrantChanges(tenantId, committeeId);
  }

  async createMeeting(
    meeting: Omit<MeetingRecord, 'lastSeq' | 'summary' | 'archivedAt'>,
    firstOps: readonly NewOperation[],
    guard: AppendGuard,
    serverTime: string,
  ): Promise<AppendOutcome> {
    return this.meetings.createMeeting(meeting, firstOps, guard, serverTime);
  }

  async getMeeting(tenantId: string, id: string): Promise<MeetingRecord | null> {
    return this.meetings.getMeeting(tenantId, id);
  }

  async listMeetings(
    tenantId: string,
    filter?: { committeeId?: string; includeArchived?: boolean },
  ): Promise<MeetingRecord[]> {
    return this.meetings.listMeetings(tenantId, filter);
  }

  async archiveMeeting(
    tenantId: string,
    meetingId: string,
    at: string,
    options: { freeReference: boolean },
  ): Promise<MeetingRecord> {
    return this.meetings.archiveMeeting(tenantId, meetingId, at, options);
  }

  async appendOperations(
    tenantId: string,
    meetingId: string,
    ops: readonly NewOperation[],
    guard: AppendGuard,
    serverTime: string,
  ): Promise<AppendOutcome> {
    return this.meetings.appendOperations(tenantId, meetingId, ops, guard, serverTime);
  }

  async readOperations(
    tenantId: string,
    meetingId: string,
    afterSeq: number,
    limit: number,
  ): Promise<StoredOperation[]> {
    return this.meetings.readOperations(tenantId, meetingId, afterSeq, limit);
  }

  async createPublishRun(run: PublishRunRecord): Promise<void> {
    this.ledger.createPublishRun(run);
  }

  async updatePublishRun(
    tenantId: string,
    runId: string,
    change: Pick<PublishRunRecord, 'status' | 'updatedAt' | 'report'>,
  ): Promise<void> {
    this.ledger.updatePublishRun(tenantId, runId, change);
  }

  async listPublishRuns(tenantId: string, meetingId: string): Promise<PublishRunRecord[]> {
    return this.ledger.listPublishRuns(tenantId, meetingId);
  }

  async leasePublishRun(
    tenantId: string,
    runId: string,
    holder: string,
    now: string,
    until: string,
  ): Promise<boolean> {
    return this.ledger.leasePublishRun(tenantId, runId, holder, now, until);
  }

  async releasePublishRun(tenantId: string, runId: string, holder: string): Promise<void> {
    this.ledger.releasePublishRun(tenantId, runId, holder);
  }

  async recordPublishSteps(steps: readonly PublishStepRecord[]): Promise<void> {
    this.ledger.recordPublishSteps(steps);
  }

  async listPublishSteps(tenantId: string, meetingId: string): Promise<PublishStepRecord[]> {
    return this.ledger.listPublishSteps(tenantId, meetingId);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

function migrate(db: Database.Database): void {
  const applied = Number(db.pragma('user_version', { simple: true }));
  for (let version = applied; version < MIGRATIONS.length; version += 1) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] ?? '');
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
