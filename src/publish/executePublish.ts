/**
 * Runs a publish plan against Microsoft Graph with the ledger: wave by wave (runWave.ts), every
 * step's outcome recorded before the next is decided, progress reported as it goes ("step n of
 * m"). A failure stops the run cleanly with a report; calling again with a fresh plan (which
 * resumes the unfinished run) continues from the ledger, reconciling whatever was in doubt.
 *
 * Exactly once: a step that is done is never sent again in its run; a step in doubt is looked up
 * before it is sent again; a new run (a republish) updates in place what earlier runs made.
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../domain';
import { renderMinutesDocx, type MinutesDocument } from '../minutes';
import type { Store } from '../store';
import type { PublishGraph } from './publishGraph';
import { PublishLedger } from './publishLedger';
import type { PublishPlan, PublishStep, PublishStepKind, SkippedStep } from './PublishPlan';
import { runWave } from './runWave';
import { errorRecord, messageOf, type StepEvent } from './stepRequests';
import type { DriverContext } from './stepDriver';

export interface PublishProgress {
  runId: string;
  /** 1-based position of the step in the plan. */
  step: number;
  of: number;
  key: string;
  kind: PublishStepKind;
  label: string;
  status: StepEvent;
  message?: string;
}

export interface PublishLinks {
  documentUrl: string | null;
  chatMessageUrl: string | null;
  plannerTaskIds: string[];
}

interface ReportBase {
  runId: string;
  publishNo: number;
  /** Steps done in this run (earlier calls included). */
  completed: number;
  total: number;
  skipped: SkippedStep[];
  links: PublishLinks;
}

export type PublishReport =
  | (ReportBase & { status: 'done' })
  | (ReportBase & {
      status: 'failed';
      failedStep: { key: string; kind: PublishStepKind; label: string } | null;
      code: string;
      message: string;
    });

export interface ExecuteInput {
  plan: PublishPlan;
  graph: PublishGraph;
  store: Store;
  tenantId: string;
  onProgress?: (event: PublishProgress) => void;
  now?: () => Date;
  newRunId?: () => string;
  /** Default: renderMinutesDocx. */
  renderDocx?: (minutes: MinutesDocument) => Promise<Uint8Array>;
  /** Passes per wave before giving up on a step still in doubt or throttled (default 4). */
  maxPasses?: number;
  /** Round trips in flight at once (default 4, Outlook's limit per mailbox). */
  concurrency?: number;
}

export async function executePublish(input: ExecuteInput): Promise<PublishReport> {
  const { plan, store, tenantId } = input;
  const now = () => (input.now ? input.now() : new Date()).toISOString();
  const total = plan.steps.length;
  const position = new Map(plan.steps.map((step, index) => [step.key, index + 1]));

  let runId = plan.resumeRunId;
  if (runId !== null) {
    // Resuming: the run is running again until it ends (a server that dies leaves it so).
    await store.updatePublishRun(tenantId, runId, {
      status: 'running',
      updatedAt: now(),
      report: null,
    });
  } else {
    runId = (input.newRunId ?? randomUUID)();
    try {
      await store.createPublishRun({
        runId,
        tenantId,
        meetingId: plan.meetingId,
        publishNo: plan.publishNo,
        meetingSeq: plan.meetingSeq,
        status: 'running',
        startedAt: now(),
        updatedAt: now(),
        report: null,
      });
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'already_exists') throw error;
      return {
        status: 'failed',
        runId,
        publishNo: plan.publishNo,
        completed: 0,
        total,
        skipped: plan.skipped,
        links: { documentUrl: null, chatMessageUrl: null, plannerTaskIds: [] },
        failedStep: null,
        code: 'publish_in_progress',
        message: error.message,
      };
    }
  }
  const ledger = await PublishLedger.open(
    store,
    { tenantId, meetingId: plan.meetingId, runId },
    now,
  );

  let docx: Promise<Uint8Array> | null = null;
  const ctx: DriverContext = {
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
  const byKey = new Map(plan.steps.map((step) => [step.key, step]));
  const emit = (step: PublishStep, status: StepEvent, message?: string) =>
    input.onProgress?.({
      runId: ledger.runId,
      step: position.get(step.key) ?? 0,
      of: total,
      key: step.key,
      kind: step.kind,
      label: step.label,
      status,
      ...(message ? { message } : {}),
    });

  for (const wave of plan.waves) {
    const steps = wave.flatMap((batch) => batch.keys.map((key) => byKey.get(key)!));
    const failure = await runWave(steps, {
      ledger,
      ctx,
      isPlanned: (key) => planned.has(key),
      emit,
      maxPasses: input.maxPasses ?? 4,
      concurrency: input.concurrency ?? 4,
    });
    if (failure) {
      const { step, error } = failure;
      const report: PublishReport = {
        status: 'failed',
        ...base(ledger.runId),
        failedStep: { key: step.key, kind: step.kind, label: step.label },
        code: errorRecord(error).code,
        message: `${step.label}: ${messageOf(error)}`,
      };
      await store.updatePublishRun(tenantId, ledger.runId, {
        status: 'failed',
        updatedAt: now(),
        report,
      });
      return report;
    }
  }
  const report: PublishReport = { status: 'done', ...base(ledger.runId) };
  await store.updatePublishRun(tenantId, ledger.runId, {
    status: 'done',
    updatedAt: now(),
    report,
  });
  return report;

  function base(id: string): ReportBase {
    const results = (kind: PublishStepKind) =>
      plan.steps.filter((step) => step.kind === kind).map((step) => ledger.resultOf(step.key));
    const first = (kind: PublishStepKind, field: string) => {
      const value = results(kind)[0]?.[field];
      return typeof value === 'string' ? value : null;
    };
    return {
      runId: id,
      publishNo: plan.publishNo,
      completed: plan.steps.filter((step) => ledger.isDone(step.key)).length,
      total,
      skipped: plan.skipped,
      links: {
        documentUrl: first('document.upload', 'webUrl'),
        chatMessageUrl: first('chat.post', 'webUrl'),
        plannerTaskIds: results('planner.upsert')
          .map((result) => result?.taskId)
          .filter((id): id is string => typeof id === 'string'),
      },
    };
  }
}
