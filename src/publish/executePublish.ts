/**
 * Runs a publish plan against Microsoft Graph with the ledger: wave by wave (runWave.ts), every
 * step's outcome recorded before the next is decided, progress reported as it goes ("step n of
 * m"). A failure stops the run cleanly with a report; calling again with a fresh plan (which
 * resumes the unfinished run, or takes over from it after an edit) continues from the ledger,
 * reconciling whatever was in doubt.
 *
 * Exactly once: a step that is done is never sent again in its run; a step in doubt is looked up
 * before it is sent again; a new run (a republish) updates in place what earlier runs made. One
 * executor at a time: the run's lease in the store (runLease.ts) is taken before anything is
 * written and checked before every ledger write. An object found gone (deleted by someone, a
 * sandbox restarted) is made anew, and the steps that wrote on it are done again.
 */
import { randomUUID } from 'node:crypto';
import { renderMinutesDocx, type MinutesDocument } from '../minutes';
import type { Store } from '../store';
import { openRun } from './openRun';
import type { PublishGraph } from './publishGraph';
import { PublishLedger } from './publishLedger';
import type { PublishPlan, PublishStep } from './PublishPlan';
import { reportBase, type PublishProgress, type PublishReport } from './publishReport';
import { LeaseLost, RunLease, type LeaseOptions } from './runLease';
import { runWave } from './runWave';
import { vanishedSteps, withDependents } from './vanished';
import { GONE, type DriverContext } from './stepDriver';
import { errorRecord, messageOf, type StepEvent } from './stepRequests';

export type {
  PublishLinks,
  PublishProgress,
  PublishReport,
  RunningElsewhere,
} from './publishReport';

export interface ExecuteInput {
  plan: PublishPlan;
  graph: PublishGraph;
  store: Store;
  onProgress?: (event: PublishProgress) => void;
  now?: () => Date;
  newRunId?: () => string;
  /** Who executes and for how long a lease lasts (default: a holder of this call alone). */
  lease?: LeaseOptions;
  /** Stops the run between requests (a shutdown): it is left to be resumed. */
  signal?: AbortSignal;
  /** Default: renderMinutesDocx. */
  renderDocx?: (minutes: MinutesDocument) => Promise<Uint8Array>;
  /** Passes per wave before giving up on a step still in doubt or throttled (default 4). */
  maxPasses?: number;
  /** Round trips in flight at once (default 4, Outlook's limit per mailbox). */
  concurrency?: number;
}

/** How often one step may be found gone and made again in one call. */
const MAX_REOPENS = 2;

export async function executePublish(input: ExecuteInput): Promise<PublishReport> {
  const { plan, store } = input;
  const clock = () => (input.now ? input.now() : new Date());
  const now = () => clock().toISOString();
  const lease = new RunLease(store, plan.tenantId, input.lease ?? { holder: randomUUID() }, clock);
  try {
    const opened = await openRun({
      plan,
      store,
      lease,
      now,
      newRunId: input.newRunId ?? randomUUID,
    });
    if ('report' in opened) return opened.report;
    lease.keepAlive();
    return await execute(input, opened.runId, lease, now);
  } catch (error) {
    if (error instanceof LeaseLost) {
      return {
        status: 'running_elsewhere',
        runId: error.runId,
        publishNo: plan.publishNo,
        leaseUntil: null,
        message: `Another server took this publish over while it ran here; it carries on there.`,
      };
    }
    throw error;
  } finally {
    await lease.release();
  }
}

