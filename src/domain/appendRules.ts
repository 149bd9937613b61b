/**
 * The rules an append must pass, as one pure check that the server runs inside the store's
 * transaction (its AppendGuard), with the meeting as it stands. Routes that change a meeting
 * (create, PATCH settings) write ops through the same check, so no op can do what a route refuses.
 *
 * In order, and all or nothing (the first failure refuses the whole batch):
 * 1. Roles: every op needs the caller's role (permissions.ts): 403 `forbidden`.
 * 2. Validation: decisions use the committee's verbs; `committeeCode` and `actionIdFormat` are set
 *    when the meeting is created, never later; once an action is raised, nothing may change an
 *    action ID (number, date when the format uses it): 400 `validation_failed`.
 * 3. State: an archived meeting takes no ops (409 `meeting_archived`); a final one neither, nor
 *    the ops after a batch's own finalising op (409 `meeting_final`, `details.opIndex`); status
 *    moves along its path (409 `invalid_status_transition`, `details.opIndex`).
 */
import type { CommitteeSettings } from './committee';
import { DomainError } from './DomainError';
import { formatActionId } from './formatActionId';
import type { MeetingFields, MeetingState } from './meetingState';
import { statusChangeProblem } from './meetingStatus';
import { advanceSummary, type MeetingSummary } from './meetingSummary';
import type { NewOperation, ValidationProblem } from './operation';
import type { AttendanceStatus, MeetingStatus } from './operationSchemas';
import {
  forbiddenDetails,
  forbiddenMessage,
  OPERATION_RULES,
  roleNeededFor,
  type OperationCaller,
} from './permissions';
import { roleSatisfies, type CommitteeRole } from './roles';
import { callerPersonIds } from './callerPersons';

export interface AppendContext {
  /** The meeting row as the store holds it inside the transaction. */
  meeting: {
    id: string;
    lastSeq: number;
    summary: MeetingSummary;
    archivedAt: string | null;
  };
  /** The meeting folded up to `meeting.lastSeq` exactly. */
  state: MeetingState;
  committee: CommitteeSettings;
  caller: {
    userId: string;
    role: CommitteeRole | null;
  };
  /** The committee's owners' display names, for the 403's sentence. */
  owners: readonly string[];
  /**
   * How problems name an op's payload: `ops[2].payload` by default; a route that wrote the op
   * itself (PATCH settings) names its body's fields instead.
   */
  payloadPath?: (opIndex: number) => string;
  /**
   * Where an op checked here sits in the request's batch: the store passes only the ops that are
   * new (not repeats), and messages and `details.opIndex` must name the request's own index.
   */
  opIndexOf?: (index: number) => number;
}

/** Checks the batch against the meeting as it stands; returns the meeting's next summary. */
export function checkAppend(context: AppendContext, ops: readonly NewOperation[]): MeetingSummary {
  checkOperationRoles(context, ops);
  const problems = [
    ...decisionVerbProblems(context.committee, ops, (index) => payloadPathOf(context, index)),
    ...settingsProblems(context, ops),
  ];
  if (problems.length > 0) throw invalid(problems);
  checkState(context, ops);
  return advanceSummary(context.meeting.summary, ops);
}

/** Step 1 alone: 403 `forbidden` for the first op the caller's role does not allow. */
export function checkOperationRoles(context: AppendContext, ops: readonly NewOperation[]): void {
  const { caller, state, committee } = context;
  // Attendance as the batch leaves it so far, for a member withdrawing apologies sent just before.
  const statuses = new Map<string, AttendanceStatus | null>();
  const operationCaller: OperationCaller = {
    ownPersonIds: callerPersonIds(caller.userId, committee, state),
    recordedStatus: (personId) =>
      statuses.has(personId)
        ? (statuses.get(personId) ?? null)
        : (state.attendance.get(personId)?.status ?? null),
  };
  const indexOf = context.opIndexOf ?? ((index: number) => index);
  ops.forEach((op, index) => {
    const opIndex = indexOf(index);
    const needed = roleNeededFor(op, operationCaller);
    if (!roleSatisfies(caller.role, needed)) {
      const rule = { ...OPERATION_RULES[op.type], role: needed };
      const sentence = forbiddenMessage({
        rule,
        held: caller.role,
        committeeName: committee.name,
        owners: context.owners,
      });
      throw new DomainError(
        'forbidden',
        `ops[${opIndex}] (${op.type}): ${sentence}`,
        forbiddenDetails(rule, caller.role, { opIndex }),
      );
    }
    if (op.type === 'attendance.update' && op.payload.status !== undefined) {
      statuses.set(op.payload.personId, op.payload.status);
    }
  });
}

