/** Whether the content tab is seen before the meeting (prepare) or after it (minutes). */
import type { MeetingView } from '../../../domain';

export function meetingHasStarted(view: MeetingView, now: Date = new Date()): boolean {
  if (view.agenda.some((item) => item.openedAt.length > 0)) return true;
  if (view.meeting.status !== 'draft') return true;
  const end = view.meeting.endsAt ?? (view.meeting.date ? `${view.meeting.date}T23:59:59Z` : null);
  return end !== null && Date.parse(end) < now.getTime();
}
