/**
 * What executing a publish plan reports: progress events as it goes, and a report at the end —
 * done, failed (with the step and why), interrupted (stopped on purpose, to be resumed), or
 * running elsewhere (another executor holds the run's lease; nothing was done here). The counts
 * are always of the real plan: steps of it done in the run, earlier calls included.
 */
import type { PublishLedger } from './publishLedger';
import type { PublishPlan, PublishStepKind, SkippedStep } from './PublishPlan';
import type { StepEvent } from './stepRequests';

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
  /** Done by an earlier call of this run (reported once when the run resumes). */
  earlier?: true;
}

export interface PublishLinks {
  documentUrl: string | null;
  chatMessageUrl: string | null;
  plannerTaskIds: string[];
}

export interface ReportBase {
  runId: string;
  publishNo: number;
  /** Steps of the plan done in this run (earlier calls included). */
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
    })
  /** Stopped on purpose (the server shutting down): the run is left to be resumed. */
  | (ReportBase & { status: 'interrupted' })
  | RunningElsewhere;

/** Another executor holds the run (or made the same publish first); nothing was written here. */
export interface RunningElsewhere {
  status: 'running_elsewhere';
  /** The run another executor holds; null when it started a new one first. */
  runId: string | null;
  publishNo: number;
  /** Until when its lease runs, if known: after that, an executor may take the run over. */
  leaseUntil: string | null;
  message: string;
}

/** The counts and links of a run, from its ledger. */
export function reportBase(plan: PublishPlan, ledger: PublishLedger): ReportBase {
  const results = (kind: PublishStepKind) =>
    plan.steps.filter((step) => step.kind === kind).map((step) => ledger.resultOf(step.key));
  const first = (kind: PublishStepKind, field: string) => {
    const value = results(kind)[0]?.[field];
    return typeof value === 'string' ? value : null;
  };
  return {
    runId: ledger.runId,
    publishNo: plan.publishNo,
    completed: plan.steps.filter((step) => ledger.isDone(step.key)).length,
    total: plan.steps.length,
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
