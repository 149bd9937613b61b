/**
 * The reducer of the operation log. Applied in seq order it gives "later seq wins per field":
 * each op writes only the fields it names. It never throws on a valid op: an op whose target is
 * missing (or already removed) is recorded in `ignored`, so every log folds to a state.
 */
import type { StoredOperation } from './operation';
import { canChangeStatus } from './meetingStatus';
import type { MeetingState } from './meetingState';

type Op<K extends StoredOperation['type']> = Extract<StoredOperation, { type: K }>;

/** Applies one op to `state` in place. The caller applies ops in strictly increasing seq. */
export function applyOperation(state: MeetingState, op: StoredOperation): void {
  state.seq = op.seq;
  const ignore = (reason: string): void => {
    state.ignored.push({ seq: op.seq, opId: op.id, reason });
  };
  switch (op.type) {
    case 'meeting.update':
      assignDefined(state.fields, op.payload);
      return;
    case 'meeting.setStatus':
      if (!canChangeStatus(state.fields.status, op.payload.status)) {
        return ignore(`status cannot change from ${state.fields.status} to ${op.payload.status}`);
      }
      state.fields.status = op.payload.status;
      return;
    case 'meetingMember.add':
      return addOnce(state.meetingMembers, op.payload.id, ignore, () => ({
        id: op.payload.id,
        name: op.payload.name,
        categoryId: op.payload.categoryId,
        email: op.payload.email ?? null,
        role: op.payload.role ?? null,
        removed: false,
      }));
    case 'meetingMember.update':
      return updateLive(state.meetingMembers, op.payload, ignore);
    case 'meetingMember.remove':
      return removeLive(state.meetingMembers, op.payload.id, ignore);
    case 'attendance.update':
      return updateAttendance(state, op);
    case 'participant.add':
      return addOnce(state.participants, op.payload.id, ignore, () => ({
        id: op.payload.id,
        name: op.payload.name,
        organisationId: op.payload.organisationId,
        role: op.payload.role ?? null,
        email: op.payload.email ?? null,
        removed: false,
      }));
    case 'participant.update':
      return updateLive(state.participants, op.payload, ignore);
    case 'participant.remove':
      return removeLive(state.participants, op.payload.id, ignore);
    case 'agenda.add':
      return addOnce(state.agenda, op.payload.id, ignore, () => ({
        id: op.payload.id,
        title: op.payload.title,
        parentId: op.payload.parentId ?? null,
        presenter: op.payload.presenter ?? null,
        order: op.payload.order,
        removed: false,
        openedAt: [],
      }));
    case 'agenda.update':
      return updateLive(state.agenda, op.payload, ignore);
    case 'agenda.remove':
      removeLive(state.agenda, op.payload.id, ignore);
      if (state.currentItemId === op.payload.id) state.currentItemId = null;
      return;
    case 'agenda.open': {
      const item = state.agenda.get(op.payload.id);
      if (!item || item.removed) return ignore(`agenda item ${op.payload.id} does not exist`);
      item.openedAt.push(op.payload.at ?? op.clientTime);
      state.currentItemId = item.id;
      return;
    }
    case 'note.add':
      return addOnce(state.notes, op.payload.id, ignore, () => ({
        ...op.payload,
        speakerId: op.payload.speakerId ?? null,
        author: op.actor,
        createdSeq: op.seq,
        removed: false,
      }));
    case 'note.update':
      return updateLive(state.notes, op.payload, ignore);
    case 'note.remove':
      return removeLive(state.notes, op.payload.id, ignore);
    case 'decision.add':
      return addOnce(state.decisions, op.payload.id, ignore, () => ({
        ...op.payload,
        createdSeq: op.seq,
        removed: false,
      }));
    case 'decision.update':
      return updateLive(state.decisions, op.payload, ignore);
    case 'decision.remove':
      return removeLive(state.decisions, op.payload.id, ignore);
    case 'action.raise':
      return raiseAction(state, op, ignore);
    case 'action.update': {
      const action = state.actions.get(op.payload.id);
      if (!action || action.withdrawn)
        return ignore(`action ${op.payload.id} does not exist or was withdrawn`);
      assignDefined(action, withoutId(op.payload));
      return;
    }
    case 'action.withdraw': {
      const action = state.actions.get(op.payload.id);
      if (!action || action.withdrawn)
        return ignore(`action ${op.payload.id} does not exist or was withdrawn`);
      action.withdrawn = true;
      action.withdrawnReason = op.payload.reason ?? null;
      return;
    }
    case 'outstanding.carry':
      return addOnce(state.outstanding, op.payload.id, ignore, () => ({
        ...op.payload,
        itemId: op.payload.itemId ?? null,
        sourceMeetingId: op.payload.sourceMeetingId ?? null,
        update: null,
        status: 'open' as const,
        revisedTargetDate: null,
        removed: false,
      }));
    case 'outstanding.update':
      return updateLive(state.outstanding, op.payload, ignore);
    case 'outstanding.remove':
      return removeLive(state.outstanding, op.payload.id, ignore);
    default:
      return assertNever(op);
  }
}

