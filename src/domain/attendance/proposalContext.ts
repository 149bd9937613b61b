/**
 * What every proposal is built from, worked out once a reconciliation: the input, the
 * thresholds with defaults filled in, and the meeting's measured time and agenda item spans.
 */
import type { TimeSpan } from '../agendaTimeline';
import type { AttendanceThresholds, ReconcileAttendanceInput } from './reconcileAttendanceInput';

/** Times are epoch milliseconds; `itemSpans` are already cut to the measured time. */
export interface ProposalContext {
  input: ReconcileAttendanceInput;
  thresholds: AttendanceThresholds;
  startMs: number;
  endMs: number;
  measured: TimeSpan[];
  itemSpans: Map<string, TimeSpan[]>;
}
