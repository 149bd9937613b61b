/**
 * A named contact's To Do reminder for an action, in their default list, as the app (application
 * Tasks.ReadWrite.All: delegated tokens reach only the signed-in user's own To Do). Created with a
 * linked resource whose externalId is our key, which is how a creation in doubt is found again
 * (application tokens cannot add the link later); the externalId is the key's marker, which holds
 * the tenant and the meeting. Updates are safe to repeat; a task deleted since is created anew, in
 * the list the user has as default now.
 *
 * Permissions: application Tasks.ReadWrite.All.
 */
import type { LinkedResource, TodoTask as GraphTodoTask } from '@microsoft/microsoft-graph-types';
import { collectionPage, parseValue } from '../graph/parse';
import { parseTodoList, parseTodoTask, TODO_APPLICATION_NAME } from '../graph/todo';
import { httpsUrl } from '../minutes';
import type { TodoTaskStep } from './PublishPlan';
import { bodyOf, encode, onMissing, textOf, type StepDriver, type StepState } from './stepDriver';

const tasksUrl = (userId: string, listId: string) =>
  `/users/${encode(userId)}/todo/lists/${encode(listId)}/tasks`;

export const todoTaskDriver: StepDriver<TodoTaskStep> = {
  reads(step, state) {
    const update = step.existing && !state.recreate ? step.existing : null;
    if (update) return [];
    const listId = knownList(step, state);
    if (state.inDoubt && listId) {
      return [
        {
          id: `todo:${step.userId}:${listId}`,
          identity: step.identity,
          collect: `${tasksUrl(step.userId, listId)}?$expand=linkedResources`,
        },
      ];
    }
    return listId
      ? []
      : [
          {
            id: `lists:${step.userId}`,
            identity: step.identity,
            request: { method: 'GET', url: `/users/${encode(step.userId)}/todo/lists` },
          },
        ];
  },

  async decide(step, state, answers, ctx) {
    const update = step.existing && !state.recreate ? step.existing : null;
    if (update) {
      const body: GraphTodoTask = {
        title: step.title,
        dueDateTime: step.dueDateTime,
        reminderDateTime: step.reminderDateTime,
        isReminderOn: true,
        ...(step.status ? { status: step.status } : {}),
      };
      return {
        kind: 'write',
        write: {
          identity: step.identity,
          request: {
            method: 'PATCH',
            url: `${tasksUrl(step.userId, update.listId)}/${encode(update.taskId)}`,
            body,
          },
          parse: () => ({ ...update }),
        },
      };
    }
    let listId = knownList(step, state);
    if (listId && state.inDoubt) {
      const tasks = parseValue(
        bodyOf(answers, `todo:${step.userId}:${listId}`),
        'GET To Do tasks',
        (body) => (body as unknown[]).map(parseTodoTask),
      );
      const found = tasks.find((task) => task.externalIds?.includes(step.externalId));
      if (found) return { kind: 'done', result: { listId, taskId: found.id } };
    }
    if (!listId) {
      const lists = parseValue(bodyOf(answers, `lists:${step.userId}`), 'GET To Do lists', (body) =>
        collectionPage(body).value.map(parseTodoList),
      );
      listId = lists.find((list) => list.wellknownListName === 'defaultList')?.id ?? null;
      if (!listId)
        listId = (await ctx.graph.gateway.todo.defaultList({ id: step.userId }))?.id ?? null;
      if (!listId) {
        return {
          kind: 'fail',
          error: new Error(`${step.label}: the user has no default To Do list.`),
        };
      }
    }
    // To Do makes a link of the resource: an https: address only (httpsUrl).
    const url = httpsUrl(ctx.documentUrl(step));
    const linked: LinkedResource = {
      applicationName: TODO_APPLICATION_NAME,
      displayName: step.linkName,
      externalId: step.externalId,
      ...(url ? { webUrl: url } : {}),
    };
    const body: GraphTodoTask & { linkedResources: LinkedResource[] } = {
      title: step.title,
      body: { contentType: 'text', content: step.bodyText },
      dueDateTime: step.dueDateTime,
      reminderDateTime: step.reminderDateTime,
      isReminderOn: true,
      ...(step.status ? { status: step.status } : {}),
      linkedResources: [linked],
    };
    const list = listId;
    return {
      kind: 'write',
      write: {
        identity: step.identity,
        pending: { listId: list },
        request: { method: 'POST', url: tasksUrl(step.userId, list), body },
        parse: (answer) => ({
          listId: list,
          taskId: parseValue(answer, 'POST To Do task', parseTodoTask).id,
        }),
      },
    };
  },

  onError: (step, state, error) => (step.existing ? onMissing(state, error) : 'failed'),
  verify: (step, result) => {
    const listId = textOf(result.listId);
    const taskId = textOf(result.taskId);
    return listId && taskId
      ? { method: 'GET', url: `${tasksUrl(step.userId, listId)}/${encode(taskId)}` }
      : null;
  },
};

/** The list a creation goes to, if known: the pending record's, else the earlier task's list. */
function knownList(step: TodoTaskStep, state: StepState): string | null {
  const pending = textOf(state.record?.result?.listId);
  if (pending) return pending;
  // The task is gone: its list may be too; read the user's default list again.
  return state.recreate ? null : (step.existing?.listId ?? null);
}
