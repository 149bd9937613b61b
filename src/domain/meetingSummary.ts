/**
 * The few meeting fields that lists and the final-lock check need, kept beside the meeting row
 * and advanced with each append, so neither has to fold the whole log.
 */
import type { MeetingStatus } from './operationSchemas';
import type { NewOperation } from './operation';
import { canChangeStatus } from './meetingStatus';

export interface MeetingSummary {
  number: string;
  reference: string;
  title: string;
  date: string | null;
  series: 'main' | 'reporting';
  status: MeetingStatus;
}

export const EMPTY_SUMMARY: MeetingSummary = {
  number: '',
  reference: '',
  title: '',
  date: null,
  series: 'main',
  status: 'draft',
};

/** The summary after `ops`, applied in order with the same rules as the fold. */
export function advanceSummary(
  summary: MeetingSummary,
  ops: readonly NewOperation[],
): MeetingSummary {
  const next = { ...summary };
  for (const op of ops) {
    if (op.type === 'meeting.update') {
      const { number, reference, title, date, series } = op.payload;
      if (number !== undefined) next.number = number;
      if (reference !== undefined) next.reference = reference;
      if (title !== undefined) next.title = title;
      if (date !== undefined) next.date = date;
      if (series !== undefined) next.series = series;
    } else if (op.type === 'meeting.setStatus' && canChangeStatus(next.status, op.payload.status)) {
      next.status = op.payload.status;
    }
  }
  return next;
}
