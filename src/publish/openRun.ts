/**
 * Opening the run a plan executes, under the run's lease: resuming the unfinished run (nothing
 * changed since it began), or starting a new one (first publish, republish, or taking over from an
 * unfinished run after the meeting changed: that run is closed as `superseded` first). Either way
 * the run records what it sets out to do (its plan's step keys), so its progress stays true even
 * if the server dies mid-way. When another executor holds the run, nothing is written.
 */
import { DomainError } from '../domain';
import type { Store } from '../store';
import type { PublishPlan } from './PublishPlan';
import type { PublishReport, RunningElsewhere } from './publishReport';
import type { RunLease } from './runLease';
import type { RunningSnapshot } from './runProgress';

export type OpenedRun = { runId: string } | { report: RunningElsewhere };

export interface OpenRunInput {
  plan: PublishPlan;
  store: Store;
  lease: RunLease;
  now: () => string;
  newRunId: () => string;
}

export async function openRun(input: OpenRunInput): Promise<OpenedRun> {
  const { plan, store, lease, now } = input;
  const { tenantId } = plan;
  const snapshot = (runId: string): RunningSnapshot => ({
    status: 'running',
    runId,
    publishNo: plan.publishNo,
    total: plan.steps.length,
    planned: plan.steps.map((step) => step.key),
    skipped: plan.skipped,
  });

  if (plan.resumeRunId !== null) {
    const runId = plan.resumeRunId;
    if (!(await lease.take(runId))) return { report: await elsewhere(input, runId) };
    // Running again until it ends (a server that dies leaves it so: interrupted).
    await store.updatePublishRun(tenantId, runId, {
      status: 'running',
      updatedAt: now(),
      report: snapshot(runId),
    });
    return { runId };
  }

  if (plan.supersedes !== null) {
    const old = plan.supersedes;
    if (!(await lease.take(old.runId))) return { report: await elsewhere(input, old.runId) };
    const closed: PublishReport = {
      status: 'failed',
      runId: old.runId,
      publishNo: old.publishNo,
      completed: old.completed,
      total: old.total,
      skipped: [],
      links: { documentUrl: null, chatMessageUrl: null, plannerTaskIds: [] },
      failedStep: null,
      code: 'superseded',
      message: `The meeting changed after this publish stopped, so publish ${plan.publishNo} took over from it, keeping what it had done.`,
    };
    await store.updatePublishRun(tenantId, old.runId, {
      status: 'failed',
      updatedAt: now(),
      report: closed,
    });
    await lease.release();
  }

  const runId = input.newRunId();
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
      report: snapshot(runId),
      leaseHolder: lease.holder,
      leaseUntil: lease.untilFromNow(),
    });
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'already_exists') throw error;
    // Another executor started this very publish first.
    return {
      report: {
        status: 'running_elsewhere',
        runId: null,
        publishNo: plan.publishNo,
        leaseUntil: null,
        message: `Publish ${plan.publishNo} of this meeting was started by another server a moment ago; follow that one.`,
      },
    };
  }
  if (!(await lease.take(runId))) return { report: await elsewhere(input, runId) };
  return { runId };
}

async function elsewhere(input: OpenRunInput, runId: string): Promise<RunningElsewhere> {
  const { plan, store } = input;
  const runs = await store.listPublishRuns(plan.tenantId, plan.meetingId);
  const run = runs.find((entry) => entry.runId === runId);
  const until = run?.leaseUntil ?? null;
  return {
    status: 'running_elsewhere',
    runId,
    publishNo: run?.publishNo ?? plan.publishNo,
    leaseUntil: until,
    message: `Another server is publishing this meeting${until ? ` (its hold on the run lasts until ${until} unless it renews it)` : ''}; wait for it to finish, or publish again after that time if that server stopped.`,
  };
}
