/**
 * Creating a meeting and changing its settings. Both become one `meeting.update` op, so the
 * log stays the single source of truth; here the committee's defaults and formats are applied.
 */
import type { z } from 'zod';
import type { CommitteeSettings } from './committee';
import { fillTemplate } from './formatTemplate';
import type { MeetingFields } from './meetingState';
import { meetingFieldsSchema, meetingNumber, type MeetingFieldsPatch } from './operationSchemas';
import { entityId, isoDate } from './primitives';

const settableFields = meetingFieldsSchema.omit({ committeeCode: true, actionIdFormat: true });

export const newMeetingSchema = settableFields.extend({
  committeeId: entityId,
  /** Optional client-made id (lets a retried create be recognised); made by the server if absent. */
  id: entityId.optional(),
  number: meetingNumber,
  date: isoDate,
});
export type NewMeetingInput = z.output<typeof newMeetingSchema>;

export const meetingSettingsPatchSchema = settableFields.refine(
  (value) => Object.keys(value).length > 0,
  {
    message: 'names no setting to change',
  },
);

/** The first op's payload: the input, with the committee's defaults and its reference format. */
export function newMeetingFields(
  committee: CommitteeSettings,
  input: NewMeetingInput,
): MeetingFieldsPatch {
  const { committeeId: _committeeId, id: _id, ...fields } = input;
  return {
    title: `${committee.name} Meeting`,
    classification: committee.classification.level,
    ...fields,
    reference:
      fields.reference ??
      fillTemplate(committee.meetingReferenceFormat, {
        code: committee.code,
        number: fields.number,
        date: fields.date,
      }),
    committeeCode: committee.code,
    actionIdFormat: committee.actionIdFormat,
  };
}

/** A settings change; a new number or date also renews the reference unless one is given. */
export function meetingSettingsChange(
  committee: CommitteeSettings,
  current: Pick<MeetingFields, 'number' | 'date'>,
  patch: MeetingFieldsPatch,
): MeetingFieldsPatch {
  const renumbered = patch.number !== undefined || patch.date !== undefined;
  if (!renumbered || patch.reference !== undefined) return patch;
  return {
    ...patch,
    reference: fillTemplate(committee.meetingReferenceFormat, {
      code: committee.code,
      number: patch.number ?? current.number,
      date: patch.date ?? current.date,
    }),
  };
}
