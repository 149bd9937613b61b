/**
 * A publish run as the API answers it, from what the store keeps: the run's record (a run still
 * marked running that no server runs was interrupted) and the ledger's step records, from which
 * the results (document, chat post, mail, tasks) of all the meeting's publishes are read.
 */
import type { PublishFailure, PublishResults, PublishRunState } from '../contract/graphApi';
import type { Committee, MeetingView } from '../domain';
import type { PublishReport } from '../publish';
import { publishKeys } from '../publish/publishKeys';
import type { PublishRunRecord, PublishStepRecord } from '../store';

export function storedState(
  run: PublishRunRecord,
  steps: readonly PublishStepRecord[],
  results: PublishResults,
): PublishRunState {
  const report = isReport(run.report) ? run.report : null;
  const own = steps.filter((step) => step.runId === run.runId);
  return {
    runId: run.runId,
    meetingId: run.meetingId,
    publishNo: run.publishNo,
    status: run.status === 'running' ? 'interrupted' : run.status,
    completed: report?.completed ?? own.filter((step) => step.status === 'done').length,
    total: report?.total ?? own.length,
    current: null,
    startedAt: run.startedAt,
    updatedAt: run.updatedAt,
    failure:
      run.status === 'running'
        ? {
            step: null,
            code: 'interrupted',
            message: 'The server stopped while publishing; press Retry to resume where it stopped.',
          }
        : reportedFailure(report),
    skipped: (report?.skipped ?? []).map(({ key, label, reason }) => ({ key, label, reason })),
    results,
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

function isReport(value: unknown): value is PublishReport {
  return (
    typeof value === 'object' &&
    value !== null &&
    'status' in value &&
    'completed' in value &&
    'total' in value
  );
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
