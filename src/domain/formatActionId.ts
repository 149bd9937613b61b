/** "OPSG 41/01": the action's number in its meeting, in the committee's action-ID format. */
import { fillTemplate } from './formatTemplate';
import type { MeetingFields } from './meetingState';

export function formatActionId(fields: MeetingFields, actionNumber: number): string {
  return fillTemplate(fields.actionIdFormat, {
    code: fields.committeeCode,
    number: fields.number,
    date: fields.date,
    seq: actionNumber,
  });
}
