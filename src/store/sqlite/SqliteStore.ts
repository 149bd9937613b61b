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
import type {
  AppendGuard,
  AppendOutcome,
  AppendResult,
  MeetingRecord,
  PublishRunRecord,
  PublishStepRecord,
  Store,
} from '../Store';
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

interface PublishRunRow {
  tenant_id: string;
  run_id: string;
  meeting_id: string;
  publish_no: number;
  meeting_seq: number;
  status: string;
  started_at: string;
  updated_at: string;
  report: string | null;
}

interface PublishStepRow {
  tenant_id: string;
  run_id: string;
  key: string;
  meeting_id: string;
  kind: string;
  status: string;
  result: string | null;
  error: string | null;
  attempts: number;
  updated_at: string;
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
      insertRun: this.db.prepare(
        'INSERT INTO publish_runs (tenant_id, run_id, meeting_id, publish_no, meeting_seq, status, started_at, updated_at, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      runNumberTaken: this.db.prepare<[string, string, number], { run_id: string }>(
        'SELECT run_id FROM publish_runs WHERE tenant_id = ? AND meeting_id = ? AND publish_no = ?',
      ),
      updateRun: this.db.prepare(
        'UPDATE publish_runs SET status = ?, updated_at = ?, report = ? WHERE tenant_id = ? AND run_id = ?',
      ),
      listRuns: this.db.prepare<[string, string], PublishRunRow>(
        'SELECT * FROM publish_runs WHERE tenant_id = ? AND meeting_id = ? ORDER BY publish_no',
      ),
      upsertStep: this.db.prepare(
        'INSERT OR REPLACE INTO publish_steps (tenant_id, run_id, key, meeting_id, kind, status, result, error, attempts, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      listSteps: this.db.prepare<[string, string], PublishStepRow>(
        `SELECT s.* FROM publish_steps s
           JOIN publish_runs r ON r.tenant_id = s.tenant_id AND r.run_id = s.run_id
         WHERE s.tenant_id = ? AND s.meeting_id = ?
         ORDER BY r.publish_no, s.key`,
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

  async createPublishRun(run: PublishRunRecord): Promise<void> {
    const create = this.db.transaction(() => {
      if (this.statements.runNumberTaken.get(run.tenantId, run.meetingId, run.publishNo)) {
        throw new DomainError(
          'already_exists',
          `Publish ${run.publishNo} of meeting "${run.meetingId}" has already started; resume it instead of starting another.`,
        );
      }
      this.statements.insertRun.run(
        run.tenantId,
        run.runId,
        run.meetingId,
        run.publishNo,
        run.meetingSeq,
        run.status,
        run.startedAt,
        run.updatedAt,
        JSON.stringify(run.report ?? null),
      );
    });
    create.immediate();
  }

  async updatePublishRun(
    tenantId: string,
    runId: string,
    change: Pick<PublishRunRecord, 'status' | 'updatedAt' | 'report'>,
  ): Promise<void> {
    const result = this.statements.updateRun.run(
      change.status,
      change.updatedAt,
      JSON.stringify(change.report ?? null),
      tenantId,
      runId,
    );
    if (result.changes !== 1) {
      throw new DomainError('not_found', `There is no publish run "${runId}".`);
    }
  }

  async listPublishRuns(tenantId: string, meetingId: string): Promise<PublishRunRecord[]> {
    return this.statements.listRuns.all(tenantId, meetingId).map(toPublishRun);
  }

  async recordPublishSteps(steps: readonly PublishStepRecord[]): Promise<void> {
    if (steps.length === 0) return;
    const record = this.db.transaction(() => {
      for (const step of steps) {
        this.statements.upsertStep.run(
          step.tenantId,
          step.runId,
          step.key,
          step.meetingId,
          step.kind,
          step.status,
          step.result === null ? null : JSON.stringify(step.result),
          step.error === null ? null : JSON.stringify(step.error),
          step.attempts,
          step.updatedAt,
        );
      }
    });
    record.immediate();
  }

  async listPublishSteps(tenantId: string, meetingId: string): Promise<PublishStepRecord[]> {
    return this.statements.listSteps.all(tenantId, meetingId).map(toPublishStep);
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

function toPublishRun(row: PublishRunRow): PublishRunRecord {
  return {
    runId: row.run_id,
    tenantId: row.tenant_id,
    meetingId: row.meeting_id,
    publishNo: row.publish_no,
    meetingSeq: row.meeting_seq,
    status: row.status as PublishRunRecord['status'],
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    report: row.report === null ? null : (JSON.parse(row.report) as unknown),
  };
}

function toPublishStep(row: PublishStepRow): PublishStepRecord {
  return {
    runId: row.run_id,
    tenantId: row.tenant_id,
    meetingId: row.meeting_id,
    key: row.key,
    kind: row.kind,
    status: row.status as PublishStepRecord['status'],
    result: row.result === null ? null : (JSON.parse(row.result) as Record<string, unknown>),
    error: row.error === null ? null : (JSON.parse(row.error) as PublishStepRecord['error']),
    attempts: row.attempts,
    updatedAt: row.updated_at,
  };
}
