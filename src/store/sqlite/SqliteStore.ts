/**
 * The embedded store: one SQLite file under DATA_DIR, via better-sqlite3.
 * WAL with synchronous=FULL: a transaction is on disk (fsync) before commit returns, and the
 * server answers only after commit, so an acknowledged op survives a crash or power cut.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  DomainError,
  EMPTY_SUMMARY,
  type Committee,
  type MeetingSummary,
  type NewOperation,
  type StoredOperation,
} from '../../domain';
import type { AppendGuard, AppendOutcome, AppendResult, MeetingRecord, Store } from '../Store';
import { MIGRATIONS } from './migrations';

interface MeetingRow {
  id: string;
  tenant_id: string;
  committee_id: string;
  created_at: string;
  created_by: string;
  last_seq: number;
  summary: string;
}

interface OpRow {
  tenant_id: string;
  meeting_id: string;
  seq: number;
  id: string;
  actor: string;
  client_time: string;
  server_time: string;
  type: string;
  payload: string;
}

export const DATABASE_FILE = 'minutebook.sqlite';

export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly statements;

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
    this.statements = {
      insertCommittee: this.db.prepare(
        'INSERT INTO committees (tenant_id, id, version, body) VALUES (?, ?, ?, ?)',
      ),
      getCommittee: this.db.prepare<[string, string], { body: string }>(
        'SELECT body FROM committees WHERE tenant_id = ? AND id = ?',
      ),
      listCommittees: this.db.prepare<[string], { body: string }>(
        'SELECT body FROM committees WHERE tenant_id = ? ORDER BY id',
      ),
      replaceCommittee: this.db.prepare(
        'UPDATE committees SET version = ?, body = ? WHERE tenant_id = ? AND id = ? AND version = ?',
      ),
      insertMeeting: this.db.prepare(
        'INSERT INTO meetings (id, tenant_id, committee_id, created_at, created_by, last_seq, summary) VALUES (?, ?, ?, ?, ?, 0, ?)',
      ),
      getMeeting: this.db.prepare<[string, string], MeetingRow>(
        'SELECT * FROM meetings WHERE tenant_id = ? AND id = ?',
      ),
      meetingExists: this.db.prepare<[string, string], { id: string }>(
        'SELECT id FROM meetings WHERE tenant_id = ? AND id = ?',
      ),
      listMeetings: this.db.prepare<[string], MeetingRow>(
        'SELECT * FROM meetings WHERE tenant_id = ?',
      ),
      updateMeeting: this.db.prepare(
        'UPDATE meetings SET last_seq = ?, summary = ? WHERE tenant_id = ? AND id = ?',
      ),
      findOp: this.db.prepare<[string, string, string], { seq: number }>(
        'SELECT seq FROM ops WHERE tenant_id = ? AND meeting_id = ? AND id = ?',
      ),
      insertOp: this.db.prepare(
        'INSERT INTO ops (tenant_id, meeting_id, seq, id, actor, client_time, server_time, type, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      readOps: this.db.prepare<[string, string, number, number], OpRow>(
        'SELECT * FROM ops WHERE tenant_id = ? AND meeting_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
    };
  }

  async createCommittee(committee: Committee): Promise<void> {
    this.statements.insertCommittee.run(
      committee.tenantId,
      committee.id,
      committee.version,
      JSON.stringify(committee),
    );
  }

  async getCommittee(tenantId: string, id: string): Promise<Committee | null> {
    const row = this.statements.getCommittee.get(tenantId, id);
    return row ? (JSON.parse(row.body) as Committee) : null;
  }

  async listCommittees(tenantId: string): Promise<Committee[]> {
    return this.statements.listCommittees
      .all(tenantId)
      .map((row) => JSON.parse(row.body) as Committee);
  }

  async replaceCommittee(committee: Committee, expectedVersion: number): Promise<boolean> {
    const result = this.statements.replaceCommittee.run(
      committee.version,
      JSON.stringify(committee),
      committee.tenantId,
      committee.id,
      expectedVersion,
    );
    return result.changes === 1;
  }

  async createMeeting(
    meeting: Omit<MeetingRecord, 'lastSeq' | 'summary'>,
    firstOps: readonly NewOperation[],
    guard: AppendGuard,
    serverTime: string,
  ): Promise<AppendOutcome> {
    const create = this.db.transaction(() => {
      const s = this.statements;
      if (s.meetingExists.get(meeting.tenantId, meeting.id)) {
        throw new DomainError(
          'already_exists',
          `A meeting with id "${meeting.id}" already exists; choose another id.`,
        );
      }
      s.insertMeeting.run(
        meeting.id,
        meeting.tenantId,
        meeting.committeeId,
        meeting.createdAt,
        meeting.createdBy,
        JSON.stringify(EMPTY_SUMMARY),
      );
      return this.appendInTransaction(meeting.tenantId, meeting.id, firstOps, guard, serverTime);
    });
    return create.immediate();
  }

  async getMeeting(tenantId: string, id: string): Promise<MeetingRecord | null> {
    const row = this.statements.getMeeting.get(tenantId, id);
    return row ? toMeetingRecord(row) : null;
  }

  async listMeetings(
    tenantId: string,
    filter: { committeeId?: string } = {},
  ): Promise<MeetingRecord[]> {
    return this.statements.listMeetings
      .all(tenantId)
      .map(toMeetingRecord)
      .filter((meeting) => !filter.committeeId || meeting.committeeId === filter.committeeId);
  }

  async appendOperations(
    tenantId: string,
    meetingId: string,
    ops: readonly NewOperation[],
    guard: AppendGuard,
    serverTime: string,
  ): Promise<AppendOutcome> {
    const append = this.db.transaction(() =>
      this.appendInTransaction(tenantId, meetingId, ops, guard, serverTime),
    );
    return append.immediate();
  }

  async readOperations(
    tenantId: string,
    meetingId: string,
    afterSeq: number,
    limit: number,
  ): Promise<StoredOperation[]> {
    return this.statements.readOps.all(tenantId, meetingId, afterSeq, limit).map(toStoredOperation);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private appendInTransaction(
    tenantId: string,
    meetingId: string,
    ops: readonly NewOperation[],
    guard: AppendGuard,
    serverTime: string,
  ): AppendOutcome {
    const s = this.statements;
    const row = s.getMeeting.get(tenantId, meetingId);
    if (!row) throw new DomainError('not_found', `There is no meeting "${meetingId}".`);
    const meeting = toMeetingRecord(row);

    const results: AppendResult[] = [];
    const fresh: NewOperation[] = [];
    const batchSeq = new Map<string, number>();
    let seq = meeting.lastSeq;
    for (const op of ops) {
      const earlier = batchSeq.get(op.id);
      if (earlier !== undefined) {
        results.push({ id: op.id, seq: earlier, duplicate: true });
        continue;
      }
      const existing = s.findOp.get(tenantId, meetingId, op.id);
      if (existing) {
        results.push({ id: op.id, seq: existing.seq, duplicate: true });
        continue;
      }
      seq += 1;
      batchSeq.set(op.id, seq);
      fresh.push(op);
      results.push({ id: op.id, seq, duplicate: false });
    }
    if (fresh.length === 0) return { results, appended: [] };

    const summary: MeetingSummary = guard(meeting, fresh);
    const appended = fresh.map((op, index): StoredOperation => ({
      ...op,
      seq: meeting.lastSeq + index + 1,
      serverTime,
    }));
    for (const op of appended) {
      s.insertOp.run(
        tenantId,
        meetingId,
        op.seq,
        op.id,
        op.actor,
        op.clientTime,
        op.serverTime,
        op.type,
        JSON.stringify(op.payload),
      );
    }
    s.updateMeeting.run(seq, JSON.stringify(summary), tenantId, meetingId);
    return { results, appended };
  }
}

function migrate(db: Database.Database): void {
  const applied = db.pragma('user_version', { simple: true }) as number;
  for (let version = applied; version < MIGRATIONS.length; version += 1) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] ?? '');
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

function toMeetingRecord(row: MeetingRow): MeetingRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    committeeId: row.committee_id,
    createdAt: row.created_at,
    createdBy: row.created_by,
    lastSeq: row.last_seq,
    summary: JSON.parse(row.summary) as MeetingSummary,
  };
}

function toStoredOperation(row: OpRow): StoredOperation {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    seq: row.seq,
    actor: row.actor,
    clientTime: row.client_time,
    serverTime: row.server_time,
    type: row.type,
    payload: JSON.parse(row.payload) as unknown,
  } as StoredOperation;
}
