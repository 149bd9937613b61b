/**
 * The permission matrix: the committee role every request (a committee action) and every op type
 * needs. Roles are grants (roles.ts); each includes the ones below it, so "member" is anyone with
 * a role. The server checks these before anything is written; docs/permissions.md shows the
 * table, and the tests walk it, so an op type or action without a rule cannot be added.
 */
import type { NewOperation } from './operation';
import type { AttendanceStatus, OperationType } from './operationSchemas';
import { roleSatisfies, type CommitteeRole } from './roles';

export interface PermissionRule {
  role: CommitteeRole;
  /** What the role allows, for messages: "Only an owner of OPSG can <does>". */
  does: string;
  /** Something to ask an owner to do instead, when that makes sense: "ask X to publish or…". */
  askInstead?: string;
}

/** Every request on a committee, its meetings or its minutes, and the role it needs. */
export const COMMITTEE_ACTIONS = {
  'committee.read': { role: 'member', does: 'see this committee' },
  'committee.update': { role: 'owner', does: "change the committee's settings" },
  'grants.read': { role: 'member', does: 'see who holds which role' },
  'grants.history': { role: 'owner', does: 'see the history of role changes' },
  'grants.change': { role: 'owner', does: 'change who holds which role' },
  'meeting.create': {
    role: 'owner',
    does: 'create meetings',
    askInstead: 'create the meeting',
  },
  'meeting.read': {
    role: 'member',
    does: 'see its meetings, their minutes and live changes',
  },
  'meeting.settings': {
    role: 'owner',
    does: "change a meeting's settings",
    askInstead: 'make the change',
  },
  'meeting.archive': { role: 'owner', does: 'archive meetings', askInstead: 'archive it' },
  'meeting.listArchived': { role: 'owner', does: 'see archived meetings' },
  'proposals.read': {
    role: 'noteTaker',
    does: 'read the attendance and apology proposals from Microsoft 365',
  },
  'publish.start': { role: 'owner', does: 'publish', askInstead: 'publish' },
} as const satisfies Record<string, PermissionRule>;

export type CommitteeAction = keyof typeof COMMITTEE_ACTIONS;

export interface OperationRule extends PermissionRule {
  /** When a member (the lowest role) may send the op after all: their own apologies. */
  memberMay?: (op: NewOperation, caller: OperationCaller) => boolean;
}

/** What an op's rule may need to know about the caller, besides their role. */
export interface OperationCaller {
  /** The meeting's people who are the caller (callerPersons.ts). */
  ownPersonIds: ReadonlySet<string>;
  /** What is recorded for a person right before this op. */
  recordedStatus(personId: string): AttendanceStatus | null;
}

const capture = (does: string): OperationRule => ({ role: 'noteTaker', does });

/**
 * `attendance.update {personId: <themselves>, status: "apologies"}`, or `status: null` to
 * withdraw apologies they sent: nothing else (no presence, no part attendance, no alternate).
 */
function ownApologies(op: NewOperation, caller: OperationCaller): boolean {
  if (op.type !== 'attendance.update') return false;
  const { personId, status, ...rest } = op.payload;
  const onlyStatus = Object.values(rest).every((value) => value === undefined);
  if (!onlyStatus || !caller.ownPersonIds.has(personId)) return false;
  return (
    status === 'apologies' || (status === null && caller.recordedStatus(personId) === 'apologies')
  );
}

/** Every op type and the role it needs. */
export const OPERATION_RULES: Record<OperationType, OperationRule> = {
  'meeting.update': {
    role: 'owner',
    does: "change the meeting's settings",
    askInstead: 'make the change',
  },
  'meeting.setStatus': {
    role: 'owner',
    does: 'change the status of the minutes',
    askInstead: 'change it',
  },
  'meetingMember.add': capture('record attendance'),
  'meetingMember.update': capture('record attendance'),
  'meetingMember.remove': capture('record attendance'),
  'attendance.update': {
    ...capture('record attendance (members may send only their own apologies)'),
    memberMay: ownApologies,
  },
  'participant.add': capture('record attendance'),
  'participant.update': capture('record attendance'),
  'participant.remove': capture('record attendance'),
  'agenda.add': capture('change the agenda'),
  'agenda.update': capture('change the agenda'),
  'agenda.remove': capture('change the agenda'),
  'agenda.open': capture('open agenda items'),
  'note.add': capture('record notes'),
  'note.update': capture('record notes'),
  'note.remove': capture('record notes'),
  'decision.add': capture('record decisions'),
  'decision.update': capture('record decisions'),
  'decision.remove': capture('record decisions'),
  'action.raise': capture('record actions'),
  'action.update': capture('record actions'),
  'action.withdraw': capture('record actions'),
  'outstanding.carry': capture('update outstanding actions'),
  'outstanding.update': capture('update outstanding actions'),
  'outstanding.remove': capture('update outstanding actions'),
};

/** The role this op needs from this caller. */
export function roleNeededFor(op: NewOperation, caller: OperationCaller): CommitteeRole {
  const rule = OPERATION_RULES[op.type];
  return rule.memberMay?.(op, caller) ? 'member' : rule.role;
}

/** Whether a role (or no grant, null) may carry out the action. */
export function mayDo(held: CommitteeRole | null, action: CommitteeAction): boolean {
  return roleSatisfies(held, COMMITTEE_ACTIONS[action].role);
}

const WHO: Record<CommitteeRole, string> = {
  owner: 'an owner',
  noteTaker: 'a note-taker or owner',
  member: 'a member',
};

const A_ROLE: Record<CommitteeRole, string> = {
  owner: 'an owner',
  noteTaker: 'a note-taker',
  member: 'a member',
};

/** "Ines Carvalho", "Ines Carvalho or Owen Pryce", "one of its owners (A, B, C, …)". */
export function ownerNames(owners: readonly string[]): string {
  const names = [...new Set(owners)];
  if (names.length === 0) return 'your Minutebook administrator (see docs/permissions.md)';
  if (names.length <= 3) {
    return names.length === 1
      ? (names[0] ?? '')
      : `${names.slice(0, -1).join(', ')} or ${names.at(-1) ?? ''}`;
  }
  return `one of its owners (${names.slice(0, 3).join(', ')}, …)`;
}

export interface ForbiddenInput {
  rule: PermissionRule;
  /** The role the caller holds; null for none. */
  held: CommitteeRole | null;
  committeeName: string;
  /** The display names of the committee's owners, who can grant roles. */
  owners: readonly string[];
}

/**
 * The sentence of a 403: the role needed and who can grant it, e.g. "Only an owner of
 * Operations Group can publish; ask Ines Carvalho to publish or to make you an owner."
 */
export function forbiddenMessage({ rule, held, committeeName, owners }: ForbiddenInput): string {
  const instead = rule.askInstead ? `${rule.askInstead} or to ` : '';
  const ask = `ask ${ownerNames(owners)} to ${instead}make you ${A_ROLE[rule.role]}`;
  const yours = held === null ? 'you have no role on it' : `you are ${A_ROLE[held]}`;
  return `Only ${WHO[rule.role]} of ${committeeName} can ${rule.does}, and ${yours}; ${ask}.`;
}

/** The 403's details: what was needed, what the caller holds (null: nothing). */
export function forbiddenDetails(
  rule: PermissionRule,
  held: CommitteeRole | null,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { needed: rule.role, held, ...extra };
}