function raiseAction(
  state: MeetingState,
  op: Op<'action.raise'>,
  ignore: (reason: string) => void,
) {
  if (state.actions.has(op.payload.id)) return ignore(`action ${op.payload.id} was already raised`);
  state.actionCount += 1;
  state.actions.set(op.payload.id, {
    id: op.payload.id,
    number: state.actionCount,
    itemId: op.payload.itemId,
    text: op.payload.text,
    ownerIds: op.payload.ownerIds,
    assigneeIds: op.payload.assigneeIds,
    targetDate: op.payload.targetDate ?? null,
    raisedAt: op.clientTime,
    raisedBy: op.actor,
    withdrawn: false,
    withdrawnReason: null,
  });
}

/**
 * Part attendance is a way of being present: whoever is left a part attendee by an op that names
 * no status is present (ticking "Part attendance" for someone not yet marked must not take them
 * out of the count and the minutes). A status other than present ends part attendance, since the
 * person attended no part, so "part" always implies "present".
 */
function updateAttendance(state: MeetingState, op: Op<'attendance.update'>): void {
  const { personId, ...changes } = op.payload;
  const record = state.attendance.get(personId) ?? {
    personId,
    status: null,
    alternateForMemberId: null,
    part: false,
    agendaItemIds: [],
  };
  assignDefined(record, changes);
  if (changes.status !== undefined && changes.status !== 'present') {
    record.part = false;
    record.agendaItemIds = [];
  } else if (record.part) {
    record.status = 'present';
  }
  state.attendance.set(personId, record);
}

function addOnce<T>(
  map: Map<string, T>,
  id: string,
  ignore: (reason: string) => void,
  make: () => T,
): void {
  if (map.has(id)) return ignore(`${id} already exists`);
  map.set(id, make());
}

function updateLive<T extends { removed: boolean }>(
  map: Map<string, T>,
  payload: { id: string },
  ignore: (reason: string) => void,
): void {
  const entry = map.get(payload.id);
  if (!entry || entry.removed) return ignore(`${payload.id} does not exist or was removed`);
  assignDefined(entry, withoutId(payload));
}

function removeLive<T extends { removed: boolean }>(
  map: Map<string, T>,
  id: string,
  ignore: (reason: string) => void,
): void {
  const entry = map.get(id);
  if (!entry || entry.removed) return ignore(`${id} does not exist or was removed`);
  entry.removed = true;
}

function withoutId<T extends { id: string }>(payload: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = payload;
  return rest;
}

/** Writes the fields the op names; `undefined` means "not named", `null` means "clear it". */
function assignDefined<T extends object>(target: T, changes: object): void {
  for (const [key, value] of Object.entries(changes)) {
    if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled operation ${JSON.stringify(value)}`);
}
