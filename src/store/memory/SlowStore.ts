/**
 * A deliberately slow Store around any other, for tests of what callers do while the store has
 * not answered yet (a networked engine's latency; SQLite answers at once). Each call is made on
 * the inner store at once, as a request sent, but its answer is delivered only after `delayMs`
 * and, while its method is held, only when the test releases it: a held read answers with what
 * the store held when it was asked, however much was appended meanwhile.
 */
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
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

export type StoreMethod = Exclude<keyof Store, 'close'>;

export interface SlowStoreOptions {
  /** How long every answer waits (ms); by default it only waits for the next turn of the loop. */
  delayMs?: number | (() => number);
}

interface Waiting {
  method: StoreMethod;
  release: () => void;
}

export class SlowStore implements Store {
  /** Per held method, how many of its next calls are still to be held. */
  private readonly holding = new Map<StoreMethod, number>();
  private readonly waiting: Waiting[] = [];
  private readonly watchers = new Set<() => void>();
  private readonly calls = new Map<StoreMethod, number>();

  constructor(
    readonly inner: Store,
    private readonly options: SlowStoreOptions = {},
  ) {}

  /** From now on, the answers of the next `calls` calls of `method` wait until `release`. */
  hold(method: StoreMethod, calls = Number.POSITIVE_INFINITY): void {
    this.holding.set(method, calls);
  }

  /**
   * Stops holding these methods (every method when none is named) and lets their waiting
   * answers through, in the order they were asked.
   */
  release(...methods: StoreMethod[]): void {
    const released =
      methods.length === 0
        ? [...this.holding.keys(), ...this.waiting.map((entry) => entry.method)]
        : methods;
    for (const method of released) this.holding.delete(method);
    for (const entry of [...this.waiting]) {
      if (released.includes(entry.method)) {
        this.waiting.splice(this.waiting.indexOf(entry), 1);
        entry.release();
      }
    }
  }

  /** How many answers are held, of one method or of all. */
  heldCount(method?: StoreMethod): number {
    return this.waiting.filter((entry) => method === undefined || entry.method === method).length;
  }

  /** How many times `method` has been called so far. */
  callCount(method: StoreMethod): number {
    return this.calls.get(method) ?? 0;
  }

