/**
 * A personal To Do task with a reminder for each action owner, in the owner's default list:
 *
 *   GET   /users/{id}/todo/lists                      find wellknownListName == 'defaultList'
 *   POST  /users/{id}/todo/lists/{listId}/tasks       dueDateTime / reminderDateTime as
 *         dateTimeTimeZone, isReminderOn, and a linkedResource whose externalId is our
 *         idempotency key (created with the task: application tokens cannot add it later)
 *   PATCH /users/{id}/todo/lists/{listId}/tasks/{id}
 *   GET   /users/{id}/todo/lists/{listId}/tasks?$expand=linkedResources   reconcile by the key
 *
 * To Do keeps only the date of `dueDateTime`; the reminder carries the time.
 *
 * Permissions: application Tasks.ReadWrite.All. Delegated Tasks.ReadWrite only reaches the
 * signed-in user's own To Do (Graph answers 400 ErrorIncorrectRoutingHint for another user's),
 * and the secretary creates tasks for other people, so this needs the application permission,
 * which an administrator must grant tenant-wide. Where that is not acceptable, use Planner
 * assignments (which owners see in To Do's "Assigned to me") instead.
 */
import type { LinkedResource, TodoTask as GraphTodoTask } from '@microsoft/microsoft-graph-types';
import { batchItemBody, sendBatch } from './batch';
import { query, segment, type GraphClient } from './createGraphClient';
import { collectPages } from './paging';
import {
  ShapeError,
  collectionPage,
  dateTimeTimeZone,
  etagOf,
  list,
  optBool,
  optRecord,
  optStr,
  parseBody,
  parseValue,
  record,
  str,
} from './parse';
import { userPath, type GraphUser } from './userPath';

export interface DateTimeTimeZone {
  /** Wall time without offset, "2026-09-01T17:00:00". */
  dateTime: string;
  /** Windows or IANA zone name; "UTC" when in doubt. */
  timeZone: string;
}

export interface TodoList {
  id: string;
  displayName: string | null;
  wellknownListName: string | null;
}

export interface TodoTask {
  id: string;
  etag: string | null;
  title: string;
  status: string | null;
  dueDateTime: DateTimeTimeZone | null;
  reminderDateTime: DateTimeTimeZone | null;
  isReminderOn: boolean;
  /** externalIds of its linked resources; null when the answer did not include them. */
  externalIds: string[] | null;
}

export interface TodoTaskInput {
  title: string;
  bodyText?: string;
  dueDateTime: DateTimeTimeZone;
  reminderDateTime: DateTimeTimeZone;
  /** Our idempotency key: the linked resource's externalId. */
  key: string;
  /** Where the linked resource points (the minutes, or the action in Minutebook). */
  webUrl: string;
  linkDisplayName: string;
  signal?: AbortSignal;
}

export const TODO_APPLICATION_NAME = 'Minutebook';

type Signal = { signal?: AbortSignal };

export async function getDefaultTodoList(
  client: GraphClient,
  owner: GraphUser,
  options: Signal = {},
): Promise<TodoList | null> {
  const lists = await collectPages(client, `${userPath(owner)}/todo/lists`, parseTodoList, options);
  return lists.find((item) => item.wellknownListName === 'defaultList') ?? null;
}

export async function createTodoTask(
  client: GraphClient,
  owner: GraphUser,
  listId: string,
  input: TodoTaskInput,
): Promise<TodoTask> {
  const linked: LinkedResource = {
    webUrl: input.webUrl,
    applicationName: TODO_APPLICATION_NAME,
    displayName: input.linkDisplayName,
    externalId: input.key,
  };
  const body: GraphTodoTask & { linkedResources: LinkedResource[] } = {
    title: input.title,
    dueDateTime: input.dueDateTime,
    reminderDateTime: input.reminderDateTime,
    isReminderOn: true,
    linkedResources: [linked],
    ...(input.bodyText ? { body: { contentType: 'text', content: input.bodyText } } : {}),
  };
  const response = await client.send({
    method: 'POST',
    url: tasksPath(owner, listId),
    body,
    ...(input.signal ? { signal: input.signal } : {}),
  });
  return parseBody(response, parseTodoTask);
}

