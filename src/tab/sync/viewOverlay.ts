/**
 * What the capture pages show, pure: the confirmed state, then the ops the server acknowledged
 * but the log has not brought yet (in their seq order), then this browser's pending ops (in the
 * order they were made), folded on a copy of the confirmed state with provisional seqs.
 *
 * Only the confirmed fold is final. An action raised in an overlay op has a provisional number,
 * so its id is listed in `pendingActionIds` and shown without a number; `view.seq` stays the last
 * confirmed seq. And the status says "saved" only when nothing is left in the overlay: every op
 * the user made is in the confirmed log, so the numbers on screen are the ones the minutes get.
 */
import { applyOperation } from '../../domain/applyOperation';
import type { Committee } from '../../domain/committee';
import type { MeetingState } from '../../domain/meetingState';
import { meetingView, type MeetingView } from '../../domain/meetingView';
import type { StoredOperation } from '../../domain/operation';
import { operationPayloadSchemas } from '../../domain/operationSchemas';
import type {
  OutgoingOperation,
  RefusedOperation,
  SyncedSnapshot,
  SyncStatus,
} from './MeetingSession';

export interface AcknowledgedOp {
  op: OutgoingOperation;
  /** The seq the server gave it. */
  seq: number;
}

export interface OverlayInput {
  confirmed: MeetingState;
  committee: Committee;
  /** Acknowledged by `POST /ops`, not yet in the confirmed log. */
  acknowledged: readonly AcknowledgedOp[];
  /** Not yet acknowledged, in the order they were made. */
  pending: readonly OutgoingOperation[];
  /** The signed-in user as the server names them: the author of notes not yet confirmed. */
  actor: string;
}

export interface Overlay {
  view: MeetingView;
  pendingActionIds: ReadonlySet<string>;
}

export function overlayView(input: OverlayInput): Overlay {
  const { confirmed, committee } = input;
  const overlay = [
    ...[...input.acknowledged].sort((a, b) => a.seq - b.seq).map((entry) => entry.op),
    ...input.pending,
  ];
  const pendingActionIds = new Set(
    overlay.flatMap((op) => (op.type === 'action.raise' ? [op.payload.id] : [])),
  );
  if (overlay.length === 0) return { view: meetingView(confirmed, committee), pendingActionIds };
  const state = cloneData(confirmed);
  overlay.forEach((op, index) => {
    // An op the server will refuse (its payload does not parse) is left out of the view.
    const stored = provisional(op, confirmed.seq + index + 1, input.actor);
    if (stored) applyOperation(state, stored);
  });
  return { view: { ...meetingView(state, committee), seq: confirmed.seq }, pendingActionIds };
}

/** The whole snapshot: the overlay's view, what is pending, and the status. */
export function meetingSnapshot(
  input: OverlayInput & { refused: readonly RefusedOperation[]; offline: boolean },
): SyncedSnapshot {
  const { view, pendingActionIds } = overlayView(input);
  return {
    view,
    committee: input.committee,
    pendingOpIds: new Set(input.pending.map((op) => op.id)),
    pendingActionIds,
    status: syncStatusOf({
      pending: input.pending.length,
      unconfirmed: input.acknowledged.length,
      refused: input.refused,
      offline: input.offline,
    }),
    lastSeq: input.confirmed.seq,
    refused: [...input.refused],
  };
}

export interface StatusInput {
  /** Ops not yet acknowledged. */
  pending: number;
  /** Ops acknowledged but not yet in the confirmed log. */
  unconfirmed: number;
  refused: readonly RefusedOperation[];
  /** The last send failed for want of a network, or the browser says it is offline. */
  offline: boolean;
}

/** Refused wins (it needs the user); "saved" only once everything is confirmed. */
export function syncStatusOf(input: StatusInput): SyncStatus {
  const waiting = input.pending + input.unconfirmed;
  const lastRefusal = input.refused.at(-1);
  if (lastRefusal) {
    return {
      state: 'refused',
      pending: waiting,
      code: lastRefusal.code,
      message: lastRefusal.message,
    };
  }
  if (waiting === 0) return { state: 'saved' };
  if (input.offline) return { state: 'offline', pending: waiting };
  return { state: 'saving', pending: waiting };
}

/**
 * An op not yet in the log as the log will hold it: its payload parsed by the schema the server
 * uses (with its defaults), or null if the server would refuse it.
 */
function provisional(op: OutgoingOperation, seq: number, actor: string): StoredOperation | null {
  const parsed = operationPayloadSchemas[op.type].safeParse(op.payload);
  if (!parsed.success) return null;
  // The payload was parsed by the schema of its type, so the pair is a StoredOperation.
  return {
    ...op,
    payload: parsed.data,
    actor,
    seq,
    serverTime: op.clientTime,
  } as StoredOperation;
}

/** A deep copy of plain data (objects, arrays, Maps): the confirmed state stays untouched. */
export function cloneData<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => cloneData(item)) as T;
  if (value instanceof Map) {
    return new Map([...value].map(([key, item]) => [key, cloneData(item)])) as T;
  }
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = cloneData(item);
    return copy as T;
  }
  return value;
}