/** How problems name the payload of the batch's `index`-th op. */
function payloadPathOf(context: AppendContext, index: number): string {
  const opIndex = context.opIndexOf?.(index) ?? index;
  return context.payloadPath?.(opIndex) ?? `ops[${opIndex}].payload`;
}

/** Decisions use the committee's controlled verbs. */
export function decisionVerbProblems(
  committee: Pick<CommitteeSettings, 'decisionVerbs'>,
  ops: readonly NewOperation[],
  pathOf: (index: number) => string = (index) => `ops[${index}].payload`,
): ValidationProblem[] {
  return ops.flatMap((op, index) => {
    const verb =
      op.type === 'decision.add' || op.type === 'decision.update' ? op.payload.verb : undefined;
    if (verb === undefined || committee.decisionVerbs.includes(verb)) return [];
    return [
      {
        path: joinPath(pathOf(index), 'verb'),
        message: `"${verb}" is not one of the committee's decision verbs (${committee.decisionVerbs.join(', ')})`,
      },
    ];
  });
}

/**
 * `committeeCode` and `actionIdFormat` come from the committee when the meeting is created (its
 * first batch); afterwards no op may set them (PATCH does not accept them either). Once an action
 * is raised its ID has been shown: a change of number or date that would alter any action ID
 * is refused (archive the meeting and create the right one instead).
 */
function settingsProblems(
  context: AppendContext,
  ops: readonly NewOperation[],
): ValidationProblem[] {
  const { state, meeting } = context;
  const creating = meeting.lastSeq === 0;
  const raised = new Set(state.actions.keys());
  let fields: MeetingFields = state.fields;
  const problems: ValidationProblem[] = [];
  ops.forEach((op, index) => {
    if (op.type === 'action.raise') raised.add(op.payload.id);
    if (op.type !== 'meeting.update') return;
    const at = payloadPathOf(context, index);
    if (!creating) {
      for (const key of ['committeeCode', 'actionIdFormat'] as const) {
        if (op.payload[key] !== undefined) {
          problems.push({
            path: joinPath(at, key),
            message: `is set from the committee when the meeting is created and cannot change, because action IDs are made from it`,
          });
        }
      }
    }
    const next: MeetingFields = { ...fields };
    for (const [key, value] of Object.entries(op.payload)) {
      if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
    }
    if (raised.size > 0) {
      const changed = firstChangedActionId(fields, next, raised.size);
      if (changed) {
        const moved = (['number', 'date'] as const).filter(
          (key) => op.payload[key] !== undefined && op.payload[key] !== fields[key],
        );
        for (const key of moved) {
          problems.push({
            path: joinPath(at, key),
            message: `cannot change: it would turn action ${changed.before} into ${changed.after}, and an action ID once shown never changes; archive this meeting and create the right one instead`,
          });
        }
      }
    }
    fields = next;
  });
  return problems;
}

const joinPath = (at: string, key: string) => (at ? `${at}.${key}` : key);

function firstChangedActionId(
  before: MeetingFields,
  after: MeetingFields,
  count: number,
): { before: string; after: string } | null {
  for (let number = 1; number <= count; number += 1) {
    const was = formatActionId(before, number);
    const would = formatActionId(after, number);
    if (was !== would) return { before: was, after: would };
  }
  return null;
}

function checkState(context: AppendContext, ops: readonly NewOperation[]): void {
  const { meeting } = context;
  const name = meeting.summary.reference || meeting.id;
  if (meeting.archivedAt !== null) {
    throw new DomainError(
      'meeting_archived',
      `Meeting ${name} was archived, so it takes no more changes; its log is kept and can still be read.`,
    );
  }
  if (meeting.summary.status === 'final') {
    throw new DomainError(
      'meeting_final',
      `Meeting ${name} is final and locked; its minutes can no longer change.`,
    );
  }
  const indexOf = context.opIndexOf ?? ((index: number) => index);
  let status: MeetingStatus = meeting.summary.status;
  ops.forEach((op, index) => {
    const opIndex = indexOf(index);
    if (status === 'final') {
      throw new DomainError(
        'meeting_final',
        `ops[${opIndex}] comes after the op that made the meeting final; send it no more changes.`,
        { opIndex },
      );
    }
    if (op.type === 'meeting.setStatus') {
      const problem = statusChangeProblem(status, op.payload.status);
      if (problem)
        throw new DomainError('invalid_status_transition', `ops[${opIndex}]: ${problem}`, {
          opIndex,
        });
      status = op.payload.status;
    }
  });
}

function invalid(problems: ValidationProblem[]): DomainError {
  const first = problems[0];
  const where = first?.path ? `${first.path}: ` : '';
  return new DomainError('validation_failed', `${where}${first?.message ?? 'is invalid'}.`, {
    problems,
  });
}
