/** Meeting state = a deterministic fold of its ops in seq order. */
import { applyOperation } from './applyOperation';
import type { StoredOperation } from './operation';
import { emptyMeetingState, type MeetingState } from './meetingState';

/** Folds `ops` into `state` (in place), skipping any op at or before the state's seq. */
export function foldInto(state: MeetingState, ops: readonly StoredOperation[]): MeetingState {
  for (const op of ops) {
    if (op.seq <= state.seq) continue;
    applyOperation(state, op);
  }
  return state;
}

export function foldOperations(meetingId: string, ops: readonly StoredOperation[]): MeetingState {
  const sorted = [...ops].sort((a, b) => a.seq - b.seq);
  return foldInto(emptyMeetingState(meetingId), sorted);
}