  /** Resolves once at least `count` answers of `method` are held. */
  whenHeld(method: StoreMethod, count = 1): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.heldCount(method) >= count) {
          this.watchers.delete(check);
          resolve();
        }
      };
      this.watchers.add(check);
      check();
    });
  }

  createCommittee(committee: Committee, firstOwner: GrantRecord): Promise<void> {
    return this.slow('createCommittee', () => this.inner.createCommittee(committee, firstOwner));
  }

  getCommittee(tenantId: string, id: string): Promise<Committee | null> {
    return this.slow('getCommittee', () => this.inner.getCommittee(tenantId, id));
  }

  listCommittees(tenantId: string): Promise<Committee[]> {
    return this.slow('listCommittees', () => this.inner.listCommittees(tenantId));
  }

  replaceCommittee(committee: Committee, expectedVersion: number): Promise<boolean> {
    return this.slow('replaceCommittee', () =>
      this.inner.replaceCommittee(committee, expectedVersion),
    );
  }

  listGrants(tenantId: string, committeeId: string): Promise<GrantRecord[]> {
    return this.slow('listGrants', () => this.inner.listGrants(tenantId, committeeId));
  }

  getGrant(tenantId: string, committeeId: string, userId: string): Promise<GrantRecord | null> {
    return this.slow('getGrant', () => this.inner.getGrant(tenantId, committeeId, userId));
  }

  listGrantsOfUser(tenantId: string, userId: string): Promise<GrantRecord[]> {
    return this.slow('listGrantsOfUser', () => this.inner.listGrantsOfUser(tenantId, userId));
  }

  changeGrants(
    tenantId: string,
    committeeId: string,
    changes: readonly GrantChange[],
    by: string,
    at: string,
  ): Promise<GrantChangeRecord[]> {
    return this.slow('changeGrants', () =>
      this.inner.changeGrants(tenantId, committeeId, changes, by, at),
    );
  }

  listGrantChanges(tenantId: string, committeeId: string): Promise<GrantChangeRecord[]> {
    return this.slow('listGrantChanges', () => this.inner.listGrantChanges(tenantId, committeeId));
  }

  createMeeting(
    meeting: Omit<MeetingRecord, 'lastSeq' | 'summary' | 'archivedAt'>,
    firstOps: readonly NewOperation[],
    guard: AppendGuard,
    serverTime: string,
  ): Promise<AppendOutcome> {
    return this.slow('createMeeting', () =>
      this.inner.createMeeting(meeting, firstOps, guard, serverTime),
    );
  }

  getMeeting(tenantId: string, id: string): Promise<MeetingRecord | null> {
    return this.slow('getMeeting', () => this.inner.getMeeting(tenantId, id));
  }

  listMeetings(
    tenantId: string,
    filter?: { committeeId?: string; includeArchived?: boolean },
  ): Promise<MeetingRecord[]> {
    return this.slow('listMeetings', () => this.inner.listMeetings(tenantId, filter));
  }

  archiveMeeting(
    tenantId: string,
    meetingId: string,
    at: string,
    options: { freeReference: boolean },
  ): Promise<MeetingRecord> {
    return this.slow('archiveMeeting', () =>
      this.inner.archiveMeeting(tenantId, meetingId, at, options),
    );
  }

  appendOperations(
    tenantId: string,
    meetingId: string,
    ops: readonly NewOperation[],
    guard: AppendGuard,
    serverTime: string,
  ): Promise<AppendOutcome> {
    return this.slow('appendOperations', () =>
      this.inner.appendOperations(tenantId, meetingId, ops, guard, serverTime),
    );
  }

  readOperations(
    tenantId: string,
    meetingId: string,
    afterSeq: number,
    limit: number,
  ): Promise<StoredOperation[]> {
    return this.slow('readOperations', () =>
      this.inner.readOperations(tenantId, meetingId, afterSeq, limit),
    );
  }

  createPublishRun(run: PublishRunRecord): Promise<void> {
    return this.slow('createPublishRun', () => this.inner.createPublishRun(run));
  }

  updatePublishRun(
    tenantId: string,
    runId: string,
    change: Pick<PublishRunRecord, 'status' | 'updatedAt' | 'report'>,
  ): Promise<void> {
    return this.slow('updatePublishRun', () =>
      this.inner.updatePublishRun(tenantId, runId, change),
    );
  }

  listPublishRuns(tenantId: string, meetingId: string): Promise<PublishRunRecord[]> {
    return this.slow('listPublishRuns', () => this.inner.listPublishRuns(tenantId, meetingId));
  }

  leasePublishRun(
    tenantId: string,
    runId: string,
    holder: string,
    now: string,
    until: string,
  ): Promise<boolean> {
    return this.slow('leasePublishRun', () =>
      this.inner.leasePublishRun(tenantId, runId, holder, now, until),
    );
  }

  releasePublishRun(tenantId: string, runId: string, holder: string): Promise<void> {
    return this.slow('releasePublishRun', () =>
      this.inner.releasePublishRun(tenantId, runId, holder),
    );
  }

  recordPublishSteps(steps: readonly PublishStepRecord[]): Promise<void> {
    return this.slow('recordPublishSteps', () => this.inner.recordPublishSteps(steps));
  }

  listPublishSteps(tenantId: string, meetingId: string): Promise<PublishStepRecord[]> {
    return this.slow('listPublishSteps', () => this.inner.listPublishSteps(tenantId, meetingId));
  }

  async close(): Promise<void> {
    this.release();
    await this.inner.close();
  }

  private async slow<T>(method: StoreMethod, call: () => Promise<T>): Promise<T> {
    this.calls.set(method, this.callCount(method) + 1);
    // Asked now; the answer, or the refusal, is kept until it may be delivered.
    const answer = call().then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const toHold = this.holding.get(method) ?? 0;
    if (toHold > 0) {
      this.holding.set(method, toHold - 1);
      await new Promise<void>((release) => {
        this.waiting.push({ method, release });
        for (const check of [...this.watchers]) check();
      });
    }
    const delay =
      typeof this.options.delayMs === 'function' ? this.options.delayMs() : this.options.delayMs;
    if (delay !== undefined && delay > 0) await sleep(delay);
    else await nextTurn();
    const outcome = await answer;
    if (outcome.ok) return outcome.value;
    throw outcome.error;
  }
}
