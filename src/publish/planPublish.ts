/**
 * Plans a publish of a meeting's minutes (pure): from the meeting, the committee's publishing
 * settings, the minutes document and what earlier publishes left in the ledger, the steps to take
 * in Microsoft 365, each with a stable key, in dependency waves the executor can batch.
 *
 * - Every publish: a new version of the document, its columns (when they changed), one register
 *   row, Planner task (+ details) per action and one To Do task per named contact per action,
 *   created the first time and updated in place afterwards (ids from the ledger).
 * - Once per announcement: the chat post and the e-mail (planDocumentSteps.ts).
 * - An unfinished run is resumed when the meeting is as it was when the run began (same run, same
 *   publish number). After an edit, a new run takes over from it: it updates in place what the
 *   unfinished run made, looks up what it left in doubt, and carries the edit.
 */
import type { CommitteeSettings, MeetingView } from '../domain';
import type { MinutesDocument } from '../minutes';
import { planActionSteps, namedContacts } from './planActionSteps';
import { PlanContext, type PublishHistory, type PublishOptions } from './PlanContext';
import { planAnnouncementSteps, planDocumentSteps } from './planDocumentSteps';
import type { PublishPlan, SupersededRun } from './PublishPlan';
import { planWaves } from './planWaves';
import { runProgress } from './runProgress';

export type { PublishHistory, PublishOptions } from './PlanContext';
export { MAX_BATCH_STEPS } from './planWaves';

export interface PlanInput {
  /** The tenant of the meeting: part of every marker a lookup matches in Microsoft 365. */
  tenantId: string;
  view: MeetingView;
  committee: CommitteeSettings;
  minutes: MinutesDocument;
  history: PublishHistory;
  options?: PublishOptions;
}

export function planPublish(input: PlanInput): PublishPlan {
  const { tenantId, view, committee, minutes, history, options = {} } = input;
  const runs = history.runs.filter((run) => run.meetingId === view.id);
  const last = runs[runs.length - 1];
  const unfinished = last && last.status !== 'done' ? last : null;
  const resume = unfinished && unfinished.meetingSeq === view.seq ? unfinished : null;
  const supersede = unfinished && !resume ? unfinished : null;
  const plan = new PlanContext(
    tenantId,
    view,
    committee,
    minutes,
    history,
    { resume: resume?.runId ?? null, supersede: supersede?.runId ?? null },
    options,
  );

  planDocumentSteps(plan);
  planAnnouncementSteps(plan);
  const contacts = namedContacts(committee);
  for (const action of view.actions) planActionSteps(plan, action, contacts);

  const { steps, waves } = planWaves(plan.steps);
  const supersedes: SupersededRun | null = supersede
    ? {
        runId: supersede.runId,
        publishNo: supersede.publishNo,
        ...runProgress(supersede, history.steps),
      }
    : null;
  return {
    tenantId,
    meetingId: view.id,
    publishNo: resume ? resume.publishNo : (last?.publishNo ?? 0) + 1,
    resumeRunId: resume?.runId ?? null,
    supersedes,
    inherited: steps.flatMap((step) => {
      const record = plan.inDoubt.get(step.key);
      return record
        ? [
            {
              key: step.key,
              runId: record.runId,
              result: record.result,
              updatedAt: record.updatedAt,
            },
          ]
        : [];
    }),
    meetingSeq: view.seq,
    minutes,
    steps,
    skipped: plan.skipped,
    waves,
  };
}
