/**
 * Meetings and their operation logs: gapless seq per meeting, idempotent on op id, each append
 * one BEGIN IMMEDIATE transaction that runs the guard. A meeting holds its reference within its
 * committee (the reference_key column, unique), until it is archived with its reference freed.
 */
import type Database from 'better-sqlite3';
import {
  EMPTY_SUMMARY,
  type MeetingSummary,
  type NewOperation,
  type StoredOperation,
} from '../../domain';
import type { AppendGuard, AppendOutcome, AppendResult, MeetingRecord } from '../Store';
import { referenceKey, refusals } from '../storeRules';
import { MEETING_KEY, meetingRowSchema, parseOpRow, parseRow } from './rowParsing';

export class MeetingLog {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    this.s = {
      insertMeeting: db.prepare(
        'INSERT INTO meetings (id, tenant_id, committee_id, created_at, created_by, last_seq, summary) VALUES (?, ?, ?, ?, ?, 0, ?)',
      ),
      getMeeting: db.prepare('SELECT * FROM meetings WHERE tenant_id = ? AND id = ?'),
      listMeetings: db.prepare(
        'SELECT * FROM meetings WHERE tenant_id = ? ORDER BY created_at, id',
      ),
      listMeetingsOfCommittee: db.prepare(
        'SELECT * FROM meetings WHERE tenant_id = ? AND committee_id = ? ORDER BY created_at, id',
      ),
      referenceHolder: db
        .prepare(
          'SELECT id FROM meetings WHERE tenant_id = ? AND committee_id = ? AND reference_key = ? AND id <> ?',
        )
        .pluck(),
      updateMeeting: db.prepare(
        'UPDATE meetings SET last_seq = ?, summary = ?, reference_key = ? WHERE tenant_id = ? AND id = ?',
      ),
      archive: db.prepare(
        `UPDATE meetings SET archived_at = coalesce(archived_at, ?),
           reference_key = CASE WHEN ? THEN NULL ELSE reference_key END
         WHERE tenant_id = ? AND id = ?`,
      ),
      findOp: db
        .prepare('SELECT seq FROM ops WHERE tenant_id = ? AND meeting_id = ? AND id = ?')
        .pluck(),
      insertOp: db.prepare(
        'INSERT INTO ops (tenant_id, meeting_id, seq, id, actor, client_time, server_time, type, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      readOps: db.prepare(
        'SELECT * FROM ops WHERE tenant_id = ? AND meeting_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
    };
  }

  createMeeting(
    meeting: Omit<MeetingRecord, 'lastSeq' | 'summary' | 'archivedAt'>,
    firstOps: readonly NewOperation[],
    guard: AppendGuard,
    serverTime: string,
  ): AppendOutcome {
    return this.db
      .transaction(() => {
        if (this.s.getMeeting.get(meeting.tenantId, meeting.id) !== undefined) {
          throw refusals.meetingExists(meeting.id);
        }
        this.s.insertMeeting.run(
          meeting.id,
          meeting.tenantId,
          meeting.committeeId,
          meeting.createdAt,
          meeting.createdBy,
          JSON.stringify(EMPTY_SUMMARY),
        );
        return this.appendInTransaction(meeting.tenantId, meeting.id, firstOps, guard, serverTime);
      })
      .immediate();
  }

  getMeeting(tenantId: string, id: string): MeetingRecord | null {
    const row = this.s.getMeeting.get(tenantId, id);
    return row === undefined ? null : toMeetingRecord(row).record;
  }

  listMeetings(
    tenantId: string,
    filter: { committeeId?: string; includeArchived?: boolean } = {},
  ): MeetingRecord[] {
    const rows =
      filter.committeeId === undefined
        ? this.s.listMeetings.all(tenantId)
        : this.s.listMeetingsOfCommittee.all(tenantId, filter.committeeId);
    return rows
      .map((row) => toMeetingRecord(row).record)
      .filter((meeting) => filter.includeArchived === true || meeting.archivedAt === null);
  }

