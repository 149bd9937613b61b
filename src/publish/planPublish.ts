/**
 * Plans a publish of a meeting's minutes (pure): from the meeting, the committee's publishing
 * settings, the minutes document and what earlier publishes left in the ledger, the steps to take
 * in Microsoft 365, each with a stable key, in dependency waves the executor can batch.
 *
 * - Every publish: a new version of the document, its columns (when they changed), one register
 *   row, Planner task (+ details) per action and one To Do task per named contact per action,
 *   created the first time and updated in place afterwards (ids from the ledger).
 * - Once per announcement: the chat post and the e-mail (planDocumentSteps.ts).
 * - An unfinished run is resumed, not restarted: same run, same publish number.
 */
import type { CommitteeSettings, MeetingView } from '../domain';
import type { MinutesDocument } from '../minutes';
import { planActionSteps, namedContacts } from './planActionSteps';
import { PlanContext, type PublishHistory, type PublishOptions } from './PlanContext';
import { planAnnouncementSteps, planDocumentSteps } from './planDocumentSteps';
import type { PublishPlan } from './PublishPlan';
import { planWaves } from './planWaves';

export type { PublishHistory, PublishOptions } from './PlanContext';
export { MAX_BATCH_STEPS } from './planWaves';

export interface PlanInput {
  view: MeetingView;
  committee: CommitteeSettings;
  minutes: MinutesDocument;
  history: PublishHistory;
  options?: PublishOptions;
}

export function planPublish(input: PlanInput): PublishPlan {
  const { view, committee, minutes, history, options = {} } = input;
  const runs = history.runs.filter((run) => run.meetingId === view.id);
  const last = runs[runs.length - 1];
  const resume = last && last.status !== 'done' ? last : null;
  const plan = new PlanContext(view, committee, minutes, history, resume?.runId ?? null, options);

  planDocumentSteps(plan);
  planAnnouncementSteps(plan);
  const contacts = namedContacts(committee);
  for (const action of view.actions) planActionSteps(plan, action, contacts);

  const { steps, waves } = planWaves(plan.steps);
  return {
    meetingId: view.id,
    publishNo: resume ? resume.publishNo : (last?.publishNo ?? 0) + 1,
    resumeRunId: plan.resumeRunId,
    meetingSeq: view.seq,
    minutes,
    steps,
    skipped: plan.skipped,
    waves,
  };
}
