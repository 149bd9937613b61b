/**
 * An action's Planner task in the committee's plan and bucket, its title starting with the action
 * id, due at 17:00 on the target date, assigned to the named contacts; then its details (the
 * description and a reference link to the minutes, ending with the task's marker). A creation in
 * doubt is looked up among the plan's tasks: those whose title starts with the action id are
 * candidates, and their descriptions say whose they are: ours carries our marker, another
 * meeting's its own. A candidate with no marker yet (a creation whose details were never written)
 * is taken only if it has the title and bucket our creation was sent with (kept with the pending
 * record) and Planner made it after that creation was sent. Every PATCH carries the etag
 * (If-Match): a 412 means someone changed the task, so it is read again and the update repeated; a
 * task deleted since is created anew (and its details written again).
 *
 * Permissions: delegated Tasks.ReadWrite (a member of the plan's group), or application
 * Tasks.ReadWrite.All.
 */
import type {
  PlannerAssignment,
  PlannerTask as GraphPlannerTask,
} from '@microsoft/microsoft-graph-types';
import { batchItemBody } from '../graph/batch';
import {
  parsePlannerTask,
  parsePlannerTaskDetails,
  plannerReferenceKey,
  tasksTitled,
  type PlannerTask,
} from '../graph/planner';
import { parseValue } from '../graph/parse';
import { httpsUrl } from '../minutes';
import type { PlannerDetailsStep, PlannerTaskStep } from './PublishPlan';
import { TASK_MARKER_PREFIX } from './publishValues';
import {
  answerOf,
  bodyOf,
  encode,
  isGone,
  needResult,
  onMissing,
  textOf,
  type DriverContext,
  type StepDriver,
  type StepState,
} from './stepDriver';

const RETURN_REPRESENTATION = { Prefer: 'return=representation' };

function assignments(assign: readonly string[], unassign: readonly string[]) {
  const result: Record<string, (PlannerAssignment & { '@odata.type': string }) | null> = {};
  for (const id of assign)
    result[id] = { '@odata.type': '#microsoft.graph.plannerAssignment', orderHint: ' !' };
  for (const id of unassign) result[id] = null;
  return result;
}

export const plannerTaskDriver: StepDriver<PlannerTaskStep> = {
  reads(step, state) {
    const update = step.existing && !state.recreate ? step.existing : null;
    if (update && (state.stale || state.inDoubt)) {
      return [
        {
          id: `task:${update.taskId}`,
          identity: step.identity,
          request: { method: 'GET', url: `/planner/tasks/${encode(update.taskId)}` },
        },
      ];
    }
    if (!update && state.inDoubt) {
      return [
        {
          id: `plan:${step.planId}`,
          identity: step.identity,
          collect: `/planner/plans/${encode(step.planId)}/tasks`,
        },
      ];
    }
    return [];
  },

  async decide(step, state, answers, ctx) {
    const update = step.existing && !state.recreate ? step.existing : null;
    if (
      update &&
      (state.stale || state.inDoubt) &&
      isGone(answerOf(answers, `task:${update.taskId}`))
    )
      return { kind: 'recreate' };
    if (!update) {
      if (state.inDoubt) {
        const tasks = parseValue(bodyOf(answers, `plan:${step.planId}`), 'GET plan tasks', (body) =>
          (body as unknown[]).map(parsePlannerTask),
        );
        const found = await ownTask(step, state, tasks, ctx);
        if (found) return { kind: 'done', result: taskResult(found) };
      }
      const all = step.existing ? [...step.assign, ...step.existing.assigneeIds] : step.assign;
      const body: GraphPlannerTask = {
        planId: step.planId,
        bucketId: step.bucketId,
        title: step.title,
        assignments: assignments(
          [...new Set(all)].filter((id) => !step.unassign.includes(id)),
          [],
        ),
        ...(step.dueDateTime ? { dueDateTime: step.dueDateTime } : {}),
        ...(step.percentComplete !== null ? { percentComplete: step.percentComplete } : {}),
      };
      return {
        kind: 'write',
        write: {
          identity: step.identity,
          // What the task is made with: a lookup, should its answer be lost, matches it.
          pending: { title: step.title, bucketId: step.bucketId },
          request: { method: 'POST', url: '/planner/tasks', body },
          parse: (answer) => taskResult(parseValue(answer, 'POST planner task', parsePlannerTask)),
        },
      };
    }
    const etag =
      state.stale || state.inDoubt
        ? parseValue(bodyOf(answers, `task:${update.taskId}`), 'GET planner task', parsePlannerTask)
            .etag
        : update.etag;
    const body: GraphPlannerTask = {
      title: step.title,
      dueDateTime: step.dueDateTime,
      ...(step.percentComplete !== null ? { percentComplete: step.percentComplete } : {}),
      ...(step.assign.length || step.unassign.length
        ? { assignments: assignments(step.assign, step.unassign) }
        : {}),
    };
    return {
      kind: 'write',
      write: {
        identity: step.identity,
        request: {
          method: 'PATCH',
          url: `/planner/tasks/${encode(update.taskId)}`,
          headers: { 'If-Match': etag, ...RETURN_REPRESENTATION },
          body,
        },
        parse: (answer) => taskResult(parseValue(answer, 'PATCH planner task', parsePlannerTask)),
      },
    };
  },

  onError: (step, state, error) =>
    error.status === 412 ? 'stale' : step.existing ? onMissing(state, error) : 'failed',
  verify: (_step, result) =>
    typeof result.taskId === 'string'
      ? { method: 'GET', url: `/planner/tasks/${encode(result.taskId)}` }
      : null,
};

