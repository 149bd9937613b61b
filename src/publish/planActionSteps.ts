/**
 * Planning one action's steps: its register row, its Planner task and the task's details, and a
 * To Do reminder for each named contact (the action's assignees, resolved against the
 * committee's contacts and members). Created the first time, updated in place afterwards with
 * the ids an earlier publish recorded. A withdrawn action that was never published is left out;
 * one that was is closed (register status Withdrawn, task 100 %, reminder completed).
 */
import type { ActionView, CommitteeSettings } from '../domain';
import { PlanContext, strings, text } from './PlanContext';
import { publishKeys } from './publishKeys';
import {
  actionTitle,
  DUE_TIME,
  registerFields,
  taskDescription,
  todoDates,
  zonedInstant,
} from './publishValues';

export interface NamedContact {
  id: string;
  name: string;
  entraObjectId: string | null;
}

/** Contacts and members by id, with the Entra object id Planner and To Do need. */
export function namedContacts(committee: CommitteeSettings): Map<string, NamedContact> {
  const people = new Map<string, NamedContact>();
  const add = (person: { id: string; name: string; entraObjectId?: string | undefined }) =>
    people.set(person.id, {
      id: person.id,
      name: person.name,
      entraObjectId: person.entraObjectId ?? null,
    });
  committee.members.forEach(add);
  for (const organisation of committee.organisations) organisation.contacts.forEach(add);
  return people;
}

export function planActionSteps(
  plan: PlanContext,
  action: ActionView,
  contacts: ReadonlyMap<string, NamedContact>,
): void {
  const { view, committee, minutes, meetingId: m } = plan;
  const settings = committee.publishing;
  const rowKey = publishKeys.row(m, action.id);
  const taskKey = publishKeys.task(m, action.id);
  const on = action.actionId;
  if (action.withdrawn && ![rowKey, taskKey].some((key) => plan.earlier.has(key))) {
    const reason = 'Withdrawn before it was ever published.';
    plan.skip(rowKey, 'register.upsert', `Register row for ${on}`, reason);
    plan.skip(taskKey, 'planner.upsert', `Planner task for ${on}`, reason);
    return;
  }

  const register = settings.actionRegister;
  if (!register) {
    plan.skip(
      rowKey,
      'register.upsert',
      `Register row for ${on}`,
      'No action register is configured.',
    );
  } else {
    const itemId = text(plan.resultOf(rowKey)?.itemId);
    plan.add({
      key: rowKey,
      kind: 'register.upsert',
      label: `${itemId ? 'Update' : 'Add'} the register row for ${on}`,
      dependsOn: [],
      identity: 'files',
      siteId: register.siteId,
      listId: register.listId,
      actionId: action.actionId,
      marker: plan.marker(rowKey),
      fields: registerFields(view, action, itemId ? 'update' : 'create', plan.marker(rowKey)),
      existing: itemId ? { itemId } : null,
    });
  }

  const named = action.assigneeIds.map(
    (id) => contacts.get(id) ?? { id, name: id, entraObjectId: null },
  );
  const planner = settings.planner;
  if (!planner) {
    plan.skip(
      taskKey,
      'planner.upsert',
      `Planner task for ${on}`,
      'No Planner plan is configured.',
    );
  } else {
    const before = plan.resultOf(taskKey);
    const taskId = text(before?.taskId);
    const etag = text(before?.etag);
    const had = strings(before?.assigneeIds) ?? [];
    const existing = taskId && etag ? { taskId, etag, assigneeIds: had } : null;
    const wanted = [
      ...new Set(
        named.flatMap((contact) => (contact.entraObjectId ? [contact.entraObjectId] : [])),
      ),
    ];
    plan.add({
      key: taskKey,
      kind: 'planner.upsert',
      label: `${existing ? 'Update' : 'Create'} the Planner task for ${on}`,
      dependsOn: [],
      identity: 'tasks',
      planId: planner.planId,
      bucketId: planner.bucketId,
      actionId: action.actionId,
      marker: plan.marker(taskKey),
      title: actionTitle(action),
      dueDateTime: action.targetDate
        ? zonedInstant(action.targetDate, DUE_TIME, committee.timeZone)
        : null,
      assign: existing ? wanted.filter((id) => !had.includes(id)) : wanted,
      unassign: existing ? had.filter((id) => !wanted.includes(id)) : [],
      // The owners' progress is theirs: set on create, and to 100 % only when withdrawn.
      percentComplete: action.withdrawn ? 100 : existing ? null : 0,
      existing,
    });
    const links = plan.link();
    plan.add({
      key: publishKeys.taskDetails(m, action.id),
      kind: 'planner.details',
      label: `Describe the Planner task for ${on}`,
      dependsOn: [taskKey, ...PlanContext.after(links)],
      identity: 'tasks',
      taskKey,
      description: taskDescription(view, action, minutes, plan.marker(taskKey)),
      referenceAlias: minutes.fileName,
      ...links,
    });
  }
  for (const contact of named) planReminder(plan, action, contact);
}

function planReminder(plan: PlanContext, action: ActionView, contact: NamedContact): void {
  const { view, committee, minutes } = plan;
  const key = publishKeys.todo(plan.meetingId, action.id, contact.id);
  const label = `Reminder for ${contact.name} on ${action.actionId}`;
  const todo = committee.publishing.todoReminders;
  if (!todo.enabled) {
    plan.skip(key, 'todo.upsert', label, 'To Do reminders are turned off.');
    return;
  }
  if (!contact.entraObjectId) {
    const reason = `${contact.name} has no Entra object id in the committee's directory.`;
    plan.skip(key, 'todo.upsert', label, reason);
    return;
  }
  if (!action.targetDate) {
    plan.skip(key, 'todo.upsert', label, 'The action has no target date.');
    return;
  }
  const before = plan.resultOf(key);
  const listId = text(before?.listId);
  const taskId = text(before?.taskId);
  const existing = listId && taskId ? { listId, taskId } : null;
  const links = plan.link();
  const owners = action.owners.map((owner) => owner.name).join('/');
  plan.add({
    key,
    kind: 'todo.upsert',
    label,
    dependsOn: PlanContext.after(links),
    identity: 'application',
    userId: contact.entraObjectId,
    contactId: contact.id,
    actionId: action.actionId,
    title: actionTitle(action),
    bodyText: `${action.text}\n\nRaised at ${view.meeting.reference}; owner ${owners}.`,
    ...todoDates(action.targetDate, todo.daysBefore, committee.timeZone),
    externalId: plan.marker(key),
    linkName: minutes.fileName,
    status: action.withdrawn ? 'completed' : existing ? null : 'notStarted',
    existing,
    ...links,
  });
}
