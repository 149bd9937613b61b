/**
 * The words of the proposals' sentences: statuses, agenda item numbers and clock times in the
 * committee's time zone, so the secretary reads what is proposed without opening the evidence.
 */
import type { TimeSpan } from '../agendaTimeline';
import type { MeetingView } from '../meetingView';
import type { AttendanceFacts, AttendanceProposal, RecordedAttendance } from './attendanceProposal';

export function describeFacts(
  agenda: MeetingView['agenda'],
  facts: AttendanceFacts | RecordedAttendance,
  asRecorded = false,
): string {
  switch (facts.status) {
    case null:
      return 'nothing';
    case 'unknown':
      return 'Unknown';
    case 'absent':
      return 'Absent';
    case 'apologies':
      return 'Apologies';
    case 'present':
      if (!facts.part) return 'Present';
      if (facts.agendaItemIds.length > 0)
        return `Part (${itemsPhrase(agenda, facts.agendaItemIds, 'agenda item')})`;
      return asRecorded ? 'Part' : 'Part (no agenda item long enough to count)';
  }
}

export function recordedPhrase(
  agenda: MeetingView['agenda'],
  recorded: RecordedAttendance,
  agreement: AttendanceProposal['agreement'],
): string {
  if (agreement === 'agrees') return '; already recorded';
  if (recorded.status === null) return '; nothing recorded yet';
  return `; recorded as ${describeFacts(agenda, recorded, true)}`;
}

export function itemsPhrase(
  agenda: MeetingView['agenda'],
  ids: readonly string[],
  noun: string,
): string {
  const numbers = ids.map((id) => agenda.find((item) => item.id === id)?.number ?? '?');
  return numbers.length === 1 ? `${noun} ${numbers[0]}` : `${noun}s ${listWithAnd(numbers)}`;
}

export function describeSpans(spans: readonly TimeSpan[], timeZone: string): string {
  const format = clockFormat(timeZone);
  const parts = spans.map((span) => `${format(span.start)}–${format(span.end)}`);
  if (parts.length > 4) return `${parts.slice(0, 3).join(', ')} and ${parts.length - 3} more times`;
  return listWithAnd(parts);
}

function clockFormat(timeZone: string): (ms: number) => string {
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone,
    });
  } catch {
    formatter = new Intl.DateTimeFormat('en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: 'UTC',
    });
  }
  return (ms) => formatter.format(new Date(ms));
}

function listWithAnd(parts: readonly string[]): string {
  return parts.length <= 1
    ? (parts[0] ?? '')
    : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
