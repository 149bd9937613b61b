/**
 * The shapes of the API's answers that the pages read (TabApi), as zod schemas: each is typed
 * against the contract's TypeScript type (`z.ZodType<T>`), so the two cannot drift apart, and an
 * answer that does not match is an `invalid_response` error rather than a page that breaks later.
 * Unknown extra fields are dropped (a newer server may add some).
 */
import { z } from 'zod';
import type {
  ApologyProposalsResponse,
  AttendanceProposalsResponse,
  PublishProgressEvent,
  PublishRunState,
  PublishStarted,
  PublishStatus,
  TeamsMeetingRef,
} from '../../contract/graphApi';
import { CLASSIFICATION_LEVELS, type Committee } from '../../domain/committee';
import type { MeetingView, PersonView } from '../../domain/meetingView';
import {
  ATTENDANCE_STATUSES,
  MEETING_MODES,
  MEETING_SERIES,
  MEETING_STATUSES,
} from '../../domain/operationSchemas';
import { committeeSchema, operationBodySchema } from '../sync/wire';

const text = z.string();
const maybeText = z.string().nullable();
const named = z.object({ id: text, name: text });

// ---- Meetings -------------------------------------------------------------------------------

export interface MeetingListEntry {
  id: string;
  committeeId: string;
  number: string;
  reference: string;
  title: string;
  date: string | null;
  series: 'main' | 'reporting';
  status: 'draft' | 'circulated' | 'final';
  lastSeq: number;
  createdAt: string;
}

export const meetingListEntrySchema: z.ZodType<MeetingListEntry> = z.object({
  id: text,
  committeeId: text,
  number: text,
  reference: text,
  title: text,
  date: maybeText,
  series: z.enum(MEETING_SERIES),
  status: z.enum(MEETING_STATUSES),
  lastSeq: z.number().int(),
  createdAt: text,
});

export const meetingListSchema = z.object({ meetings: z.array(meetingListEntrySchema) });
export const createdMeetingSchema = z.object({ meeting: meetingListEntrySchema });
export const committeeListSchema: z.ZodType<{ committees: Committee[] }> = z.object({
  committees: z.array(committeeSchema),
});

const personSchema: z.ZodType<PersonView> = z.object({
  personId: text,
  name: text,
  role: maybeText,
  onRoster: z.boolean(),
  status: z.enum(ATTENDANCE_STATUSES).nullable(),
  alternateFor: z.object({ memberId: text, name: text }).nullable(),
  part: z.boolean(),
  agendaItemIds: z.array(text),
});

/** `GET /api/meetings/:id`: the folded meeting. */
export const meetingViewSchema: z.ZodType<MeetingView> = z.object({
  id: text,
  seq: z.number().int().nonnegative(),
  meeting: z.object({
    number: text,
    reference: text,
    title: text,
    date: maybeText,
    startsAt: maybeText,
    endsAt: maybeText,
    mode: z.enum(MEETING_MODES),
    series: z.enum(MEETING_SERIES),
    status: z.enum(MEETING_STATUSES),
    classification: z.enum(CLASSIFICATION_LEVELS).nullable(),
    nextMainMeetingDate: maybeText,
    nextReportingMeetingDate: maybeText,
    committeeCode: text,
    actionIdFormat: text,
    teamsJoinUrl: maybeText,
    teamsChatId: maybeText,
  }),
  attendees: z.array(
    z.object({ categoryId: text, categoryName: text, people: z.array(personSchema) }),
  ),
  otherParticipants: z.array(
    z.object({ organisationId: text, organisationName: text, people: z.array(personSchema) }),
  ),
  agenda: z.array(
    z.object({
      id: text,
      number: text,
      depth: z.union([z.literal(0), z.literal(1)]),
      parentId: maybeText,
      title: text,
      presenter: maybeText,
      openedAt: z.array(text),
    }),
  ),
  currentItemId: maybeText,
  notes: z.array(z.object({ id: text, itemId: text, text, speakerId: maybeText, author: text })),
  decisions: z.array(z.object({ id: text, itemId: text, verb: text, text })),
  actions: z.array(
    z.object({
      id: text,
      actionId: text,
      number: z.number().int(),
      itemId: text,
      text,
      owners: z.array(named),
      assigneeIds: z.array(text),
      targetDate: maybeText,
      targetDateIsDefault: z.boolean(),
      raisedAt: text,
      withdrawn: z.boolean(),
      withdrawnReason: maybeText,
    }),
  ),
  outstanding: z.array(
    z.object({
      id: text,
      actionRef: text,
      text,
      dateRaised: text,
      lastTargetDate: maybeText,
      itemId: maybeText,
      sourceMeetingId: maybeText,
      update: maybeText,
      status: z.enum(['open', 'closed']),
      revisedTargetDate: maybeText,
      owners: z.array(named),
    }),
  ),
  quorum: z.object({
    met: z.boolean(),
    seatsFilled: z.number(),
    minimumMembers: z.number(),
    categories: z.array(
      z.object({
        categoryId: text,
        categoryName: text,
        present: z.number(),
        minimum: z.number(),
        met: z.boolean(),
      }),
    ),
    summary: text,
  }),
  ignored: z.array(z.object({ seq: z.number(), opId: text, reason: text })),
});

/** Signed, short-lived links to the minutes: an <iframe> or a download cannot send the SSO token. */
export interface MinutesLinks {
  expiresAt: string;
  links: Record<'docx' | 'html' | 'txt', string>;
}

export const minutesLinksSchema: z.ZodType<MinutesLinks> = z.object({
  expiresAt: text,
  links: z.object({ docx: text, html: text, txt: text }),
});

// ---- Proposals ------------------------------------------------------------------------------

