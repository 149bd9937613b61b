/**
 * One Planner task per action, in the committee's plan:
 *
 *   GET   /planner/plans/{planId}/tasks                      (paged; to reconcile by action id)
 *   POST  /planner/tasks                                      title starts with the action id
 *   PATCH /planner/tasks/{id}            If-Match: etag       Prefer: return=representation
 *   GET   /planner/tasks/{id}/details
 *   PATCH /planner/tasks/{id}/details    If-Match: etag       description, reference to minutes
 *
 * Every PATCH needs the item's current etag. On 412 (someone changed it meanwhile) we read the
 * etag again once and repeat; a second 412 is reported. Open types need their `@odata.type`:
 * assignments `#microsoft.graph.plannerAssignment` with orderHint " !", references
 * `microsoft.graph.plannerExternalReference`, keyed by the URL with `%`, `:`, `.`, `@` and `#`
 * percent-encoded.
 *
 * Permissions: delegated Tasks.ReadWrite (least; the signed-in user must be a member of the
 * plan's group), or application Tasks.ReadWrite.All when publishing runs without a member of the
 * group. Group.ReadWrite.All would also work and is not needed.
 */
import type {
  PlannerAssignment,
  PlannerExternalReference,
  PlannerTask as GraphPlannerTask,
} from '@microsoft/microsoft-graph-types';
import { GraphRequestError } from './GraphRequestError';
import { segment, type GraphClient, type GraphResponse } from './createGraphClient';
import { collectPages } from './paging';
import {
  ShapeError,
  etagOf,
  optNum,
  optRecord,
  optStr,
  parseBody,
  record,
  str,
  type Json,
} from './parse';

export interface PlannerTask {
  id: string;
  etag: string;
  planId: string | null;
  bucketId: string | null;
  title: string;
  dueDateTime: string | null;
  percentComplete: number | null;
  assigneeIds: string[];
  /** When Planner made it (its clock): a task made before a creation was sent is not that one. */
  createdDateTime: string | null;
}

export interface PlannerTaskDetails {
  id: string;
  etag: string;
  description: string | null;
  references: Record<string, { alias: string | null; type: string | null }>;
}

export interface CreatePlannerTaskInput {
  planId: string;
  bucketId?: string;
  /** "OPSG 41/01": the title starts with it, which is how a lost creation is found again. */
  actionId: string;
  title: string;
  /** ISO 8601 with zone (Planner stores a DateTimeOffset). */
  dueDateTime?: string;
  /** Entra object ids. */
  assigneeIds: readonly string[];
  signal?: AbortSignal;
}

export interface PlannerTaskPatch {
  title?: string;
  dueDateTime?: string | null;
  percentComplete?: number;
  assign?: readonly string[];
  unassign?: readonly string[];
}

type Signal = { signal?: AbortSignal };

const RETURN_REPRESENTATION = { Prefer: 'return=representation' };

export function listPlanTasks(
  client: GraphClient,
  planId: string,
  options: Signal = {},
): Promise<PlannerTask[]> {
  return collectPages(client, `/planner/plans/${segment(planId)}/tasks`, parsePlannerTask, options);
}

/** The task of an action among a plan's tasks, by the action id its title starts with. */
export function findTaskByActionId(
  tasks: readonly PlannerTask[],
  actionId: string,
): PlannerTask | null {
  return tasksTitled(tasks, actionId)[0] ?? null;
}

/**
 * Every task whose title starts with the action id. Several meetings can have equal action ids
 * (and people add tasks by hand): a title is a candidate, never proof of whose task it is.
 */
export function tasksTitled(tasks: readonly PlannerTask[], actionId: string): PlannerTask[] {
  return tasks.filter((task) => task.title === actionId || task.title.startsWith(`${actionId} `));
}

export function plannerTitle(actionId: string, title: string): string {
  const full = title.startsWith(actionId) ? title : `${actionId} ${title}`;
  return full.length > 255 ? `${full.slice(0, 254)}…` : full;
}

export async function createPlannerTask(
  client: GraphClient,
  input: CreatePlannerTaskInput,
): Promise<PlannerTask> {
  const body: GraphPlannerTask = {
    planId: input.planId,
    title: plannerTitle(input.actionId, input.title),
    assignments: assignments(input.assigneeIds, []),
    ...(input.bucketId ? { bucketId: input.bucketId } : {}),
    ...(input.dueDateTime ? { dueDateTime: input.dueDateTime } : {}),
  };
  const response = await client.send({
    method: 'POST',
    url: '/planner/tasks',
    body,
    ...(input.signal ? { signal: input.signal } : {}),
  });
  return parseBody(response, parsePlannerTask);
}

export async function updatePlannerTask(
  client: GraphClient,
  taskId: string,
  etag: string,
  patch: PlannerTaskPatch,
  options: Signal = {},
): Promise<PlannerTask> {
  const body: GraphPlannerTask = {
    ...(patch.title !== undefined ? { title: patch.title } : {}),
    ...(patch.dueDateTime !== undefined ? { dueDateTime: patch.dueDateTime } : {}),
    ...(patch.percentComplete !== undefined ? { percentComplete: patch.percentComplete } : {}),
    ...(patch.assign || patch.unassign
      ? { assignments: assignments(patch.assign ?? [], patch.unassign ?? []) }
      : {}),
  };
  const url = `/planner/tasks/${segment(taskId)}`;
  const response = await patchWithEtag(
    client,
    url,
    etag,
    body,
    options,
    async () => (await getPlannerTask(client, taskId, options)).etag,
  );
  return response.body === undefined
    ? getPlannerTask(client, taskId, options)
    : parseBody(response, parsePlannerTask);
}

