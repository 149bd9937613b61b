/**
 * Planner (planner-post-tasks.md, plannertask-get.md, plannertask-update.md,
 * plannertask-delete.md, plannertaskdetails-get.md, plannertaskdetails-update.md,
 * plannerplan-list-tasks.md). Permissions: Tasks.ReadWrite (delegated), Tasks.ReadWrite.All (app).
 * PATCH and DELETE require `If-Match` with the resource's current etag: missing or stale → 412
 * (code "", Planner's messages). A task and its details have separate etags. Answers are 204, or
 * 200 with the resource when the request says `Prefer: return=representation`.
 */
import { checkIfMatch, nextPlannerEtag, nextSequence, PLANNER_IF_MATCH } from '../core/etags';
import { badRequest, notFound } from '../core/graphError';
import { collection, contextUrl, json } from '../core/odataQuery';
import type { GraphResponse, RouteContext, RouteDef } from '../core/types';
import type { GraphObject, PlannerTaskRec, PlanRec } from '../state/SandboxState';
import {
  checkCategories,
  checkDates,
  checkOrderHint,
  mergeAssignments,
  mergeChecklist,
  mergeReferences,
  storedOrderHint,
} from './plannerRules';

const TASK = 'microsoft.graph.plannerTask';
const DETAILS = 'microsoft.graph.plannerTaskDetails';
const missing = () => notFound('', 'The requested item is not found.');
const SIMPLE_FIELDS = [
  'title',
  'dueDateTime',
  'startDateTime',
  'percentComplete',
  'priority',
  'conversationThreadId',
];

function findPlan(context: RouteContext, planId: string): PlanRec {
  const plan = context.runtime.state.plans.get(planId);
  if (!plan) throw missing();
  return plan;
}

function findTask(context: RouteContext): PlannerTaskRec {
  const task = context.runtime.state.plannerTasks.get(context.params.taskId!);
  if (!task) throw missing();
  return task;
}

function taskBody(task: PlannerTaskRec): GraphObject {
  const details = task.details;
  const checklist = Object.values((details.checklist ?? {}) as GraphObject) as GraphObject[];
  return {
    '@odata.etag': task.etag,
    ...task.resource,
    hasDescription: typeof details.description === 'string' && details.description !== '',
    referenceCount: Object.keys((details.references ?? {}) as GraphObject).length,
    checklistItemCount: checklist.length,
    activeChecklistItemCount: checklist.filter((item) => item.isChecked !== true).length,
  };
}

function detailsBody(task: PlannerTaskRec): GraphObject {
  return { '@odata.etag': task.detailsEtag, ...task.details };
}

function answer(
  context: RouteContext,
  body: GraphObject,
  type: string,
  fragment: string,
): GraphResponse {
  const prefer = (context.req.headers.prefer ?? '').toLowerCase();
  if (prefer.includes('return=representation')) {
    return json(200, { '@odata.context': contextUrl(context, fragment), ...body }, { type });
  }
  return { status: 204, headers: { ETag: String(body['@odata.etag']) } };
}

function applyTaskWrite(context: RouteContext, resource: GraphObject, write: GraphObject): void {
  checkOrderHint(write.orderHint, 'orderHint');
  checkOrderHint(write.assigneePriority, 'assigneePriority');
  checkCategories(write.appliedCategories);
  for (const field of SIMPLE_FIELDS) if (field in write) resource[field] = write[field];
  if (typeof write.orderHint === 'string')
    resource.orderHint = storedOrderHint(nextSequence(context.runtime));
  if (typeof write.assigneePriority === 'string')
    resource.assigneePriority = storedOrderHint(nextSequence(context.runtime));
  if (write.appliedCategories)
    resource.appliedCategories = {
      ...(resource.appliedCategories as GraphObject),
      ...(write.appliedCategories as GraphObject),
    };
  const at = context.now.toISOString();
  resource.assignments = mergeAssignments(
    resource.assignments as GraphObject,
    write.assignments,
    context.session.me,
    at,
    () => nextSequence(context.runtime),
  );
  if (write.percentComplete === 100) {
    resource.completedDateTime = at;
    resource.completedBy = { user: { displayName: null, id: context.session.me.id } };
  } else if (typeof write.percentComplete === 'number') {
    resource.completedDateTime = null;
    resource.completedBy = null;
  }
  checkDates(resource);
}

function createTask(context: RouteContext) {
  const write = context.req.body as GraphObject;
  if (typeof write.planId !== 'string') throw badRequest('', 'planId is required.');
  if (typeof write.title !== 'string' || write.title.trim() === '')
    throw badRequest('', 'title is required.');
  const plan = findPlan(context, write.planId);
  const bucketId = (write.bucketId as string | null | undefined) ?? null;
  if (bucketId !== null && !plan.buckets.some((bucket) => bucket.id === bucketId)) {
    throw badRequest('', `The bucket '${bucketId}' is not in plan '${write.planId}'.`);
  }
  checkDates(write);
  const at = context.now.toISOString();
  const resource: GraphObject = {
    planId: write.planId,
    bucketId,
    title: write.title,
    orderHint: storedOrderHint(nextSequence(context.runtime)),
    assigneePriority: '',
    percentComplete: 0,
    startDateTime: null,
    createdDateTime: at,
    dueDateTime: null,
    previewType: 'automatic',
    completedDateTime: null,
    completedBy: null,
    conversationThreadId: null,
    priority: 5,
    id: context.runtime.ids.plannerId(),
    createdBy: { user: { displayName: null, id: context.session.me.id } },
    appliedCategories: {},
    assignments: {},
  };
  applyTaskWrite(context, resource, write);
  const task: PlannerTaskRec = {
    resource,
    etag: nextPlannerEtag(context.runtime),
    details: {
      id: resource.id,
      description: null,
      previewType: 'automatic',
      references: {},
      checklist: {},
    },
    detailsEtag: nextPlannerEtag(context.runtime),
  };
  context.runtime.state.plannerTasks.set(resource.id as string, task);
  return json(
    201,
    { '@odata.context': contextUrl(context, 'planner/tasks/$entity'), ...taskBody(task) },
    { type: TASK },
  );
}

