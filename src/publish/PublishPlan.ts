/**
 * The publish plan as data: every step publishing a meeting takes in Microsoft 365, with a stable
 * idempotency key, what it depends on, which Graph identity makes it, and what it writes. Made by
 * planPublish (pure), run by executePublish. Steps that cannot run (a target not configured, a
 * contact without an Entra id) are listed in `skipped` with the reason, so the tab can say why.
 *
 * Keys name the OBJECT in Microsoft 365, not the attempt (docs/publishing.md):
 *   doc:{m}  columns:{m}  chat:{m}:{n}  mail-draft:{m}:{n}  mail:{m}:{n}
 *   row:{m}:{a}  task:{m}:{a}  task-details:{m}:{a}  todo:{m}:{a}:{contact}
 * with m the meeting id, a the action's entity id, n the announcement number. The ledger keeps one
 * record per (run, key), so the same key in a later run is the same object updated in place.
 */
import type { MinutesDocument } from '../minutes';

/** Who makes a step's requests; GraphGateway's flags decide which client that is. */
export type PublishIdentity =
  /** The library and the register: delegated, or the app with Sites.Selected. */
  | 'files'
  /** Planner: delegated, or the app with Tasks.ReadWrite.All. */
  | 'tasks'
  /** Chat and mail: always the signed-in secretary. */
  | 'delegated'
  /** To Do in other people's lists: always the app. */
  | 'application';

export type FieldValue = string | number | boolean | null;

export interface DateTimeTimeZone {
  dateTime: string;
  timeZone: string;
}

interface StepBase<K extends string> {
  key: string;
  kind: K;
  /** What the tab shows while it runs: "Upload OPSG_41_2501 Draft Minutes.docx". */
  label: string;
  /** Keys of planned steps that must be done first. */
  dependsOn: string[];
  identity: PublishIdentity;
}

export interface DocumentUploadStep extends StepBase<'document.upload'> {
  driveId: string;
  /** Folder segments, the year, the file name: fixed by the first publish. */
  path: string[];
  /**
   * The item an earlier publish of this meeting made there: the only file at the path this
   * meeting may write a version on (a file it did not make is never overwritten).
   */
  existingItemId: string | null;
}

export interface DocumentColumnsStep extends StepBase<'document.columns'> {
  driveId: string;
  documentKey: string;
  /** Library columns by internal name. */
  fields: Record<string, FieldValue>;
}

/** Steps that carry the link to the minutes: the hint, or the document step's webUrl. */
export interface LinksToDocument {
  documentKey: string | null;
  documentUrlHint: string | null;
}

export interface ChatPostStep extends StepBase<'chat.post'>, LinksToDocument {
  chatId: string;
  /** In the message's text, so that a post whose answer was lost is found again. */
  marker: string;
  announcementNo: number;
}

export interface MailDraftStep extends StepBase<'mail.draft'>, LinksToDocument {
  to: { address: string }[];
  subject: string;
  /** The `x-minutebook-key` header and body comment of the draft (and of the mail once sent). */
  marker: string;
  attachmentName: string;
  announcementNo: number;
  /**
   * An earlier run began this announcement and did not finish it: look in Sent Items for the
   * marker first (its send may have gone through), and never take its draft for this run's.
   */
  begunEarlier: boolean;
}

export interface MailSendStep extends StepBase<'mail.send'> {
  draftKey: string;
  /** The mail's marker, looked for in Sent Items when the outcome of a send is in doubt. */
  marker: string;
  announcementNo: number;
}

export interface RegisterRowStep extends StepBase<'register.upsert'> {
  siteId: string;
  listId: string;
  actionId: string;
  /** The row's `MinutebookKey`: how a creation in doubt finds this meeting's row, and no other. */
  marker: string;
  fields: Record<string, FieldValue>;
  /** The row an earlier publish made: update it; null: create it. */
  existing: { itemId: string } | null;
}

export interface PlannerTaskStep extends StepBase<'planner.upsert'> {
  planId: string;
  bucketId: string;
  actionId: string;
  /** The "Ref" line of the task's description: which meeting's task a found task is. */
  marker: string;
  title: string;
  dueDateTime: string | null;
  /** Entra object ids to assign (all of them on create, the new ones on update). */
  assign: string[];
  /** Entra object ids an earlier publish assigned who are no longer named. */
  unassign: string[];
  /** Set on create (0), and to 100 when the action is withdrawn; otherwise left to the owners. */
  percentComplete: number | null;
  existing: { taskId: string; etag: string; assigneeIds: string[] } | null;
}

export interface PlannerDetailsStep extends StepBase<'planner.details'>, LinksToDocument {
  taskKey: string;
  /** Ends with the task's marker ("Ref minutebook:…"). */
  description: string;
  referenceAlias: string;
}

export interface TodoTaskStep extends StepBase<'todo.upsert'>, LinksToDocument {
  /** The contact's Entra object id: whose To Do the task goes in. */
  userId: string;
  contactId: string;
  actionId: string;
  title: string;
  bodyText: string;
  dueDateTime: DateTimeTimeZone;
  reminderDateTime: DateTimeTimeZone;
  /** The linked resource's externalId: how a task whose creation answer was lost is found. */
  externalId: string;
  linkName: string;
  /** Set on create (notStarted), and to completed when the action is withdrawn. */
  status: 'notStarted' | 'completed' | null;
  existing: { listId: string; taskId: string } | null;
}

export type PublishStep =
  | DocumentUploadStep
  | DocumentColumnsStep
  | ChatPostStep
  | MailDraftStep
  | MailSendStep
  | RegisterRowStep
  | PlannerTaskStep
  | PlannerDetailsStep
  | TodoTaskStep;

export type PublishStepKind = PublishStep['kind'];

export interface SkippedStep {
  key: string;
  kind: PublishStepKind;
  label: string;
  reason: string;
}

/** Steps that can go out together: one identity, at most 20 (a $batch), or one direct request. */
export interface PlannedBatch {
  identity: PublishIdentity;
  /** The document upload is bytes, which $batch cannot carry: it goes on its own. */
  direct: boolean;
  keys: string[];
}

/** An outcome an earlier run left in doubt, for a step of this plan: looked up before writing. */
export interface InheritedDoubt {
  key: string;
  runId: string;
  /** What the earlier run kept with its pending record (a To Do list id, an eTag…). */
  result: Record<string, unknown> | null;
  /** When the earlier run recorded it. */
  updatedAt: string;
}

/** The unfinished run a new run takes over from, because the meeting changed since it began. */
export interface SupersededRun {
  runId: string;
  publishNo: number;
  completed: number;
  total: number;
}

export interface PublishPlan {
  tenantId: string;
  meetingId: string;
  /** 1 for the first publish; a republish after edits is the next number. */
  publishNo: number;
  /** The unfinished run this plan continues (nothing changed since it began), or null. */
  resumeRunId: string | null;
  /** The unfinished run a new run replaces (the meeting changed since), or null. */
  supersedes: SupersededRun | null;
  /** Steps of this plan whose last outcome, in an earlier run, is in doubt. */
  inherited: InheritedDoubt[];
  meetingSeq: number;
  minutes: MinutesDocument;
  /** In the order they are numbered for progress ("step n of m"). */
  steps: PublishStep[];
  skipped: SkippedStep[];
  /** Dependency levels: every step of a wave depends only on steps of earlier waves. */
  waves: PlannedBatch[][];
}