export async function getPlannerTask(
  client: GraphClient,
  taskId: string,
  options: Signal = {},
): Promise<PlannerTask> {
  const response = await client.send({
    method: 'GET',
    url: `/planner/tasks/${segment(taskId)}`,
    ...options,
  });
  return parseBody(response, parsePlannerTask);
}

export async function getTaskDetails(
  client: GraphClient,
  taskId: string,
  options: Signal = {},
): Promise<PlannerTaskDetails> {
  const response = await client.send({
    method: 'GET',
    url: `/planner/tasks/${segment(taskId)}/details`,
    ...options,
  });
  return parseBody(response, parsePlannerTaskDetails);
}

export interface TaskDetailsPatch {
  description?: string;
  /** A link to the minutes; Planner shows `alias` and a Word icon. */
  reference?: {
    url: string;
    alias: string;
    type?: 'Word' | 'Excel' | 'PowerPoint' | 'OneNote' | 'Pdf' | 'Other';
  };
}

export async function updateTaskDetails(
  client: GraphClient,
  taskId: string,
  etag: string,
  patch: TaskDetailsPatch,
  options: Signal = {},
): Promise<PlannerTaskDetails> {
  const references: Record<string, PlannerExternalReference & { '@odata.type': string }> = {};
  if (patch.reference) {
    references[plannerReferenceKey(patch.reference.url)] = {
      '@odata.type': 'microsoft.graph.plannerExternalReference',
      alias: patch.reference.alias,
      type: patch.reference.type ?? 'Word',
    };
  }
  const body = {
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.reference ? { references } : {}),
  };
  const url = `/planner/tasks/${segment(taskId)}/details`;
  const response = await patchWithEtag(
    client,
    url,
    etag,
    body,
    options,
    async () => (await getTaskDetails(client, taskId, options)).etag,
  );
  return response.body === undefined
    ? getTaskDetails(client, taskId, options)
    : parseBody(response, parsePlannerTaskDetails);
}

/** The property name Planner wants for a reference: the URL with % : . @ # percent-encoded. */
export function plannerReferenceKey(url: string): string {
  return url
    .replace(/%/g, '%25')
    .replace(/:/g, '%3A')
    .replace(/\./g, '%2E')
    .replace(/@/g, '%40')
    .replace(/#/g, '%23');
}

/** PATCH with If-Match; on 412 read the current etag once and repeat. */
async function patchWithEtag(
  client: GraphClient,
  url: string,
  etag: string,
  body: unknown,
  options: Signal,
  rereadEtag: () => Promise<string>,
): Promise<GraphResponse> {
  const send = (match: string): Promise<GraphResponse> =>
    client.send({
      method: 'PATCH',
      url,
      headers: { 'If-Match': match, ...RETURN_REPRESENTATION },
      body,
      ...options,
    });
  try {
    return await send(etag);
  } catch (error) {
    if (!(error instanceof GraphRequestError) || error.status !== 412) throw error;
    return send(await rereadEtag());
  }
}

function assignments(
  assign: readonly string[],
  unassign: readonly string[],
): Record<string, (PlannerAssignment & { '@odata.type': string }) | null> {
  const result: Record<string, (PlannerAssignment & { '@odata.type': string }) | null> = {};
  for (const id of assign)
    result[id] = { '@odata.type': '#microsoft.graph.plannerAssignment', orderHint: ' !' };
  for (const id of unassign) result[id] = null;
  return result;
}

export function parsePlannerTask(value: unknown): PlannerTask {
  const task = record(value, 'plannerTask');
  const etag = etagOf(task, 'plannerTask');
  if (etag === null) throw new ShapeError('plannerTask has no @odata.etag');
  return {
    id: str(task, 'id', 'plannerTask'),
    etag,
    planId: optStr(task, 'planId', 'plannerTask'),
    bucketId: optStr(task, 'bucketId', 'plannerTask'),
    title: str(task, 'title', 'plannerTask'),
    dueDateTime: optStr(task, 'dueDateTime', 'plannerTask'),
    percentComplete: optNum(task, 'percentComplete', 'plannerTask'),
    assigneeIds: Object.entries(optRecord(task.assignments, 'plannerTask.assignments') ?? {})
      .filter(([key, assignment]) => !key.startsWith('@') && assignment !== null)
      .map(([key]) => key),
    createdDateTime: optStr(task, 'createdDateTime', 'plannerTask'),
  };
}

export function parsePlannerTaskDetails(value: unknown): PlannerTaskDetails {
  const details = record(value, 'plannerTaskDetails');
  const etag = etagOf(details, 'plannerTaskDetails');
  if (etag === null) throw new ShapeError('plannerTaskDetails has no @odata.etag');
  const references: PlannerTaskDetails['references'] = {};
  for (const [key, entry] of Object.entries(
    optRecord(details.references, 'plannerTaskDetails.references') ?? {},
  )) {
    if (key.startsWith('@') || entry === null) continue;
    const reference: Json = record(entry, 'plannerExternalReference');
    references[key] = {
      alias: optStr(reference, 'alias', 'plannerExternalReference'),
      type: optStr(reference, 'type', 'plannerExternalReference'),
    };
  }
  return {
    id: str(details, 'id', 'plannerTaskDetails'),
    etag,
    description: optStr(details, 'description', 'plannerTaskDetails'),
    references,
  };
}
