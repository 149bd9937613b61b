/**
 * Actions of the committee's earlier meetings that may be carried to this one: raised there, not
 * withdrawn, not already carried here, and not closed at a later meeting's review.
 */
import type { ActionView, MeetingView } from '../../../domain';

export interface CarryCandidate {
  meetingId: string;
  meetingReference: string;
  meetingDate: string | null;
  action: ActionView;
}

export function carryCandidates(
  current: MeetingView,
  earlier: readonly MeetingView[],
): CarryCandidate[] {
  const carriedHere = new Set(current.outstanding.map((entry) => entry.actionRef));
  const closed = new Set(
    earlier.flatMap((view) =>
      view.outstanding.filter((entry) => entry.status === 'closed').map((entry) => entry.actionRef),
    ),
  );
  return earlier
    .filter((view) => view.id !== current.id)
    .flatMap((view) =>
      view.actions
        .filter((action) => !action.withdrawn)
        .filter((action) => !carriedHere.has(action.actionId) && !closed.has(action.actionId))
        .map((action) => ({
          meetingId: view.id,
          meetingReference: view.meeting.reference,
          meetingDate: view.meeting.date,
          action,
        })),
    );
}

/** The `outstanding.carry` payload for a candidate. */
export function carryPayload(candidate: CarryCandidate, id: string) {
  const { action } = candidate;
  return {
    id,
    actionRef: action.actionId,
    text: action.text,
    dateRaised: candidate.meetingDate ?? action.raisedAt.slice(0, 10),
    lastTargetDate: action.targetDate,
    ownerIds: action.owners.map((owner) => owner.id),
    sourceMeetingId: candidate.meetingId,
  };
}
