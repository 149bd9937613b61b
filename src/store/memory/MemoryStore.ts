/**
 * The Store port's fake: everything in memory, with exactly the SQLite adapter's semantics
 * (gapless seq per meeting, idempotent on op id, all-or-nothing batches with the guard, unique
 * codes and references, the lease's compare-and-set, grants and their history), held to them by
 * the same contract suite. Each method does all its work before it first yields, so it is as
 * atomic as a transaction; records are copied in and out, so no caller can change what is stored.
 */
import {
  EMPTY_SUMMARY,
  type Committee,
  type NewOperation,
  type StoredOperation,
} from '../../domain';
import type {
  AppendGuard,
  AppendOutcome,
  AppendResult,
  GrantChange,
  GrantChangeRecord,
  GrantRecord,
  MeetingRecord,
  PublishRunRecord,
  PublishStepRecord,
  Store,
} from '../Store';
import { codeKey, instant, referenceKey, refusals } from '../storeRules';

interface StoredCommittee {
  committee: Committee;
  codeKey: string | null;
}

interface StoredMeeting {
  record: MeetingRecord;
  /** The reference the meeting holds in its committee, upper-cased; null when none. */
  heldReference: string | null;
  ops: StoredOperation[];
  seqById: Map<string, number>;
}

const key = (...parts: string[]) => parts.join('\u0000');
const copy = <T>(value: T): T => structuredClone(value);
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class MemoryStore implements Store {
  private readonly committees = new Map<string, StoredCommittee>();
  private readonly grants = new Map<string, GrantRecord>();
  private readonly grantChanges = new Map<string, GrantChangeRecord[]>();
  private readonly meetings = new Map<string, StoredMeeting>();
  private readonly runs = new Map<string, PublishRunRecord>();
  private readonly steps = new Map<string, PublishStepRecord>();
  private closed = false;

  async createCommittee(committee: Committee, firstOwner: GrantRecord): Promise<void> {
    this.open();
    if (firstOwner.tenantId !== committee.tenantId || firstOwner.committeeId !== committee.id) {
      throw refusals.grantMismatch(`committee "${firstOwner.committeeId}"`);
    }
    const id = key(committee.tenantId, committee.id);
    if (this.committees.has(id)) throw refusals.committeeExists(committee.id);
    this.refuseTakenCode(committee);
    this.committees.set(id, { committee: copy(committee), codeKey: codeKey(committee.code) });
    this.grants.set(key(committee.tenantId, committee.id, firstOwner.userId), copy(firstOwner));
    this.grantChanges.set(id, [
      {
        tenantId: committee.tenantId,
        committeeId: committee.id,
        seq: 1,
        userId: firstOwner.userId,
        displayName: firstOwner.displayName,
        from: null,
        to: firstOwner.role,
        by: firstOwner.grantedBy,
        at: firstOwner.grantedAt,
      },
    ]);
  }

  async getCommittee(tenantId: string, id: string): Promise<Committee | null> {
    this.open();
    const stored = this.committees.get(key(tenantId, id));
    return stored ? copy(stored.committee) : null;
  }

  async listCommittees(tenantId: string): Promise<Committee[]> {
    this.open();
    return [...this.committees.values()]
      .map((stored) => stored.committee)
      .filter((committee) => committee.tenantId === tenantId)
      .sort((a, b) => byText(a.id, b.id))
      .map(copy);
  }

  async replaceCommittee(committee: Committee, expectedVersion: number): Promise<boolean> {
    this.open();
    const stored = this.committees.get(key(committee.tenantId, committee.id));
    if (!stored || stored.committee.version !== expectedVersion) return false;
    this.refuseTakenCode(committee);
    stored.committee = copy(committee);
    stored.codeKey = codeKey(committee.code);
    return true;
  }

  async listGrants(tenantId: string, committeeId: string): Promise<GrantRecord[]> {
    this.open();
    return [...this.grants.values()]
      .filter((grant) => grant.tenantId === tenantId && grant.committeeId === committeeId)
      .sort((a, b) => byText(a.grantedAt, b.grantedAt) || byText(a.userId, b.userId))
      .map(copy);
  }

  async getGrant(
    tenantId: string,
    committeeId: string,
    userId: string,
  ): Promise<GrantRecord | null> {
    this.open();
    const grant = this.grants.get(key(tenantId, committeeId, userId));
    return grant ? copy(grant) : null;
  }

  async listGrantsOfUser(tenantId: string, userId: string): Promise<GrantRecord[]> {
    this.open();
    return [...this.grants.values()]
      .filter((grant) => grant.tenantId === tenantId && grant.userId === userId)
      .sort((a, b) => byText(a.committeeId, b.committeeId))
      .map(copy);
  }

  async changeGrants(
    tenantId: string,
    committeeId: string,
    changes: readonly GrantChange[],
    by: string,
    at: string,
  ): Promise<GrantChangeRecord[]> {
    this.open();
    if (!this.committees.has(key(tenantId, committeeId))) {
      throw refusals.committeeNotFound(committeeId);
    }
    // Worked out on a copy of the committee's grants, and kept only if the result is allowed.
    const next = new Map<string, GrantRecord>();
    for (const [grantKey, grant] of this.grants) {
      if (grant.tenantId === tenantId && grant.committeeId === committeeId)
        next.set(grantKey, grant);
    }
    const owners = (grants: Map<string, GrantRecord>) =>
      [...grants.values()].filter((grant) => grant.role === 'owner').length;
    const ownersBefore = owners(next);
    const history = this.grantChanges.get(key(tenantId, committeeId)) ?? [];
    let seq = history.at(-1)?.seq ?? 0;
    const written: GrantChangeRecord[] = [];
    for (const change of changes) {
      const grantKey = key(tenantId, committeeId, change.userId);
      const from = next.get(grantKey)?.role ?? null;
      if (from === change.role) continue;
      if (change.role === null) next.delete(grantKey);
      else {
        next.set(grantKey, {
          tenantId,
          committeeId,
          userId: change.userId,
          role: change.role,
          displayName: change.displayName,
          grantedBy: by,
          grantedAt: at,
        });
      }
      seq += 1;
      written.push({
        tenantId,
        committeeId,
        seq,
        userId: change.userId,
        displayName: change.displayName,
        from,
        to: change.role,
        by,
        at,
      });
    }
    if (owners(next) === 0 && ownersBefore > 0) throw refusals.lastOwner(committeeId);
    for (const [grantKey, grant] of this.grants) {
      if (grant.tenantId === tenantId && grant.committeeId === committeeId) {
        this.grants.delete(grantKey);
      }
    }
    for (const [grantKey, grant] of next) this.grants.set(grantKey, grant);
    this.grantChanges.set(key(tenantId, committeeId), [...history, ...written]);
    return written.map(copy);
  }

  async listGrantChanges(tenantId: string, committeeId: string): Promise<GrantChangeRecord[]> {
    this.open();
    return (this.grantChanges.get(key(tenantId, committeeId)) ?? []).map(copy);
  }

  async createMeeting(
    meeting: Omit<MeetingRecord, 'lastSeq' | 'summary' | 'archivedAt'>,
    firstOps: readonly NewOperation[],
    guard: AppendGuard,
    serverTime: string,
  ): Promise<AppendOutcome> {
    this.open();
    const id = key(meeting.tenantId, meeting.id);
    if (this.meetings.has(id)) throw refusals.meetingExists(meeting.id);
    const created: StoredMeeting = {
      record: {
        id: meeting.id,
        tenantId: meeting.tenantId,
        committeeId: meeting.committeeId,
        createdAt: meeting.createdAt,
        createdBy: meeting.createdBy,
        lastSeq: 0,
        summary: copy(EMPTY_SUMMARY),
        archivedAt: null,
      },
      heldReference: null,
      ops: [],
      seqById: new Map(),
    };
    const outcome = this.append(created, firstOps, guard, serverTime);
    this.meetings.set(id, created);
    return outcome;
  }

  async getMeeting(tenantId: string, id: string): Promise<MeetingRecord | null> {
    this.open();
    const stored = this.meetings.get(key(tenantId, id));
    return stored ? copy(stored.record) : null;
  }

  async listMeetings(
    tenantId: string,
    filter: { committeeId?: string; includeArchived?: boolean } = {},
  ): Promise<MeetingRecord[]> {
    this.open();
    return [...this.meetings.values()]
      .map((stored) => stored.record)
      .filter(
        (meeting) =>
          meeting.tenantId === tenantId &&
          (filter.committeeId === undefined || meeting.committeeId === filter.committeeId) &&
          (filter.includeArchived === true || meeting.archivedAt === null),
      )
      .sort((a, b) => byText(a.createdAt, b.createdAt) || byText(a.id, b.id))
      .map(copy);
  }

  async archiveMeeting(
    tenantId: string,
    meetingId: string,
    at: string,
    options: { freeReference: boolean },
  ): Promise<MeetingRecord> {
    this.open();
    const stored = this.meetings.get(key(tenantId, meetingId));
    if (!stored) throw refusals.meetingNotFound(meetingId);
    stored.record.archivedAt ??= at;
    if (options.freeReference) stored.heldReference = null;
    return copy(stored.record);
  }

  async appendOperations(
    tenantId: string,
    meetingId: string,
    ops: readonly NewOperation[],
    guard: AppendGuard,
    serverTime: string,
  ): Promise<AppendOutcome> {
    this.open();
    const stored = this.meetings.get(key(tenantId, meetingId));
    if (!stored) throw refusals.meetingNotFound(meetingId);
    return this.append(stored, ops, guard, serverTime);
  }

  async readOperations(
    tenantId: string,
    meetingId: string,
    afterSeq: number,
    limit: number,
  ): Promise<StoredOperation[]> {
    this.open();
    const stored = this.meetings.get(key(tenantId, meetingId));
    if (!stored || limit <= 0) return [];
    // seq n is at index n - 1: the log is gapless.
    return stored.ops.slice(Math.max(0, afterSeq), Math.max(0, afterSeq) + limit).map(copy);
  }

  async createPublishRun(run: PublishRunRecord): Promise<void> {
    this.open();
    const leaseUntil =
      run.leaseUntil === null || run.leaseUntil === undefined
        ? null
        : instant(run.leaseUntil, 'The lease end');
    for (const other of this.runs.values()) {
      if (
        other.tenantId === run.tenantId &&
        other.meetingId === run.meetingId &&
        other.publishNo === run.publishNo
      ) {
        throw refusals.publishRunExists(run.publishNo, run.meetingId);
      }
    }
    const id = key(run.tenantId, run.runId);
    if (this.runs.has(id)) throw refusals.publishRunIdTaken(run.runId);
    this.runs.set(id, {
      ...copy(run),
      report: copy(run.report ?? null),
      leaseHolder: run.leaseHolder ?? null,
      leaseUntil,
    });
  }

  async updatePublishRun(
    tenantId: string,
    runId: string,
    change: Pick<PublishRunRecord, 'status' | 'updatedAt' | 'report'>,
  ): Promise<void> {
    this.open();
    const run = this.runs.get(key(tenantId, runId));
    if (!run) throw refusals.publishRunNotFound(runId);
    run.status = change.status;
    run.updatedAt = change.updatedAt;
    run.report = copy(change.report ?? null);
  }

  async listPublishRuns(tenantId: string, meetingId: string): Promise<PublishRunRecord[]> {
    this.open();
    return [...this.runs.values()]
      .filter((run) => run.tenantId === tenantId && run.meetingId === meetingId)
      .sort((a, b) => a.publishNo - b.publishNo)
      .map(copy);
  }

  async leasePublishRun(
    tenantId: string,
    runId: string,
    holder: string,
    now: string,
    until: string,
  ): Promise<boolean> {
    this.open();
    const at = instant(now, 'The lease time');
    const end = instant(until, 'The lease end');
    const run = this.runs.get(key(tenantId, runId));
    if (!run) throw refusals.publishRunNotFound(runId);
    const free =
      run.leaseHolder === null ||
      run.leaseUntil === null ||
      run.leaseUntil <= at ||
      run.leaseHolder === holder;
    if (!free) return false;
    run.leaseHolder = holder;
    run.leaseUntil = end;
    return true;
  }

  async releasePublishRun(tenantId: string, runId: string, holder: string): Promise<void> {
    this.open();
    const run = this.runs.get(key(tenantId, runId));
    if (run && run.leaseHolder === holder) {
      run.leaseHolder = null;
      run.leaseUntil = null;
    }
  }

  async recordPublishSteps(steps: readonly PublishStepRecord[]): Promise<void> {
    this.open();
    for (const step of steps) {
      if (!this.runs.has(key(step.tenantId, step.runId))) throw refusals.stepWithoutRun(step.runId);
    }
    for (const step of steps) this.steps.set(key(step.tenantId, step.runId, step.key), copy(step));
  }

  async listPublishSteps(tenantId: string, meetingId: string): Promise<PublishStepRecord[]> {
    this.open();
    const publishNo = (step: PublishStepRecord) =>
      this.runs.get(key(step.tenantId, step.runId))?.publishNo ?? 0;
    return [...this.steps.values()]
      .filter(
        (step) =>
          step.tenantId === tenantId &&
          step.meetingId === meetingId &&
          this.runs.has(key(step.tenantId, step.runId)),
      )
      .sort((a, b) => publishNo(a) - publishNo(b) || byText(a.key, b.key))
      .map(copy);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private open(): void {
    if (this.closed) throw new Error('The store is closed; open a new one.');
  }

  private refuseTakenCode(committee: Committee): void {
    const wanted = codeKey(committee.code);
    for (const other of this.committees.values()) {
      if (
        other.committee.tenantId === committee.tenantId &&
        other.committee.id !== committee.id &&
        other.codeKey === wanted
      ) {
        throw refusals.duplicateCode(committee.code, other.committee.name);
      }
    }
  }

  /** The append, all or nothing: everything is worked out first, then written at once. */
  private append(
    meeting: StoredMeeting,
    ops: readonly NewOperation[],
    guard: AppendGuard,
    serverTime: string,
  ): AppendOutcome {
    const results: AppendResult[] = [];
    const fresh: NewOperation[] = [];
    const batchSeq = new Map<string, number>();
    let seq = meeting.record.lastSeq;
    for (const op of ops) {
      const known = batchSeq.get(op.id) ?? meeting.seqById.get(op.id);
      if (known !== undefined) {
        results.push({ id: op.id, seq: known, duplicate: true });
        continue;
      }
      seq += 1;
      batchSeq.set(op.id, seq);
      fresh.push(op);
      results.push({ id: op.id, seq, duplicate: false });
    }
    if (fresh.length === 0) return { results, appended: [] };

    const summary = guard(copy(meeting.record), fresh);
    const held = this.nextHeldReference(meeting, summary.reference);
    const appended = fresh.map((op, index): StoredOperation => ({
      ...copy(op),
      seq: meeting.record.lastSeq + index + 1,
      serverTime,
    }));
    for (const op of appended) {
      meeting.ops.push(op);
      meeting.seqById.set(op.id, op.seq);
    }
    meeting.record.lastSeq = seq;
    meeting.record.summary = copy(summary);
    meeting.heldReference = held;
    return { results, appended: appended.map(copy) };
  }

  /** As the SQLite adapter's: see MeetingLog.nextHeldReference. */
  private nextHeldReference(meeting: StoredMeeting, nextReference: string): string | null {
    const wanted = referenceKey(nextReference);
    if (wanted === referenceKey(meeting.record.summary.reference)) return meeting.heldReference;
    if (meeting.record.archivedAt !== null && meeting.heldReference === null) return null;
    if (wanted === null) return null;
    for (const other of this.meetings.values()) {
      if (
        other !== meeting &&
        other.record.tenantId === meeting.record.tenantId &&
        other.record.committeeId === meeting.record.committeeId &&
        other.heldReference === wanted
      ) {
        throw refusals.duplicateReference(nextReference, other.record.id);
      }
    }
    return wanted;
  }
}