const teamsMeetingSchema: z.ZodType<TeamsMeetingRef> = z.object({
  joinWebUrl: text,
  subject: maybeText,
  startDateTime: maybeText,
  endDateTime: maybeText,
  organizer: z.object({ id: maybeText, name: maybeText }).nullable(),
});

const facts = z.object({
  part: z.boolean(),
  agendaItemIds: z.array(text),
});

export const attendanceProposalsSchema: z.ZodType<AttendanceProposalsResponse> = z.object({
  proposals: z.array(
    z.object({
      key: text,
      kind: z.enum(['joined', 'notOnRoster', 'neverJoined', 'notInReport']),
      personId: text,
      name: text,
      personKind: z.enum(['member', 'meetingMember', 'participant', 'new']),
      group: z.object({
        kind: z.enum(['category', 'organisation', 'none']),
        id: maybeText,
        name: text,
      }),
      matchedBy: z.enum(['entraObjectId', 'email', 'contact', 'name']).nullable(),
      confidence: z.enum(['high', 'medium', 'low']),
      organisation: z
        .object({ id: text, name: text, from: z.enum(['contact', 'emailDomain']) })
        .nullable(),
      evidence: z
        .object({
          records: z.number(),
          sessions: z.number(),
          displayNames: z.array(text),
          emails: z.array(text),
          userIds: z.array(text),
          roles: z.array(text),
          external: z.boolean().nullable(),
          timesHidden: z.boolean(),
          intervals: z.array(z.object({ start: text, end: text })),
          attendedSeconds: z.number(),
          share: z.number(),
        })
        .nullable(),
      proposed: facts.extend({ status: z.enum([...ATTENDANCE_STATUSES, 'unknown']) }),
      recorded: facts.extend({ status: z.enum(ATTENDANCE_STATUSES).nullable() }).nullable(),
      agreement: z.enum(['agrees', 'differs', 'unrecorded', 'unknown']),
      sentence: text,
      ops: z.array(operationBodySchema),
    }),
  ),
  sessions: z.number(),
  reportHidesPeople: z.boolean(),
  provisional: z.boolean(),
  warnings: z.array(text),
  summary: z.object({
    present: z.number(),
    part: z.number(),
    notOnRoster: z.number(),
    neverJoined: z.number(),
    unknown: z.number(),
  }),
  teamsMeeting: teamsMeetingSchema,
  generatedAt: text,
});

const inviteeSchema = z.object({
  name: text,
  address: maybeText,
  response: text,
  personId: maybeText,
  onRoster: z.boolean(),
  organisation: named.nullable(),
  comment: maybeText,
  responseTime: maybeText,
  sentence: text,
});

const mailbox = z.object({ name: maybeText, address: maybeText });

export const apologyProposalsSchema: z.ZodType<ApologyProposalsResponse> = z.object({
  event: z
    .object({ id: text, subject: maybeText, start: maybeText, organizer: mailbox.nullable() })
    .nullable(),
  apologies: z.array(
    z.object({
      personId: text,
      name: text,
      categoryId: text,
      categoryName: text,
      address: maybeText,
      matchedBy: z.enum(['email', 'name']),
      confidence: z.enum(['high', 'low']),
      comment: maybeText,
      responseTime: maybeText,
      recorded: z.enum(ATTENDANCE_STATUSES).nullable(),
      agreement: z.enum(['agrees', 'differs', 'unrecorded']),
      sentence: text,
      ops: z.array(operationBodySchema),
    }),
  ),
  declinedNotOnRoster: z.array(inviteeSchema),
  noAnswer: z.array(inviteeSchema),
  notInvited: z.array(z.object({ personId: text, name: text })),
  warnings: z.array(text),
  teamsMeeting: teamsMeetingSchema,
  generatedAt: text,
});

// ---- Publishing -----------------------------------------------------------------------------

const runStatus = z.enum(['running', 'done', 'failed', 'interrupted']);
const stepStatus = z.enum(['running', 'done', 'reconciled', 'retrying', 'unknown', 'failed']);

export const publishProgressSchema: z.ZodType<PublishProgressEvent> = z.object({
  step: z.number(),
  of: z.number(),
  label: text,
  status: stepStatus,
  key: text,
  kind: text,
  message: text.optional(),
});

export const publishRunStateSchema: z.ZodType<PublishRunState> = z.object({
  runId: text,
  meetingId: text,
  publishNo: z.number().nullable(),
  status: runStatus,
  completed: z.number(),
  total: z.number(),
  current: z
    .object({ step: z.number(), of: z.number(), label: text, status: stepStatus })
    .nullable(),
  startedAt: text,
  updatedAt: text,
  failure: z
    .object({
      step: z.object({ key: text, label: text }).nullable(),
      code: text,
      message: text,
    })
    .nullable(),
  skipped: z.array(z.object({ key: text, label: text, reason: text })),
  results: z.object({
    document: z.object({ name: text, url: maybeText, versions: z.number() }).nullable(),
    chatPost: z.object({ url: maybeText }).nullable(),
    mail: z.object({ recipients: z.number() }).nullable(),
    tasks: z.array(z.object({ actionId: text, taskId: text, url: maybeText })),
    registerRows: z.number(),
    reminders: z.number(),
  }),
});

export const publishStatusSchema: z.ZodType<PublishStatus> = z.object({
  canPublish: z.boolean(),
  reason: maybeText,
  graphMode: z.enum(['sandbox', 'graph', 'none']),
  inspectorUrl: maybeText,
  lastRun: publishRunStateSchema.nullable(),
});

export const publishStartedSchema: z.ZodType<PublishStarted> = z.object({
  runId: text,
  status: runStatus,
  resumed: z.boolean(),
});