export interface TodoTaskPatch {
  title?: string;
  dueDateTime?: DateTimeTimeZone;
  reminderDateTime?: DateTimeTimeZone;
  status?: 'notStarted' | 'inProgress' | 'completed' | 'waitingOnOthers' | 'deferred';
}

export async function updateTodoTask(
  client: GraphClient,
  owner: GraphUser,
  listId: string,
  taskId: string,
  patch: TodoTaskPatch,
  options: Signal = {},
): Promise<TodoTask> {
  const body: GraphTodoTask = {
    ...patch,
    ...(patch.reminderDateTime ? { isReminderOn: true } : {}),
  };
  const response = await client.send({
    method: 'PATCH',
    url: `${tasksPath(owner, listId)}/${segment(taskId)}`,
    body,
    ...options,
  });
  return parseBody(response, parseTodoTask);
}

/** The task whose linked resource carries `key`, or null: it was never created. */
export async function findTodoTaskByKey(
  client: GraphClient,
  owner: GraphUser,
  listId: string,
  key: string,
  options: Signal & { maxPages?: number } = {},
): Promise<TodoTask | null> {
  const tasks = await collectPages(
    client,
    `${tasksPath(owner, listId)}${query({ $expand: 'linkedResources' })}`,
    parseTodoTask,
    options,
  );
  const found = tasks.find((task) => task.externalIds?.includes(key));
  if (found) return found;
  // A service that ignores $expand: read the linked resources of the other tasks in $batch.
  const unknown = tasks.filter((task) => task.externalIds === null);
  if (unknown.length === 0) return null;
  const answers = await sendBatch(
    client,
    unknown.map((task) => ({
      method: 'GET' as const,
      url: `${tasksPath(owner, listId)}/${segment(task.id)}/linkedResources`,
    })),
    options.signal ? { signal: options.signal } : {},
  );
  for (const [index, task] of unknown.entries()) {
    const label = 'GET linkedResources of a To Do task';
    const body = batchItemBody(answers[index] as (typeof answers)[number], label);
    const ids = parseValue(body, label, (value) =>
      collectionPage(value)
        .value.map((item) => optStr(record(item, 'linkedResource'), 'externalId', 'linkedResource'))
        .filter((id): id is string => id !== null),
    );
    if (ids.includes(key)) return { ...task, externalIds: ids };
  }
  return null;
}

function tasksPath(owner: GraphUser, listId: string): string {
  return `${userPath(owner)}/todo/lists/${segment(listId)}/tasks`;
}

export function parseTodoList(value: unknown): TodoList {
  const item = record(value, 'todoTaskList');
  return {
    id: str(item, 'id', 'todoTaskList'),
    displayName: optStr(item, 'displayName', 'todoTaskList'),
    wellknownListName: optStr(item, 'wellknownListName', 'todoTaskList'),
  };
}

export function parseTodoTask(value: unknown): TodoTask {
  const task = record(value, 'todoTask');
  const linked = task.linkedResources;
  if (linked !== undefined && linked !== null && !Array.isArray(linked)) {
    throw new ShapeError('todoTask.linkedResources is not an array');
  }
  return {
    id: str(task, 'id', 'todoTask'),
    etag: etagOf(task, 'todoTask'),
    title: optStr(task, 'title', 'todoTask') ?? '',
    status: optStr(task, 'status', 'todoTask'),
    dueDateTime: dateTimeTimeZone(task.dueDateTime, 'todoTask.dueDateTime'),
    reminderDateTime: dateTimeTimeZone(task.reminderDateTime, 'todoTask.reminderDateTime'),
    isReminderOn: optBool(task, 'isReminderOn', 'todoTask') ?? false,
    externalIds: Array.isArray(linked)
      ? list(task, 'linkedResources', 'todoTask')
          .map((item) =>
            optStr(optRecord(item, 'linkedResource') ?? {}, 'externalId', 'linkedResource'),
          )
          .filter((id): id is string => id !== null)
      : null,
  };
}
