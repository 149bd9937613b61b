/**
 * Microsoft To Do (todouser-list-lists.md, todotasklist-list-tasks.md, todotasklist-post-tasks.md,
 * todotask-get.md, todotask-update.md). Permissions: Tasks.ReadWrite (delegated, own lists only),
 * Tasks.ReadWrite.All (application).
 * Refusals: a delegated caller reaching another user's lists → 400 ErrorIncorrectRoutingHint
 * (microsoft-graph-toolkit#1620); `dateTimeTimeZone.dateTime` with an offset or unreadable →
 * 400; `$filter` → 400 (reconcile by listing, matching linkedResources.externalId); a stale
 * If-Match → 412; linkedResources in a PATCH → 400 (they are created with the task). DELETE
 * (todotask-delete.md) → 204, with an optional If-Match; a deleted task answers 404.
 */
import { checkIfMatch, TODO_IF_MATCH } from '../core/etags';
import { badRequest, notFound } from '../core/graphError';
import { collection, contextUrl, json, parseExpand } from '../core/odataQuery';
import type { RouteContext, RouteDef } from '../core/types';
import type { GraphObject, TodoListRec, TodoTaskRec } from '../state/SandboxState';
import { isLocalDateTime, normaliseLocalDateTime } from '../state/outlookDates';

const TASK = 'microsoft.graph.todoTask';
const DATE_FIELDS = ['dueDateTime', 'reminderDateTime', 'startDateTime', 'completedDateTime'];
const WRITABLE = [
  'title',
  'importance',
  'isReminderOn',
  'status',
  'categories',
  'recurrence',
  ...DATE_FIELDS,
];

function ownerOnly(context: RouteContext): void {
  if (!context.session.appOnly && context.principal!.id !== context.session.me.id) {
    throw badRequest(
      'ErrorIncorrectRoutingHint',
      "The x-anchor mailbox 'UPN' does not match the target of the request: a delegated token reaches only the signed-in user's To Do.",
    );
  }
}

function findList(context: RouteContext): TodoListRec {
  ownerOnly(context);
  const list = context.runtime.state.todoLists.get(context.params.listId!);
  if (!list || list.ownerId !== context.principal!.id)
    throw notFound('ErrorItemNotFound', 'The specified object was not found in the store.');
  return list;
}

function findTask(context: RouteContext, list: TodoListRec): TodoTaskRec {
  const task = list.tasks.get(context.params.taskId!);
  if (!task)
    throw notFound('ErrorItemNotFound', 'The specified object was not found in the store.');
  return task;
}

function readDates(write: GraphObject): GraphObject {
  const dates: GraphObject = {};
  for (const field of DATE_FIELDS) {
    if (!(field in write)) continue;
    const value = write[field] as { dateTime?: string; timeZone?: string | null } | null;
    if (value === null) {
      dates[field] = null;
      continue;
    }
    if (typeof value.dateTime !== 'string' || !isLocalDateTime(value.dateTime)) {
      throw badRequest(
        'invalidRequest',
        `${field}.dateTime must be a local date and time without offset, like "2025-02-24T17:00:00" (got "${String(value.dateTime)}").`,
      );
    }
    if (typeof value.timeZone !== 'string' || value.timeZone.trim() === '') {
      throw badRequest(
        'invalidRequest',
        `${field}.timeZone is required, e.g. "UTC" or "Europe/London".`,
      );
    }
    dates[field] = { dateTime: normaliseLocalDateTime(value.dateTime), timeZone: value.timeZone };
  }
  return dates;
}

function taskBody(task: TodoTaskRec, expandLinks: boolean, context: RouteContext): GraphObject {
  const body: GraphObject = { '@odata.etag': task.etag, ...task.resource };
  if (expandLinks) {
    body['linkedResources@odata.context'] = contextUrl(
      context,
      'users/todo/lists/tasks/linkedResources',
    );
    body.linkedResources = task.linkedResources;
  }
  return body;
}

