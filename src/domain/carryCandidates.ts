/**
 * Actions of a committee's earlier meetings that may be carried to a meeting for review: raised
 * there, not withdrawn, not already carried here, and not closed by their latest review.
 *
 * An action is reviewed at every meeting it is carried to, and a review may revise its target
 * date or close it (`outstanding.update`). What counts is the latest review, by meeting date:
 * the target date carried is the last revision (else the date set when it was raised), and an
 * action closed at one meeting but reopened at a later one is a candidate again.
 */
import type { ActionView, MeetingView } from './meetingView';

export interface CarryCandidate {
  meetingId: string;
  meetingReference: string;
  meetingDate: string | null;
  action: ActionView;
  /** The target date as last revised by a review, else the action's own. */
  lastTargetDate: string | null;
}

interface Review {
  status: 'open' | 'closed';
  revisedTargetDate: string | null;
}

export function carryCandidates(
  current: MeetingView,
  earlier: readonly MeetingView[],
): CarryCandidate[] {
  const carriedHere = new Set(current.outstanding.map((entry) => entry.actionRef));
  const others = inDateOrder(earlier.filter((view) => view.id !== current.id));
  const reviews = reviewsByActionRef(others);
  return others.flatMap((view) =>
    view.actions
      .filter((action) => !action.withdrawn && !carriedHere.has(action.actionId))
      .flatMap((action): CarryCandidate[] => {
        const history = reviews.get(action.actionId) ?? [];
        if (history.at(-1)?.status === 'closed') return [];
        const revised = history.filter((review) => review.revisedTargetDate !== null).at(-1);
        return [
          {
            meetingId: view.id,
            meetingReference: view.meeting.reference,
            meetingDate: view.meeting.date,
            action,
            lastTargetDate: revised?.revisedTargetDate ?? action.targetDate,
          },
        ];
      }),
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
    lastTargetDate: candidate.lastTargetDate,
    ownerIds: action.owners.map((owner) => owner.id),
    sourceMeetingId: candidate.meetingId,
  };
}

/** Oldest first; undated meetings first (they cannot be placed), the given order breaking ties. */
function inDateOrder(views: readonly MeetingView[]): MeetingView[] {
  return views
    .map((view, index) => ({ view, index }))
    .sort(
      (a, b) =>
        (a.view.meeting.date ?? '').localeCompare(b.view.meeting.date ?? '') || a.index - b.index,
    )
    .map(({ view }) => view);
}

/** Every review of each action, in the order the meetings took place. */
function reviewsByActionRef(views: readonly MeetingView[]): Map<string, Review[]> {
  const reviews = new Map<string, Review[]>();
  for (const view of views) {
    for (const entry of view.outstanding) {
      const list = reviews.get(entry.actionRef) ?? [];
      list.push({ status: entry.status, revisedTargetDate: entry.revisedTargetDate });
      reviews.set(entry.actionRef, list);
    }
  }
  return reviews;
}
