/**
 * Runs one wave of a plan (steps that depend only on earlier waves) in passes. Each pass:
 *
 * 1. reads, for every open step at once: lookups of outcomes in doubt, current etags, To Do list
 *    ids; GETs in shared $batch requests per identity, whole collections paged;
 * 2. decisions: a step found done is recorded done; the others get their write;
 * 3. writes in $batch requests of at most 20 per identity (the document's bytes on their own), at
 *    most `concurrency` round trips at a time; each batch is marked `pending` in the ledger before
 *    it is sent and its outcomes are recorded before anything else is decided.
 *
 * An outcome in doubt is reconciled in the next pass; a stale etag is read again; an object gone
 * is created anew in the next pass; a transient refusal (throttled, unavailable) is tried again.
 * A step whose earlier step's object is gone (a task deleted under its details) ends the wave
 * with `reopen`: the executor does those steps again first. Anything else ends the wave with the
 * failure.
 */
import { GraphRequestError } from '../graph';
import { STEP_DRIVERS } from './drivers';
import type { StepChange } from './publishLedger';
import type { PublishStep } from './PublishPlan';
import {
  GONE,
  type Decision,
  type DriverContext,
  type Read,
  type StepState,
  type Write,
} from './stepDriver';
import { errorRecord, messageOf, runReads, sendWrites, type SendOptions } from './stepRequests';

export type { StepEvent } from './stepRequests';

export interface WaveFailure {
  step: PublishStep;
  error: unknown;
}

/** Steps of earlier waves to do again, because the objects they made are gone. */
export interface WaveReopen {
  reopen: string[];
}

export interface WaveOptions extends SendOptions {
  isPlanned: (key: string) => boolean;
  maxPasses: number;
  /** Aborted: no further pass starts (the wave returns null with steps still open). */
  signal?: AbortSignal;
}

const TRANSIENT = new Set(['throttled', 'unavailable', 'network', 'timeout']);

export async function runWave(
  steps: readonly PublishStep[],
  options: WaveOptions,
): Promise<WaveFailure | WaveReopen | null> {
  const { ledger, ctx } = options;
  const flags = new Map<string, { stale: boolean; recreate: boolean }>();
  let lastTransient: WaveFailure | null = null;
  for (let pass = 1; ; pass += 1) {
    const open = steps.filter((step) => !ledger.isDone(step.key));
    if (open.length === 0 || options.signal?.aborted) return null;
    if (pass > options.maxPasses) {
      return (
        lastTransient ?? {
          step: open[0] as PublishStep,
          error: new Error('Its outcome could not be confirmed; press Retry to look again.'),
        }
      );
    }
    const ready = open.filter((step) =>
      step.dependsOn.every((key) => ledger.isDone(key) || !options.isPlanned(key)),
    );
    if (ready.length === 0) {
      return { step: open[0] as PublishStep, error: new Error('A step it needs did not finish.') };
    }
    const stateOf = (step: PublishStep): StepState => {
      const record = ledger.get(step.key);
      const flag = flags.get(step.key) ?? { stale: false, recreate: false };
      const inDoubt = record?.status === 'pending' || record?.status === 'unknown';
      // Reopened because its object was found gone: made anew, not updated.
      const gone = record?.status === 'failed' && record.error?.code === GONE;
      return {
        record,
        inDoubt,
        inherited: ledger.isInherited(step.key),
        stale: flag.stale,
        recreate: flag.recreate || gone,
      };
    };
    const setFlag = (step: PublishStep, flag: 'stale' | 'recreate') =>
      flags.set(step.key, {
        ...(flags.get(step.key) ?? { stale: false, recreate: false }),
        [flag]: true,
      });

    const decisions = await decideAll(ready, stateOf, ctx);
    const failures: WaveFailure[] = [];
    const retries: WaveFailure[] = [];
    const found: StepChange[] = [];
    const writes: { step: PublishStep; write: Write }[] = [];
    const reopen = new Set<string>();
    for (const [index, step] of ready.entries()) {
      const decision = decisions[index] as Decision;
      if (decision.kind === 'done') {
        found.push({ step, status: 'done', result: decision.result });
      } else if (decision.kind === 'write') {
        writes.push({ step, write: decision.write });
      } else if (decision.kind === 'recreate') {
        setFlag(step, 'recreate');
        options.emit(step, 'retrying', 'It was deleted in Microsoft 365; making it again.');
      } else if (decision.kind === 'reopen') {
        for (const key of STEP_DRIVERS[step.kind].parents?.(step) ?? []) reopen.add(key);
      } else if (isTransient(decision.error)) {
        retries.push({ step, error: decision.error });
      } else {
        failures.push({ step, error: decision.error });
      }
    }
    const wasInDoubt = new Set(
      found.filter((change) => stateOf(change.step as PublishStep).inDoubt).map((c) => c.step.key),
    );
    await ledger.record(found);
    for (const change of found) {
      options.emit(
        change.step as PublishStep,
        wasInDoubt.has(change.step.key) ? 'reconciled' : 'done',
      );
    }
    if (failures.length === 0) {
      const verdicts = await sendWrites(writes, options, stateOf);
      for (const { step, verdict, error } of verdicts) {
        if (verdict === 'stale' || verdict === 'recreate') {
          setFlag(step, verdict);
        } else if (verdict === 'reopen') {
          for (const key of STEP_DRIVERS[step.kind].parents?.(step) ?? []) reopen.add(key);
        } else if (verdict === 'failed') {
          (isTransient(error) ? retries : failures).push({ step, error });
        }
      }
    }
    if (failures.length > 0) {
      // Steps that failed before sending keep an outcome in doubt as it was; writes are recorded.
      const unsent = failures.filter(({ step }) => !writes.some((entry) => entry.step === step));
      await ledger.record(
        unsent.map(({ step, error }) => ({
          step,
          status: stateOf(step).inDoubt ? 'unknown' : 'failed',
          error: errorRecord(error),
        })),
      );
      for (const failure of failures)
        options.emit(failure.step, 'failed', messageOf(failure.error));
      return failures[0] as WaveFailure;
    }
    if (reopen.size > 0) return { reopen: [...reopen] };
    for (const retry of retries) options.emit(retry.step, 'retrying', messageOf(retry.error));
    lastTransient = retries[0] ?? lastTransient;
  }
}

async function decideAll(
  steps: readonly PublishStep[],
  stateOf: (step: PublishStep) => StepState,
  ctx: DriverContext,
): Promise<Decision[]> {
  const reads = new Map<string, Read>();
  const early = new Map<string, Decision>();
  for (const step of steps) {
    try {
      for (const read of STEP_DRIVERS[step.kind].reads(step, stateOf(step), ctx))
        reads.set(read.id, read);
    } catch (error) {
      early.set(step.key, { kind: 'fail', error });
    }
  }
  const answers = await runReads([...reads.values()], ctx);
  return Promise.all(
    steps.map(async (step): Promise<Decision> => {
      const known = early.get(step.key);
      if (known) return known;
      try {
        return await STEP_DRIVERS[step.kind].decide(step, stateOf(step), answers, ctx);
      } catch (error) {
        return { kind: 'fail', error };
      }
    }),
  );
}

/** GETs in one $batch per identity; collections page by page; every answer kept, errors too. */

function isTransient(error: unknown): boolean {
  return error instanceof GraphRequestError && TRANSIENT.has(error.kind);
}