function createTask(context: RouteContext) {
  const list = findList(context);
  const write = context.req.body as GraphObject;
  const dates = readDates(write);
  const at = context.now.toISOString();
  const resource: GraphObject = {
    importance: 'normal',
    isReminderOn: false,
    status: 'notStarted',
    title: null,
    createdDateTime: at,
    lastModifiedDateTime: at,
    hasAttachments: false,
    categories: [],
    id: context.runtime.ids.exchangeId(),
    body: { content: '', contentType: 'text' },
    bodyLastModifiedDateTime: at,
  };
  for (const field of WRITABLE)
    if (field in write && !DATE_FIELDS.includes(field)) resource[field] = write[field];
  if (typeof resource.importance === 'string')
    resource.importance = resource.importance.toLowerCase();
  if (write.body) resource.body = { contentType: 'text', ...(write.body as GraphObject) };
  Object.assign(resource, dates);
  const links = ((write.linkedResources as GraphObject[] | null | undefined) ?? []).map((link) => ({
    ...link,
    id: context.runtime.ids.guid(),
  }));
  const task: TodoTaskRec = {
    resource,
    linkedResources: links,
    etag: `W/"${context.runtime.ids.opaque(18)}"`,
  };
  list.tasks.set(resource.id as string, task);
  return json(
    201,
    {
      '@odata.context': contextUrl(context, 'users/todo/lists/tasks/$entity'),
      ...taskBody(task, links.length > 0, context),
    },
    { type: TASK },
  );
}

function updateTask(context: RouteContext) {
  const list = findList(context);
  const task = findTask(context, list);
  checkIfMatch(context.req, task.etag, TODO_IF_MATCH);
  const write = context.req.body as GraphObject;
  if ('linkedResources' in write) {
    throw badRequest(
      'invalidRequest',
      'linkedResources cannot be changed with PATCH on the task; use the linkedResources collection.',
    );
  }
  const dates = readDates(write);
  const resource = { ...task.resource };
  for (const field of WRITABLE)
    if (field in write && !DATE_FIELDS.includes(field)) resource[field] = write[field];
  if (write.body) {
    resource.body = { contentType: 'text', ...(write.body as GraphObject) };
    resource.bodyLastModifiedDateTime = context.now.toISOString();
  }
  Object.assign(resource, dates);
  if (write.status === 'completed' && !('completedDateTime' in write)) {
    resource.completedDateTime = {
      dateTime: normaliseLocalDateTime(context.now.toISOString().slice(0, 19)),
      timeZone: 'UTC',
    };
  }
  resource.lastModifiedDateTime = context.now.toISOString();
  task.resource = resource;
  task.etag = `W/"${context.runtime.ids.opaque(18)}"`;
  return json(
    200,
    {
      '@odata.context': contextUrl(context, 'users/todo/lists/tasks/$entity'),
      ...taskBody(task, false, context),
    },
    { type: TASK },
  );
}

export function todoRoutes(): RouteDef[] {
  const lists = '/{principal}/todo/lists';
  const expandLinks = (context: RouteContext) =>
    parseExpand(context, TASK, ['linkedResources']).has('linkedresources');
  return [
    {
      method: 'GET',
      pattern: `${lists}/{listId}/tasks/{taskId}`,
      service: 'todo',
      query: ['$expand'],
      handle(context) {
        const task = findTask(context, findList(context));
        return json(
          200,
          {
            '@odata.context': contextUrl(context, 'users/todo/lists/tasks/$entity'),
            ...taskBody(task, expandLinks(context), context),
          },
          { type: TASK },
        );
      },
    },
    {
      method: 'DELETE',
      pattern: `${lists}/{listId}/tasks/{taskId}`,
      service: 'todo',
      handle(context) {
        const list = findList(context);
        const task = findTask(context, list);
        checkIfMatch(context.req, task.etag, TODO_IF_MATCH);
        list.tasks.delete(context.params.taskId!);
        return { status: 204 };
      },
    },
    {
      method: 'PATCH',
      pattern: `${lists}/{listId}/tasks/{taskId}`,
      service: 'todo',
      body: { type: TASK },
      handle: updateTask,
    },
    {
      method: 'GET',
      pattern: `${lists}/{listId}/tasks`,
      service: 'todo',
      query: ['$top', '$skiptoken', '$expand'],
      handle(context) {
        const list = findList(context);
        const expand = expandLinks(context);
        const tasks = [...list.tasks.values()].map((task) => taskBody(task, expand, context));
        return collection(context, tasks, TASK, 'users/todo/lists/tasks');
      },
    },
    {
      method: 'POST',
      pattern: `${lists}/{listId}/tasks`,
      service: 'todo',
      body: { type: TASK },
      handle: createTask,
    },
    {
      method: 'GET',
      pattern: lists,
      service: 'todo',
      query: ['$top', '$skiptoken'],
      handle(context) {
        ownerOnly(context);
        const owned = [...context.runtime.state.todoLists.values()]
          .filter((list) => list.ownerId === context.principal!.id)
          .map((list) => ({ '@odata.etag': list.etag, ...list.resource }));
        return collection(context, owned, 'microsoft.graph.todoTaskList', 'users/todo/lists');
      },
    },
  ];
}
