/**
 * A person's time in the meeting laid over the meeting and its agenda: the share of the meeting
 * they attended and the agenda items they were there for, which make the proposal Present or
 * Part. Spans are epoch milliseconds.
 */
import { intersectSpans, mergeSpans, spanLength, type TimeSpan } from '../agendaTimeline';
import type { MeetingView } from '../meetingView';
import type { AttendanceFacts } from './attendanceProposal';
import type { ProposalContext } from './proposalContext';
import type { ReportedSession } from './reconcileAttendanceInput';
import type { ReportedPerson } from './reportedPerson';

const MINUTE = 60_000;

export function measureAttendance(
  context: ProposalContext,
  reported: Pick<ReportedPerson, 'spans' | 'timesHidden'>,
): { attended: TimeSpan[]; share: number; proposed: AttendanceFacts } {
  const { input, thresholds } = context;
  const attended = intersectSpans(reported.spans, context.measured);
  const firstJoin = reported.spans[0]?.start ?? context.endMs;
  const denominatorSpans =
    thresholds.measureFrom === 'firstJoin'
      ? intersectSpans(context.measured, [
          { start: Math.max(firstJoin, context.startMs), end: context.endMs },
        ])
      : context.measured;
  const denominator = spanLength(denominatorSpans);
  const share = denominator > 0 ? Math.min(1, spanLength(attended) / denominator) : 0;

  const openedItems = input.view.agenda.filter(
    (item) => spanLength(context.itemSpans.get(item.id) ?? []) > 0,
  );
  const counted = new Set(
    openedItems
      .filter((item) => {
        const spans = context.itemSpans.get(item.id) ?? [];
        const overlap = spanLength(intersectSpans(attended, spans));
        return (
          overlap >= thresholds.itemShare * spanLength(spans) ||
          overlap >= thresholds.itemMinutes * MINUTE
        );
      })
      .map((item) => item.id),
  );
  const everyItem = openedItems.length > 0 && counted.size === openedItems.length;
  const present = reported.timesHidden || share >= thresholds.presentShare || everyItem;
  const proposed: AttendanceFacts = present
    ? { status: 'present', part: false, agendaItemIds: [] }
    : { status: 'present', part: true, agendaItemIds: compactItems(input.view.agenda, counted) };

  return { attended, share, proposed };
}

/** The time the meeting is measured over: its start to end, within the sessions if known. */
export function measuredSpans(
  reports: readonly ReportedSession[],
  startMs: number,
  endMs: number,
): TimeSpan[] {
  const meeting = [{ start: startMs, end: endMs }];
  const sessions = reports.map(({ report }) => ({
    start: Date.parse(report.meetingStartDateTime ?? ''),
    end: Date.parse(report.meetingEndDateTime ?? ''),
  }));
  if (sessions.length === 0 || sessions.some((s) => !Number.isFinite(s.start + s.end)))
    return mergeSpans(meeting);
  const within = intersectSpans(sessions, meeting);
  return spanLength(within) > 0 ? within : mergeSpans(meeting);
}

/**
 * Items attended in agenda order. A parent attended with every opened sub-item stands for them;
 * otherwise the sub-items attended are listed (and the parent too, if it counted).
 */
function compactItems(agenda: MeetingView['agenda'], counted: Set<string>): string[] {
  return agenda
    .filter((item) => counted.has(item.id))
    .filter((item) => {
      if (item.parentId === null || !counted.has(item.parentId)) return true;
      const siblings = agenda.filter(
        (other) => other.parentId === item.parentId && other.openedAt.length > 0,
      );
      return !siblings.every((sibling) => counted.has(sibling.id));
    })
    .map((item) => item.id)
    .slice(0, 100);
}
