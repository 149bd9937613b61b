/**
 * One zod schema per operation type: the payloads the capture tab sends. Objects are strict, so
 * a misspelt field is refused rather than silently dropped. Every type is described, with an
 * example, in docs/operations.md; a test keeps the two in step.
 */
import { z } from 'zod';
import { CLASSIFICATION_LEVELS } from './committee';
import { entityId, isoDate, isoDateTime, label, longText } from './primitives';

export const MEETING_STATUSES = ['draft', 'circulated', 'final'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MEETING_MODES = ['teleconference', 'in-person', 'hybrid'] as const;
export const MEETING_SERIES = ['main', 'reporting'] as const;
export const ATTENDANCE_STATUSES = ['present', 'apologies', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const ACTION_STATUSES = ['open', 'closed'] as const;

/** "41", "38x": digits with an optional series suffix. */
export const meetingNumber = z
  .string()
  .regex(/^\d{1,5}[a-z]{0,2}$/, 'must be digits with an optional letter suffix, e.g. 41 or 38x');

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable();
/** An update op must change something besides naming its target. */
const changesSomething = (value: object) => Object.keys(value).length > 1;
const NOTHING_TO_CHANGE = { message: 'names no field to change' };

export const meetingFieldsSchema = z.strictObject({
  number: meetingNumber.optional(),
  reference: label.optional(),
  title: label.optional(),
  date: isoDate.optional(),
  startsAt: nullable(isoDateTime).optional(),
  endsAt: nullable(isoDateTime).optional(),
  mode: z.enum(MEETING_MODES).optional(),
  series: z.enum(MEETING_SERIES).optional(),
  classification: z.enum(CLASSIFICATION_LEVELS).optional(),
  nextMainMeetingDate: nullable(isoDate).optional(),
  nextReportingMeetingDate: nullable(isoDate).optional(),
  /** The Teams meeting this capture belongs to: its join URL and meeting chat id (19:meeting_…). */
  teamsJoinUrl: nullable(z.string().url().max(2000)).optional(),
  teamsChatId: nullable(z.string().min(1).max(300)).optional(),
  /** Copied from the committee when the meeting is created, so the fold needs nothing else. */
  committeeCode: z
    .string()
    .regex(/^[A-Za-z0-9]{1,12}$/)
    .optional(),
  actionIdFormat: z.string().min(1).max(80).optional(),
});
export type MeetingFieldsPatch = z.output<typeof meetingFieldsSchema>;

const meetingMember = {
  id: entityId,
  name: label,
  categoryId: entityId,
  email: z.string().email().max(320).optional(),
  role: label.optional(),
};

const participant = {
  id: entityId,
  name: label,
  organisationId: entityId,
  role: nullable(label).optional(),
  email: z.string().email().max(320).optional(),
};

const agendaItem = {
  id: entityId,
  title: label,
  parentId: nullable(entityId).optional(),
  presenter: nullable(label).optional(),
  /** Position among its siblings; the client picks a number between its neighbours. */
  order: z.number().finite(),
};

const owners = z.array(entityId).min(1, 'must name at least one owner').max(10);

export const operationPayloadSchemas = {
  'meeting.update': meetingFieldsSchema.refine((value) => Object.keys(value).length > 0, {
    message: 'names no field to change',
  }),
  'meeting.setStatus': z.strictObject({ status: z.enum(MEETING_STATUSES) }),

  'meetingMember.add': z.strictObject(meetingMember),
  'meetingMember.update': z
    .strictObject({
      id: entityId,
      name: label.optional(),
      categoryId: entityId.optional(),
      email: meetingMember.email,
      role: meetingMember.role,
    })
    .refine(changesSomething, NOTHING_TO_CHANGE),
  'meetingMember.remove': z.strictObject({ id: entityId }),

  'attendance.update': z
    .strictObject({
      personId: entityId,
      /** null clears what was recorded (a member withdrawing their apologies). */
      status: nullable(z.enum(ATTENDANCE_STATUSES)).optional(),
      alternateForMemberId: nullable(entityId).optional(),
      part: z.boolean().optional(),
      agendaItemIds: z.array(entityId).max(100).optional(),
    })
    .refine(changesSomething, NOTHING_TO_CHANGE),

  'participant.add': z.strictObject(participant),
  'participant.update': z
    .strictObject({
      id: entityId,
      name: label.optional(),
      organisationId: entityId.optional(),
      role: participant.role,
      email: participant.email,
    })
    .refine(changesSomething, NOTHING_TO_CHANGE),
  'participant.remove': z.strictObject({ id: entityId }),

  'agenda.add': z.strictObject(agendaItem),
  'agenda.update': z
    .strictObject({
      id: entityId,
      title: label.optional(),
      parentId: agendaItem.parentId,
      presenter: agendaItem.presenter,
      order: agendaItem.order.optional(),
    })
    .refine(changesSomething, NOTHING_TO_CHANGE),
  'agenda.remove': z.strictObject({ id: entityId }),
  /** Opening an item makes it current and records when; "at" defaults to the op's clientTime. */
  'agenda.open': z.strictObject({ id: entityId, at: isoDateTime.optional() }),

  /** `speakerId` (a member or participant) lets the minutes attribute the note by house rule. */
  'note.add': z.strictObject({
    id: entityId,
    itemId: entityId,
    text: longText,
    speakerId: nullable(entityId).optional(),
  }),
  'note.update': z
    .strictObject({
      id: entityId,
      itemId: entityId.optional(),
      text: longText.optional(),
      speakerId: nullable(entityId).optional(),
    })
    .refine(changesSomething, NOTHING_TO_CHANGE),
  'note.remove': z.strictObject({ id: entityId }),

  'decision.add': z.strictObject({
    id: entityId,
    itemId: entityId,
    verb: z.string().regex(/^[A-Z][A-Z -]{1,29}$/, 'must be a verb in capitals, e.g. NOTED'),
    text: longText,
  }),
  'decision.update': z
    .strictObject({
      id: entityId,
      itemId: entityId.optional(),
      verb: z
        .string()
        .regex(/^[A-Z][A-Z -]{1,29}$/, 'must be a verb in capitals, e.g. NOTED')
        .optional(),
      text: longText.optional(),
    })
    .refine(changesSomething, NOTHING_TO_CHANGE),
  'decision.remove': z.strictObject({ id: entityId }),

  /** Raising allocates the next action number of the meeting, in seq order. */
  'action.raise': z.strictObject({
    id: entityId,
    itemId: entityId,
    text: longText,
    ownerIds: owners,
    assigneeIds: z.array(entityId).max(20).default([]),
    /** Omitted or null: the next main meeting's date. */
    targetDate: nullable(isoDate).optional(),
  }),
  'action.update': z
    .strictObject({
      id: entityId,
      itemId: entityId.optional(),
      text: longText.optional(),
      ownerIds: owners.optional(),
      assigneeIds: z.array(entityId).max(20).optional(),
      targetDate: nullable(isoDate).optional(),
    })
    .refine(changesSomething, NOTHING_TO_CHANGE),
  /** Actions are withdrawn, never deleted: their number stays taken. */
  'action.withdraw': z.strictObject({ id: entityId, reason: label.optional() }),

  /** An action of an earlier meeting brought to this one for an update. */
  'outstanding.carry': z.strictObject({
    id: entityId,
    actionRef: z.string().min(1).max(40),
    text: longText,
    dateRaised: isoDate,
    lastTargetDate: nullable(isoDate),
    ownerIds: owners,
    itemId: nullable(entityId).optional(),
    sourceMeetingId: nullable(entityId).optional(),
  }),
  'outstanding.update': z
    .strictObject({
      id: entityId,
      update: nullable(longText).optional(),
      status: z.enum(ACTION_STATUSES).optional(),
      revisedTargetDate: nullable(isoDate).optional(),
      itemId: nullable(entityId).optional(),
    })
    .refine(changesSomething, NOTHING_TO_CHANGE),
  'outstanding.remove': z.strictObject({ id: entityId }),
} as const;

type Schemas = typeof operationPayloadSchemas;
export type OperationType = keyof Schemas;
export type OperationPayloads = { [K in OperationType]: z.output<Schemas[K]> };
export const OPERATION_TYPES = Object.keys(operationPayloadSchemas) as OperationType[];

export function isOperationType(type: string): type is OperationType {
  return Object.prototype.hasOwnProperty.call(operationPayloadSchemas, type);
}