function taskResult(task: { id: string; etag: string; assigneeIds: string[] }) {
  return { taskId: task.id, etag: task.etag, assigneeIds: task.assigneeIds };
}

/** How long before the pending record a task without a marker may have been made (clock skew). */
const CREATION_WINDOW_MS = 10 * 60_000;

/** Our task among the plan's tasks, or null: by title, then by the marker in the description. */
async function ownTask(
  step: PlannerTaskStep,
  state: StepState,
  tasks: readonly PlannerTask[],
  ctx: DriverContext,
): Promise<PlannerTask | null> {
  const candidates = tasksTitled(tasks, step.actionId);
  const ours = `${TASK_MARKER_PREFIX}${step.marker}`;
  const unmarked: PlannerTask[] = [];
  for (let start = 0; start < candidates.length; start += 20) {
    const chunk = candidates.slice(start, start + 20);
    const results = await ctx.graph.batch(
      step.identity,
      chunk.map((task) => ({ method: 'GET', url: `/planner/tasks/${encode(task.id)}/details` })),
    );
    for (const [index, task] of chunk.entries()) {
      let description: string;
      try {
        const body = batchItemBody(results[index]!, 'GET task details');
        description = parsePlannerTaskDetails(body).description ?? '';
      } catch {
        continue; // Gone since the list was read, or unreadable: not one to take.
      }
      if (description.includes(ours)) return task;
      if (!description.includes(`${TASK_MARKER_PREFIX}minutebook:`)) unmarked.push(task);
    }
  }
  // A task whose description is not written yet could be any meeting's with this action id: it
  // is taken only if it is what our creation made (its title and bucket, as sent) and Planner
  // made it after our creation was sent.
  const sent = state.record?.result ?? null;
  const title = textOf(sent?.title) ?? step.title;
  const bucketId = textOf(sent?.bucketId) ?? step.bucketId;
  const sentAt = Date.parse(state.record?.updatedAt ?? '');
  const made = (task: PlannerTask) => Date.parse(task.createdDateTime ?? '');
  const recent = unmarked
    .filter((task) => task.title === title && (task.bucketId ?? bucketId) === bucketId)
    .filter((task) => made(task) >= sentAt - CREATION_WINDOW_MS)
    .sort((a, b) => made(b) - made(a));
  return recent[0] ?? null;
}

/** The details of a task this run made or updated: a task deleted since is made again first. */
export const plannerDetailsDriver: StepDriver<PlannerDetailsStep> = {
  reads(step, _state, ctx) {
    const taskId = needResult(ctx, step.taskKey, 'taskId');
    return [
      {
        id: `details:${taskId}`,
        identity: step.identity,
        request: { method: 'GET', url: `/planner/tasks/${encode(taskId)}/details` },
      },
    ];
  },

  async decide(step, _state, answers, ctx) {
    const taskId = needResult(ctx, step.taskKey, 'taskId');
    if (isGone(answerOf(answers, `details:${taskId}`))) return { kind: 'reopen' };
    const details = parseValue(bodyOf(answers, `details:${taskId}`), 'GET task details', (body) =>
      parsePlannerTaskDetails(body),
    );
    // Planner makes a link of the reference: an https: address only (httpsUrl).
    const url = httpsUrl(ctx.documentUrl(step));
    const references = url
      ? {
          [plannerReferenceKey(url)]: {
            '@odata.type': 'microsoft.graph.plannerExternalReference',
            alias: step.referenceAlias,
            type: 'Word',
          },
        }
      : undefined;
    return {
      kind: 'write',
      write: {
        identity: step.identity,
        request: {
          method: 'PATCH',
          url: `/planner/tasks/${encode(taskId)}/details`,
          headers: { 'If-Match': details.etag, ...RETURN_REPRESENTATION },
          body: { description: step.description, ...(references ? { references } : {}) },
        },
        parse: (answer) => ({
          taskId,
          etag: parseValue(answer, 'PATCH task details', parsePlannerTaskDetails).etag,
        }),
      },
    };
  },

  onError: (_step, _state, error) =>
    error.status === 412 ? 'stale' : error.status === 404 ? 'reopen' : 'failed',
  parents: (step) => [step.taskKey],
  verify: (_step, result) =>
    typeof result.taskId === 'string'
      ? { method: 'GET', url: `/planner/tasks/${encode(result.taskId)}/details` }
      : null,
};