async function execute(
  input: ExecuteInput,
  runId: string,
  lease: RunLease,
  now: () => string,
): Promise<PublishReport> {
  const { plan, store } = input;
  const position = new Map(plan.steps.map((step, index) => [step.key, index + 1]));
  const byKey = new Map(plan.steps.map((step) => [step.key, step]));
  const ledger = await PublishLedger.open(
    store,
    { tenantId: plan.tenantId, meetingId: plan.meetingId, runId },
    now,
    {
      inherited: plan.inherited.map((doubt) => ({ ...doubt, kind: byKey.get(doubt.key)!.kind })),
      guard: () => lease.ensure(),
    },
  );

  let docx: Promise<Uint8Array> | null = null;
  const ctx: DriverContext = {
    runId,
    minutes: plan.minutes,
    graph: input.graph,
    resultOf: (key) => ledger.resultOf(key),
    documentUrl: (step) => {
      if (step.documentUrlHint) return step.documentUrlHint;
      const url = step.documentKey ? ledger.resultOf(step.documentKey)?.webUrl : null;
      return typeof url === 'string' ? url : null;
    },
    docx: () => (docx ??= (input.renderDocx ?? renderMinutesDocx)(plan.minutes)),
  };
  const planned = new Set(plan.steps.map((step) => step.key));
  const emit = (step: PublishStep, status: StepEvent, message?: string, earlier?: true) =>
    input.onProgress?.({
      runId,
      step: position.get(step.key) ?? 0,
      of: plan.steps.length,
      key: step.key,
      kind: step.kind,
      label: step.label,
      status,
      ...(message ? { message } : {}),
      ...(earlier ? { earlier } : {}),
    });
  // A resumed run says what it did before, so a follower's count starts where the run stands.
  for (const step of plan.steps) {
    if (ledger.isDone(step.key)) emit(step, 'done', 'Done earlier in this run.', true);
  }

  const finish = async (report: PublishReport & { status: 'done' | 'failed' }) => {
    await lease.ensure(true);
    await store.updatePublishRun(plan.tenantId, runId, {
      status: report.status,
      updatedAt: now(),
      report,
    });
    return report;
  };
  const fail = (step: PublishStep | null, code: string, message: string) =>
    finish({
      status: 'failed',
      ...reportBase(plan, ledger),
      failedStep: step ? { key: step.key, kind: step.kind, label: step.label } : null,
      code,
      message,
    });

  const reopened = new Map<string, number>();
  const waveOf = (key: string) =>
    plan.waves.findIndex((wave) => wave.some((batch) => batch.keys.includes(key)));
  /** Records the steps (and those writing on their objects) to be done again; their first wave. */
  const reopen = async (found: readonly PublishStep[]): Promise<number | PublishStep> => {
    const again = withDependents(plan, ledger, found);
    if (again.length === 0) throw new Error('A step asked for a step that is not planned.');
    const restless = again.find((step) => (reopened.get(step.key) ?? 0) >= MAX_REOPENS);
    if (restless) return restless;
    for (const step of again) reopened.set(step.key, (reopened.get(step.key) ?? 0) + 1);
    const gone = {
      code: GONE,
      message: 'It was deleted in Microsoft 365 since it was made; making it again.',
    };
    await ledger.record(again.map((step) => ({ step, status: 'failed', error: gone })));
    for (const step of again) emit(step, 'retrying', gone.message);
    return Math.min(...again.map((step) => waveOf(step.key)));
  };
  const restless = (step: PublishStep) =>
    fail(
      step,
      'keeps_disappearing',
      `${step.label}: what it makes keeps being deleted in Microsoft 365 as soon as it is made; find out who or what deletes it, then press Retry.`,
    );

  let index = 0;
  if (plan.resumeRunId !== null) {
    // What this run made before it stopped may be gone since (a sandbox restarted with it).
    const gone = await vanishedSteps(plan, ledger, ctx);
    if (gone.length > 0) {
      const from = await reopen(gone);
      if (typeof from !== 'number') return restless(from);
    }
  }
  while (index < plan.waves.length) {
    if (input.signal?.aborted) return { status: 'interrupted', ...reportBase(plan, ledger) };
    const wave = plan.waves[index]!;
    const steps = wave.flatMap((batch) => batch.keys.map((key) => byKey.get(key)!));
    const outcome = await runWave(steps, {
      ledger,
      ctx,
      isPlanned: (key) => planned.has(key),
      emit,
      maxPasses: input.maxPasses ?? 4,
      concurrency: input.concurrency ?? 4,
      ...(input.signal ? { signal: input.signal } : {}),
    });
    if (outcome === null) {
      if (input.signal?.aborted) return { status: 'interrupted', ...reportBase(plan, ledger) };
      index += 1;
    } else if ('reopen' in outcome) {
      const from = await reopen(outcome.reopen.flatMap((key) => byKey.get(key) ?? []));
      if (typeof from !== 'number') return restless(from);
      index = from;
    } else {
      if (input.signal?.aborted) return { status: 'interrupted', ...reportBase(plan, ledger) };
      const { step, error } = outcome;
      return fail(step, errorRecord(error).code, `${step.label}: ${messageOf(error)}`);
    }
  }
  return finish({ status: 'done', ...reportBase(plan, ledger) });
}
