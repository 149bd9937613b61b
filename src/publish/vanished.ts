/**
 * Objects a run made that are gone from Microsoft 365 (deleted by someone; the local sandbox
 * restarted): which done steps of a resuming run made objects that now answer 404 (one GET each,
 * in shared $batch requests), and which steps must be done again with a reopened one: those that
 * write on its object (a task's details, a document's columns), never those that merely link to
 * it (the chat post is not posted again because the document was made anew).
 */
import { STEP_DRIVERS } from './drivers';
import type { PublishLedger } from './publishLedger';
import type { PublishPlan, PublishStep } from './PublishPlan';
import type { DriverContext, Read } from './stepDriver';
import { runReads } from './stepRequests';

/** Done steps of this run whose object answers 404 now. */
export async function vanishedSteps(
  plan: PublishPlan,
  ledger: PublishLedger,
  ctx: DriverContext,
): Promise<PublishStep[]> {
  const reads: (Read & { step: PublishStep })[] = [];
  for (const step of plan.steps) {
    const result = ledger.resultOf(step.key);
    if (!result) continue;
    const request = STEP_DRIVERS[step.kind].verify?.(step, result) ?? null;
    if (request) reads.push({ id: `verify:${step.key}`, identity: step.identity, request, step });
  }
  if (reads.length === 0) return [];
  const answers = await runReads(reads, ctx);
  // Anything but a 404 (throttled, unreachable) is no evidence: the step stays done.
  return reads
    .filter((read) => {
      const answer = answers.get(read.id);
      return answer !== undefined && !answer.ok && answer.error.status === 404;
    })
    .map((read) => read.step);
}

/** The steps, and every done step that writes on one of their objects, transitively. */
export function withDependents(
  plan: PublishPlan,
  ledger: PublishLedger,
  steps: readonly PublishStep[],
): PublishStep[] {
  const keys = new Set(steps.map((step) => step.key));
  for (let grew = true; grew;) {
    grew = false;
    for (const step of plan.steps) {
      if (keys.has(step.key) || !ledger.isDone(step.key)) continue;
      const parents = STEP_DRIVERS[step.kind].parents?.(step) ?? [];
      if (parents.some((key) => keys.has(key))) {
        keys.add(step.key);
        grew = true;
      }
    }
  }
  return plan.steps.filter((step) => keys.has(step.key));
}
