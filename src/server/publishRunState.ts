/**
 * A publish run as the API answers it: from memory while this server runs it (its progress
 * events), else from what the store keeps: the run's record (a run still marked running is
 * running elsewhere while its lease lasts, and was interrupted once it ran out) and the ledger's
 * step records, from which the results (document, chat post, mail, tasks) of all the meeting's
 * publishes are read. Counts are always of the run's real plan.
 */
import type {
  PublishFailure,
  PublishProgressEvent,
  PublishResults,
  PublishRunState,
} from '../contract/graphApi';
import type { Committee, MeetingView } from '../domain';
import type { PublishReport } from '../publish';
import { publishKeys } from '../publish/publishKeys';
import { isRunningSnapshot, runProgress } from '../publish/runProgress';
import type { PublishRunRecord, PublishStepRecord } from '../store';

/** A run this server executes (or did, a minute ago). */
export interface LiveRun {
  runId: string;
  tenantId: string;
  meetingId: string;
  publishNo: number;
  total: number;
  startedAt: string;
  updatedAt: string;
  events: PublishProgressEvent[];
  status: 'running' | 'done' | 'failed' | 'interrupted';
  report: PublishReport | null;
  /** A failure outside the plan's steps (the store, a bug): the run stopped. */
  crash: { code: string; message: string } | null;
  skipped: PublishRunState['skipped'];
  /**
   * Steps of its plan a resumed run had done before it resumed (from the ledger): they count from
   * the start, before the run says so again ("done earlier") or finds one gone.
   */
  doneBefore: ReadonlySet<string>;
}

const FINISHED = new Set(['done', 'reconciled']);

/** The state of a run from its progress: a step counts once its latest event says it is done. */
export function liveState(run: LiveRun, results: PublishResults): PublishRunState {
  const last = run.events.at(-1);
  const report = run.report;
  const latest = new Map<string, string>();
  for (const key of run.doneBefore) latest.set(key, 'done');
  for (const event of run.events) latest.set(event.key, event.status);
  const done = [...latest.values()].filter((status) => FINISHED.has(status)).length;
  return {
    runId: run.runId,
    meetingId: run.meetingId,
    publishNo: run.publishNo,
    status: run.status,
    completed: report && 'completed' in report ? report.completed : done,
    total: run.total,
    current: last ? { step: last.step, of: last.of, label: last.label, status: last.status } : null,
    startedAt: run.startedAt,
    updatedAt: run.updatedAt,
    failure: run.crash
      ? { step: null, ...run.crash }
      : run.status === 'interrupted'
        ? interruptedFailure('The server stopped while publishing')
        : reportedFailure(report),
    skipped: run.skipped,
    results,
  };
}

export function storedState(
  run: PublishRunRecord,
  steps: readonly PublishStepRecord[],
  results: PublishResults,
  now: Date,
): PublishRunState {
  const report = isReport(run.report) ? run.report : null;
  const running = run.status === 'running';
  const elsewhere =
    running && run.leaseUntil !== null && Date.parse(run.leaseUntil) > now.getTime();
  const skipped = report?.skipped ?? (isRunningSnapshot(run.report) ? run.report.skipped : []);
  return {
    runId: run.runId,
    meetingId: run.meetingId,
    publishNo: run.publishNo,
    status: elsewhere ? 'running' : running ? 'interrupted' : run.status,
    ...runProgress(run, steps),
    current: null,
    startedAt: run.startedAt,
    updatedAt: run.updatedAt,
    failure: elsewhere
      ? null
      : running
        ? interruptedFailure('The server publishing it stopped')
        : reportedFailure(report),
    skipped: skipped.map(({ key, label, reason }) => ({ key, label, reason })),
    results,
  };
}

function interruptedFailure(what: string): PublishFailure {
  return {
    step: null,
    code: 'interrupted',
    message: `${what}; press Retry to resume where it stopped.`,
  };
}

/** The failure a run's report names, if it failed. */
export function reportedFailure(report: PublishReport | null | undefined): PublishFailure | null {
  if (report?.status !== 'failed') return null;
  return {
    step: report.failedStep ? { key: report.failedStep.key, label: report.failedStep.label } : null,
    code: report.code,
    message: report.message,
  };
}

/** A finished run's report (done or failed), as executePublish wrote it. */
function isReport(value: unknown): value is PublishReport & { status: 'done' | 'failed' } {
  if (typeof value !== 'object' || value === null) return false;
  const report = value as { status?: unknown; skipped?: unknown };
  return (report.status === 'done' || report.status === 'failed') && Array.isArray(report.skipped);
}

/**
 * Where the results link to: Microsoft 365 itself (Planner on the web needs the tenant), or, with
 * the local Graph sandbox, the rows of its inspector (the sandbox's SharePoint and Teams URLs lead
 * nowhere on a machine without Microsoft 365).
 */
export type ResultLinks =
  { kind: 'microsoft365'; tenantId: string } | { kind: 'sandbox'; inspectorPath: string };

/** The inspector's anchor of a published object (see the sandbox's renderInspector). */
const inspectorLink = (links: ResultLinks | null, anchor: string, id: string | null) =>
  links?.kind === 'sandbox' && id
    ? `${links.inspectorPath}#${anchor}-${encodeURIComponent(id)}`
    : null;

/** What the meeting's publishes made, from the ledger: the latest done record of each key. */
export function publishResults(
  steps: readonly PublishStepRecord[],
  view: MeetingView,
  committee: Pick<Committee, 'publishing'>,
  links: ResultLinks | null,
): PublishResults {
  const latest = new Map<string, PublishStepRecord>();
  let versions = 0;
  for (const step of steps) {
    if (step.status !== 'done') continue;
    latest.set(step.key, step);
    if (step.kind === 'document.upload') versions += 1;
  }
  const done = [...latest.values()];
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  const document = latest.get(publishKeys.document(view.id));
  const path = document?.result?.path;
  const chat = done.filter((step) => step.kind === 'chat.post').at(-1);
  const mail = done.some((step) => step.kind === 'mail.send');
  return {
    document: document
      ? {
          name: Array.isArray(path) ? String(path.at(-1)) : `${view.meeting.reference}.docx`,
          url:
            links?.kind === 'sandbox'
              ? inspectorLink(links, 'document', text(document.result?.itemId))
              : text(document.result?.webUrl),
          versions,
        }
      : null,
    chatPost: chat
      ? {
          url:
            links?.kind === 'sandbox'
              ? inspectorLink(links, 'chat', text(chat.result?.messageId))
              : text(chat.result?.webUrl),
        }
      : null,
    mail: mail ? { recipients: committee.publishing.distributionList.length } : null,
    tasks: view.actions.flatMap((action) => {
      const taskId = text(latest.get(publishKeys.task(view.id, action.id))?.result?.taskId);
      if (!taskId) return [];
      return [
        {
          actionId: action.actionId,
          taskId,
          url:
            links?.kind === 'microsoft365'
              ? `https://tasks.office.com/${encodeURIComponent(links.tenantId)}/Home/Task/${encodeURIComponent(taskId)}`
              : inspectorLink(links, 'task', taskId),
        },
      ];
    }),
    registerRows: done.filter((step) => step.kind === 'register.upsert').length,
    reminders: done.filter((step) => step.kind === 'todo.upsert').length,
  };
}

export function emptyResults(): PublishResults {
  return { document: null, chatPost: null, mail: null, tasks: [], registerRows: 0, reminders: 0 };
}