function updateTask(context: RouteContext) {
  const task = findTask(context);
  checkIfMatch(context.req, task.etag, PLANNER_IF_MATCH);
  const write = context.req.body as GraphObject;
  if ('details' in write) {
    throw badRequest(
      '',
      "The request is invalid: Cannot apply PATCH to navigation property 'details'; PATCH /planner/tasks/{id}/details instead.",
    );
  }
  if (write.planId !== undefined && write.planId !== task.resource.planId) {
    throw badRequest('', 'A task cannot move to another plan.');
  }
  if (write.bucketId !== undefined && write.bucketId !== null) {
    const plan = findPlan(context, task.resource.planId as string);
    if (!plan.buckets.some((bucket) => bucket.id === write.bucketId)) {
      throw badRequest('', `The bucket '${String(write.bucketId)}' is not in the task's plan.`);
    }
  }
  // Work on a copy, so a refused write leaves the task as it was.
  const resource = structuredClone(task.resource);
  if (write.bucketId !== undefined) resource.bucketId = write.bucketId;
  applyTaskWrite(context, resource, write);
  task.resource = resource;
  task.etag = nextPlannerEtag(context.runtime);
  return answer(context, taskBody(task), TASK, 'planner/tasks/$entity');
}

function updateDetails(context: RouteContext) {
  const task = findTask(context);
  checkIfMatch(context.req, task.detailsEtag, PLANNER_IF_MATCH);
  const write = context.req.body as GraphObject;
  const at = context.now.toISOString();
  const details = structuredClone(task.details);
  if ('description' in write) details.description = write.description;
  if ('previewType' in write) details.previewType = write.previewType;
  details.references = mergeReferences(
    details.references as GraphObject,
    write.references,
    context.session.me,
    at,
  );
  details.checklist = mergeChecklist(
    details.checklist as GraphObject,
    write.checklist,
    context.session.me,
    at,
  );
  task.details = details;
  task.detailsEtag = nextPlannerEtag(context.runtime);
  return answer(context, detailsBody(task), DETAILS, 'planner/tasks/details/$entity');
}

export function plannerRoutes(): RouteDef[] {
  return [
    {
      method: 'POST',
      pattern: '/planner/tasks',
      service: 'planner',
      body: { type: TASK },
      handle: createTask,
    },
    {
      method: 'GET',
      pattern: '/planner/tasks/{taskId}/details',
      service: 'planner',
      handle: (c) =>
        json(
          200,
          {
            '@odata.context': contextUrl(c, 'planner/tasks/details/$entity'),
            ...detailsBody(findTask(c)),
          },
          { type: DETAILS },
        ),
    },
    {
      method: 'PATCH',
      pattern: '/planner/tasks/{taskId}/details',
      service: 'planner',
      body: { type: DETAILS },
      handle: updateDetails,
    },
    {
      method: 'GET',
      pattern: '/planner/tasks/{taskId}',
      service: 'planner',
      handle: (c) =>
        json(
          200,
          { '@odata.context': contextUrl(c, 'planner/tasks/$entity'), ...taskBody(findTask(c)) },
          { type: TASK },
        ),
    },
    {
      method: 'PATCH',
      pattern: '/planner/tasks/{taskId}',
      service: 'planner',
      body: { type: TASK },
      handle: updateTask,
    },
    {
      method: 'DELETE',
      pattern: '/planner/tasks/{taskId}',
      service: 'planner',
      handle(context) {
        const task = findTask(context);
        checkIfMatch(context.req, task.etag, PLANNER_IF_MATCH);
        context.runtime.state.plannerTasks.delete(task.resource.id as string);
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      pattern: '/planner/plans/{planId}/tasks',
      service: 'planner',
      query: ['$top', '$skiptoken'],
      handle(context) {
        const plan = findPlan(context, context.params.planId!);
        const tasks = [...context.runtime.state.plannerTasks.values()]
          .filter((task) => task.resource.planId === plan.resource.id)
          .map(taskBody);
        return collection(context, tasks, TASK, 'planner/plans/tasks');
      },
    },
    {
      method: 'GET',
      pattern: '/planner/plans/{planId}/buckets',
      service: 'planner',
      handle: (c) =>
        collection(
          c,
          findPlan(c, c.params.planId!).buckets,
          'microsoft.graph.plannerBucket',
          'planner/plans/buckets',
        ),
    },
    {
      method: 'GET',
      pattern: '/planner/plans/{planId}',
      service: 'planner',
      handle: (c) =>
        json(
          200,
          {
            '@odata.context': contextUrl(c, 'planner/plans/$entity'),
            ...findPlan(c, c.params.planId!).resource,
          },
          { type: 'microsoft.graph.plannerPlan' },
        ),
    },
  ];
}
