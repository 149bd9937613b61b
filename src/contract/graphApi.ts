/**
 * The HTTP answers of the routes that reach Microsoft 365 (docs/api.md, "Attendance, apologies
 * and publishing"): the attendance and apology proposals, the publish status, a publish run and
 * its progress events. The server builds them; the tab reads them. Types only.
 */
import type { ApologyProposals, AttendanceReconciliation } from '../domain';

/** The Teams meeting the proposals were read from. */
export interface TeamsMeetingRef {
  joinWebUrl: string;
  subject: string | null;
  startDateTime: string | null;
  endDateTime: string | null;
  organizer: { id: string | null; name: string | null } | null;
}

export interface AttendanceProposalsResponse extends AttendanceReconciliation {
  teamsMeeting: TeamsMeetingRef;
  generatedAt: string;
}

export interface ApologyProposalsResponse extends ApologyProposals {
  teamsMeeting: TeamsMeetingRef;
  generatedAt: string;
}

/**
 * `running` in this server now; `done`; `failed` (POST again resumes it); `interrupted`: the
 * server stopped during the run (POST again resumes it).
 */
export type PublishRunStatus = 'running' | 'done' | 'failed' | 'interrupted';

export type PublishStepStatus =
  'running' | 'done' | 'reconciled' | 'retrying' | 'unknown' | 'failed';

/** One `progress` event of the stream: "step 3 of 25, Upload OPSG_41_2501 Draft Minutes.docx". */
export interface PublishProgressEvent {
  /** 1-based position of the step in the run. */
  step: number;
  of: number;
  label: string;
  status: PublishStepStatus;
  /** The step's idempotency key, e.g. `doc:demo-opsg-41`. */
  key: string;
  kind: string;
  /** Why it is being retried or failed. */
  message?: string;
}

export interface PublishedTask {
  actionId: string;
  taskId: string;
  /** Planner on the web; null in the sandbox, where there is no Planner to open. */
  url: string | null;
}

/** What the meeting's publishes have made so far, with links. */
export interface PublishResults {
  document: { name: string; url: string | null; versions: number } | null;
  chatPost: { url: string | null } | null;
  mail: { recipients: number } | null;
  tasks: PublishedTask[];
  registerRows: number;
  reminders: number;
}

export interface PublishFailure {
  step: { key: string; label: string } | null;
  code: string;
  /** What went wrong, as a sentence; Retry (POST again) resumes the run. */
  message: string;
}

export interface PublishRunState {
  runId: string;
  meetingId: string;
  /** 1 for the first publish of the meeting, 2 for a republish… */
  publishNo: number | null;
  status: PublishRunStatus;
  /** Steps done so far and in all. */
  completed: number;
  total: number;
  /** The last step reported. */
  current: Pick<PublishProgressEvent, 'step' | 'of' | 'label' | 'status'> | null;
  startedAt: string;
  updatedAt: string;
  failure: PublishFailure | null;
  /** Steps left out, and why (nothing configured, already announced…). */
  skipped: { key: string; label: string; reason: string }[];
  results: PublishResults;
}

export interface PublishStatus {
  /** Whether the caller may publish this meeting (only its secretary may). */
  canPublish: boolean;
  /** Why not, as a sentence; null when they may. */
  reason: string | null;
  graphMode: 'sandbox' | 'graph' | 'none';
  /** The Graph sandbox's inspector, where a local run shows what was published. */
  inspectorUrl: string | null;
  lastRun: PublishRunState | null;
}

export interface PublishStarted {
  runId: string;
  status: PublishRunStatus;
  /** True when this continues a failed or interrupted run (Retry). */
  resumed: boolean;
}
