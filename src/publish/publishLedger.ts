/**
 * The ledger of one publish run, over the store: where each step stands and what it produced.
 * Every change is written to the store (one durable transaction per call, WAL + synchronous=FULL
 * in SQLite) before the promise resolves, and the executor awaits it before it moves on: a step
 * is marked `pending` before its request goes out, and its outcome is recorded before anything
 * that depends on it starts. After a crash, `pending` reads as "in doubt" and is reconciled.
 *
 * A run that takes over from an earlier one starts with that run's outcomes in doubt (for the
 * steps it plans too): they read as this step's record, in doubt, until this run writes its own.
 * Before every write the ledger checks the run's lease (`guard`): an executor that lost the run
 * to another writes nothing more.
 *
 * A step whose object was found gone (recorded failed, code `gone`) is done again with a new
 * object; its records from then on keep what it made before under `replaced`, so the ledger still
 * says what happened (the task that vanished, then the one made in its place).
 */
import type { PublishStepRecord, PublishStepStatus, Store } from '../store';
import type { InheritedDoubt, PublishStep, PublishStepKind } from './PublishPlan';
import { GONE } from './stepDriver';

/** The result field that keeps what a step made before its object was found gone. */
export const REPLACED = 'replaced';

/** What a record says the step made before it was found gone (and made again), if anything. */
function replacedBy(record: PublishStepRecord | undefined): unknown {
  if (!record) return undefined;
  if (record.status === 'failed' && record.error?.code === GONE) return record.result ?? undefined;
  return record.result?.[REPLACED];
}

export interface StepChange {
  step: Pick<PublishStep, 'key' | 'kind'>;
  status: PublishStepStatus;
  /** Replaces the recorded result; undefined keeps it. */
  result?: Record<string, unknown> | null;
  error?: { code: string; message: string } | null;
  /** Counts one more request sent for the step. */
  sent?: boolean;
}

export class PublishLedger {
  private readonly records = new Map<string, PublishStepRecord>();

  private constructor(
    private readonly store: Store,
    readonly tenantId: string,
    readonly meetingId: string,
    readonly runId: string,
    private readonly now: () => string,
    private readonly guard: () => Promise<void>,
  ) {}

  /** The ledger of `runId`, with what the store already holds for it. */
  static async open(
    store: Store,
    ids: { tenantId: string; meetingId: string; runId: string },
    now: () => string,
    options: {
      inherited?: readonly (InheritedDoubt & { kind: PublishStepKind })[];
      guard?: () => Promise<void>;
    } = {},
  ): Promise<PublishLedger> {
    const guard = options.guard ?? (() => Promise.resolve());
    const ledger = new PublishLedger(store, ids.tenantId, ids.meetingId, ids.runId, now, guard);
    for (const record of await store.listPublishSteps(ids.tenantId, ids.meetingId)) {
      if (record.runId === ids.runId) ledger.records.set(record.key, record);
    }
    for (const doubt of options.inherited ?? []) {
      if (ledger.records.has(doubt.key)) continue;
      ledger.records.set(doubt.key, {
        runId: doubt.runId,
        tenantId: ids.tenantId,
        meetingId: ids.meetingId,
        key: doubt.key,
        kind: doubt.kind,
        status: 'unknown',
        result: doubt.result,
        error: null,
        attempts: 0,
        updatedAt: doubt.updatedAt,
      });
    }
    return ledger;
  }

  /** Whether the step's record is an earlier run's (this run has written none for it). */
  isInherited(key: string): boolean {
    const record = this.records.get(key);
    return record !== undefined && record.runId !== this.runId;
  }

  get(key: string): PublishStepRecord | undefined {
    return this.records.get(key);
  }

  isDone(key: string): boolean {
    const record = this.records.get(key);
    return record?.status === 'done' && record.runId === this.runId;
  }

  resultOf(key: string): Record<string, unknown> | null {
    const record = this.records.get(key);
    return record?.status === 'done' && record.runId === this.runId ? record.result : null;
  }

  /** Writes the changes in one durable transaction, then keeps them. */
  async record(changes: readonly StepChange[]): Promise<void> {
    if (changes.length === 0) return;
    await this.guard();
    const updatedAt = this.now();
    const next = changes.map((change): PublishStepRecord => {
      const before = this.records.get(change.step.key);
      const own = before?.runId === this.runId ? before : undefined;
      const replaced = replacedBy(own);
      const result =
        change.result === undefined
          ? (before?.result ?? null)
          : replaced === undefined
            ? change.result
            : { ...change.result, [REPLACED]: replaced };
      return {
        runId: this.runId,
        tenantId: this.tenantId,
        meetingId: this.meetingId,
        key: change.step.key,
        kind: change.step.kind,
        status: change.status,
        result,
        error: change.error === undefined ? null : change.error,
        attempts: (before?.attempts ?? 0) + (change.sent ? 1 : 0),
        updatedAt,
      };
    });
    await this.store.recordPublishSteps(next);
    for (const record of next) this.records.set(record.key, record);
  }
}