  archiveMeeting(
    tenantId: string,
    meetingId: string,
    at: string,
    options: { freeReference: boolean },
  ): MeetingRecord {
    return this.db
      .transaction(() => {
        const result = this.s.archive.run(at, options.freeReference ? 1 : 0, tenantId, meetingId);
        if (result.changes !== 1) throw refusals.meetingNotFound(meetingId);
        const archived = this.getMeeting(tenantId, meetingId);
        if (archived === null) throw refusals.meetingNotFound(meetingId);
        return archived;
      })
      .immediate();
  }

  appendOperations(
    tenantId: string,
    meetingId: string,
    ops: readonly NewOperation[],
    guard: AppendGuard,
    serverTime: string,
  ): AppendOutcome {
    return this.db
      .transaction(() => this.appendInTransaction(tenantId, meetingId, ops, guard, serverTime))
      .immediate();
  }

  readOperations(
    tenantId: string,
    meetingId: string,
    afterSeq: number,
    limit: number,
  ): StoredOperation[] {
    return this.s.readOps.all(tenantId, meetingId, afterSeq, limit).map(parseOpRow);
  }

  private appendInTransaction(
    tenantId: string,
    meetingId: string,
    ops: readonly NewOperation[],
    guard: AppendGuard,
    serverTime: string,
  ): AppendOutcome {
    const row = this.s.getMeeting.get(tenantId, meetingId);
    if (row === undefined) throw refusals.meetingNotFound(meetingId);
    const { record: meeting, heldReference } = toMeetingRecord(row);

    const results: AppendResult[] = [];
    const fresh: NewOperation[] = [];
    const batchSeq = new Map<string, number>();
    let seq = meeting.lastSeq;
    for (const op of ops) {
      const known = batchSeq.get(op.id) ?? this.s.findOp.get(tenantId, meetingId, op.id);
      if (known !== undefined) {
        results.push({ id: op.id, seq: Number(known), duplicate: true });
        continue;
      }
      seq += 1;
      batchSeq.set(op.id, seq);
      fresh.push(op);
      results.push({ id: op.id, seq, duplicate: false });
    }
    if (fresh.length === 0) return { results, appended: [] };

    const summary: MeetingSummary = guard(meeting, fresh);
    const held = this.nextHeldReference(meeting, heldReference, summary);
    const appended = fresh.map((op, index): StoredOperation => ({
      ...op,
      seq: meeting.lastSeq + index + 1,
      serverTime,
    }));
    for (const op of appended) {
      this.s.insertOp.run(
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
    this.s.updateMeeting.run(seq, JSON.stringify(summary), held, tenantId, meetingId);
    return { results, appended };
  }

  /**
   * The reference the meeting holds after the append. Unchanged when its reference did not
   * change (a meeting left without one by migration keeps working); an archived meeting whose
   * reference was freed takes none; otherwise it takes its new reference, if no other meeting
   * of the committee holds it.
   */
  private nextHeldReference(
    meeting: MeetingRecord,
    heldReference: string | null,
    next: MeetingSummary,
  ): string | null {
    const wanted = referenceKey(next.reference);
    if (wanted === referenceKey(meeting.summary.reference)) return heldReference;
    if (meeting.archivedAt !== null && heldReference === null) return null;
    if (wanted === null) return null;
    const holder = this.s.referenceHolder.get(
      meeting.tenantId,
      meeting.committeeId,
      wanted,
      meeting.id,
    );
    if (holder !== undefined) throw refusals.duplicateReference(next.reference, String(holder));
    return wanted;
  }
}

function toMeetingRecord(row: unknown): { record: MeetingRecord; heldReference: string | null } {
  const parsed = parseRow('meetings', MEETING_KEY, meetingRowSchema, row);
  return {
    record: {
      id: parsed.id,
      tenantId: parsed.tenant_id,
      committeeId: parsed.committee_id,
      createdAt: parsed.created_at,
      createdBy: parsed.created_by,
      lastSeq: parsed.last_seq,
      summary: parsed.summary,
      archivedAt: parsed.archived_at,
    },
    heldReference: parsed.reference_key,
  };
}
