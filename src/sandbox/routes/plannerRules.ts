/**
 * Planner's own rules on top of the types (planner-overview.md "400 Bad request",
 * planner-order-hint-format.md, plannerassignments.md, plannerexternalreferences.md):
 * order hints written as "{previous} {next}!", assignments keyed by user id with an order hint,
 * reference keys URL-encoded (no raw `.`, `:`, `@`, `#`), a start no later than the due date.
 */
import { badRequest, GraphError } from '../core/graphError';
import type { GraphObject, SandboxUser } from '../state/SandboxState';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REFERENCE_TYPES = [
  'PowerPoint',
  'Excel',
  'Word',
  'OneNote',
  'Project',
  'Visio',
  'Pdf',
  'TeamsHostedApp',
  'Other',
];
/** Planner's assignee limit (MaximumAssigneesInTasks); the number is not on the Graph page. */
export const MAX_ASSIGNEES = 20;

const refuse = (message: string) => badRequest('', message);

/** Values of Planner's open types must declare their own type (planner-overview.md, 400 causes). */
function requireType(value: GraphObject, type: string, where: string): void {
  const declared = String(value['@odata.type'] ?? '').replace(/^#/, '');
  if (declared !== type) {
    throw refuse(`The value of '${where}' must declare "@odata.type": "#${type}".`);
  }
}

/** A hint a client writes: "{previous} {next}!", e.g. " !" for "first". */
export function checkOrderHint(value: unknown, where: string): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'string' || !/^[^ ]* [^ ]*!$/.test(value) || value.length > 255) {
    throw refuse(
      `The order hint in '${where}' is malformed: write "{previous} {next}!" (" !" puts it first), never a hint value read back from Planner.`,
    );
  }
}

/** A hint as Planner stores it: a plain sortable string derived from the request. */
export function storedOrderHint(sequence: number): string {
  return `8585${String(269_235_419_000_000 - sequence).padStart(15, '0')}`;
}

export function checkDates(task: GraphObject): void {
  const start = task.startDateTime;
  const due = task.dueDateTime;
  if (typeof start === 'string' && typeof due === 'string' && Date.parse(start) > Date.parse(due)) {
    throw refuse('The start date of the task is later than its due date.');
  }
  const percent = task.percentComplete;
  if (
    percent !== undefined &&
    percent !== null &&
    (typeof percent !== 'number' || percent < 0 || percent > 100)
  ) {
    throw refuse('percentComplete must be between 0 and 100.');
  }
  const priority = task.priority;
  if (
    priority !== undefined &&
    priority !== null &&
    (typeof priority !== 'number' || priority < 0 || priority > 10)
  ) {
    throw refuse('priority must be between 0 and 10.');
  }
}

export function checkCategories(value: unknown): void {
  if (value === undefined || value === null) return;
  for (const [key, flag] of Object.entries(value as GraphObject)) {
    if (key.startsWith('@')) continue;
    if (!/^category([1-9]|1\d|2[0-5])$/.test(key) || typeof flag !== 'boolean') {
      throw refuse(
        `appliedCategories takes category1..category25 set to true or false, not '${key}'.`,
      );
    }
  }
}

/** Merges a write of `assignments` into the current ones (null removes an assignment). */
export function mergeAssignments(
  current: GraphObject,
  write: unknown,
  me: SandboxUser,
  at: string,
  nextSequence: () => number,
): GraphObject {
  if (write === undefined || write === null) return current;
  const merged: GraphObject = { ...current };
  for (const [userId, value] of Object.entries(write as GraphObject)) {
    if (userId.startsWith('@')) continue;
    if (!GUID.test(userId)) throw refuse(`The assignment key '${userId}' is not a user id.`);
    if (value === null) {
      delete merged[userId];
      continue;
    }
    const assignment = value as GraphObject;
    requireType(assignment, 'microsoft.graph.plannerAssignment', `assignments.${userId}`);
    if (assignment.orderHint === undefined) {
      throw refuse(`The assignment of '${userId}' needs an orderHint (" !" to put it first).`);
    }
    checkOrderHint(assignment.orderHint, `assignments.${userId}.orderHint`);
    merged[userId] = {
      '@odata.type': '#microsoft.graph.plannerAssignment',
      assignedDateTime: at,
      orderHint: storedOrderHint(nextSequence()),
      assignedBy: { user: { displayName: null, id: me.id } },
    };
  }
  if (Object.keys(merged).length > MAX_ASSIGNEES) {
    throw new GraphError(
      403,
      'MaximumAssigneesInTasks',
      `A task can have at most ${MAX_ASSIGNEES} assignees.`,
    );
  }
  return merged;
}

/** Merges `references` (URL keys, encoded) into the current ones. */
export function mergeReferences(
  current: GraphObject,
  write: unknown,
  me: SandboxUser,
  at: string,
): GraphObject {
  if (write === undefined || write === null) return current;
  const merged: GraphObject = { ...current };
  for (const [key, value] of Object.entries(write as GraphObject)) {
    if (/[.:@#]/.test(key)) {
      throw refuse(
        `The reference key '${key}' must be URL-encoded: write '.' as %2E, ':' as %3A, '@' as %40 and '#' as %23.`,
      );
    }
    if (value === null) {
      delete merged[key];
      continue;
    }
    const reference = value as GraphObject;
    requireType(reference, 'microsoft.graph.plannerExternalReference', `references.${key}`);
    if (
      reference.type !== undefined &&
      reference.type !== null &&
      !REFERENCE_TYPES.includes(String(reference.type))
    ) {
      throw refuse(
        `The reference type '${String(reference.type)}' is not one of ${REFERENCE_TYPES.join(', ')}.`,
      );
    }
    const previous = (merged[key] ?? {}) as GraphObject;
    merged[key] = {
      '@odata.type': '#microsoft.graph.plannerExternalReference',
      alias: reference.alias ?? previous.alias ?? null,
      type: reference.type ?? previous.type ?? null,
      previewPriority: storedOrderHint(Object.keys(merged).length),
      lastModifiedDateTime: at,
      lastModifiedBy: { user: { displayName: null, id: me.id } },
    };
  }
  return merged;
}

/** Merges `checklist` items (client-chosen keys) into the current ones. */
export function mergeChecklist(
  current: GraphObject,
  write: unknown,
  me: SandboxUser,
  at: string,
): GraphObject {
  if (write === undefined || write === null) return current;
  const merged: GraphObject = { ...current };
  for (const [key, value] of Object.entries(write as GraphObject)) {
    if (value === null) {
      delete merged[key];
      continue;
    }
    const item = value as GraphObject;
    requireType(item, 'microsoft.graph.plannerChecklistItem', `checklist.${key}`);
    checkOrderHint(item.orderHint, `checklist.${key}.orderHint`);
    const previous = (merged[key] ?? {}) as GraphObject;
    merged[key] = {
      '@odata.type': '#microsoft.graph.plannerChecklistItem',
      isChecked: item.isChecked ?? previous.isChecked ?? false,
      title: item.title ?? previous.title ?? null,
      orderHint: storedOrderHint(Object.keys(merged).length),
      lastModifiedDateTime: at,
      lastModifiedBy: { user: { displayName: null, id: me.id } },
    };
  }
  return merged;
}
