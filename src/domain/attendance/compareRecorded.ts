/**
 * A proposal against what the secretary recorded: whether they agree, and the smallest
 * attendance.update that would bring the record in line (never one that changes nothing).
 */
import type { PersonView } from '../meetingView';
import type { OperationBody } from '../operation';
import type { AttendanceFacts, AttendanceProposal, RecordedAttendance } from './attendanceProposal';

export function recordedOf(view: PersonView): RecordedAttendance {
  return { status: view.status, part: view.part, agendaItemIds: [...view.agendaItemIds] };
}

export function agreementOf(
  proposed: AttendanceFacts,
  recorded: RecordedAttendance,
  statusOnly: boolean,
): AttendanceProposal['agreement'] {
  if (proposed.status === 'unknown') return 'unknown';
  if (recorded.status === null) return 'unrecorded';
  if (recorded.status !== proposed.status) return 'differs';
  if (statusOnly || proposed.status !== 'present') return 'agrees';
  if (recorded.part !== proposed.part) return 'differs';
  return !proposed.part || sameSet(recorded.agendaItemIds, proposed.agendaItemIds)
    ? 'agrees'
    : 'differs';
}

/** One attendance.update naming only the fields that would change. */
export function changeOps(
  personId: string,
  proposed: AttendanceFacts,
  recorded: RecordedAttendance,
  only?: ('status' | 'part' | 'agendaItemIds')[],
): OperationBody[] {
  if (proposed.status === 'unknown') return [];
  const wants = (field: 'status' | 'part' | 'agendaItemIds') => !only || only.includes(field);
  const payload: Extract<OperationBody, { type: 'attendance.update' }>['payload'] = { personId };
  if (wants('status') && recorded.status !== proposed.status) payload.status = proposed.status;
  if (wants('part') && recorded.part !== proposed.part) payload.part = proposed.part;
  if (
    wants('agendaItemIds') &&
    (proposed.part || recorded.part) &&
    !sameSet(recorded.agendaItemIds, proposed.agendaItemIds)
  )
    payload.agendaItemIds = [...proposed.agendaItemIds];
  return Object.keys(payload).length > 1 ? [{ type: 'attendance.update', payload }] : [];
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((value) => right.has(value));
}
