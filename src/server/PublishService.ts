/**
 * Publish runs over HTTP: the secretary starts one (or resumes a failed or interrupted one), the
 * run goes on in the background through src/publish (plan, then execute with the ledger in the
 * store), and its progress is kept here and fanned out to whoever follows the run's stream.
 *
 * - One run per meeting at a time in this server: a second POST while one runs answers its id.
 *   Across servers the store refuses a second run with the same publish number.
 * - A run's state comes from memory while it runs (and a minute after), else from the store: a
 *   run the store still calls `running` that no server is running was interrupted.
 * - What has been published (document, chat post, mail, tasks) is read from the ledger.
 * - src/publish and the renderers load on the first publish (the docx renderer is large).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type {
  PublishProgressEvent,
  PublishResults,
  PublishRunState,
  PublishStarted,
  PublishStatus,
} from '../contract/graphApi';
import type { Committee, MeetingView } from '../domain';
import type { PublishProgress, PublishReport } from '../publish';
import type { Store } from '../store';
import type { GraphAccess, GraphCaller } from './GraphAccess';
import { HttpError } from './httpErrors';
import type { Identity } from './Identity';
import type { MeetingService } from './MeetingService';
import {
  emptyResults,
  publishResults,
  reportedFailure,
  storedState,
  type ResultLinks,
} from './publishRunState';

export type RunNotice =
  | { type: 'progress'; index: number; event: PublishProgressEvent }
  | { type: 'end'; state: PublishRunState };

interface LiveRun {
  runId: string;
  tenantId: string;
  meetingId: string;
  publishNo: number;
  total: number;
  startedAt: string;
  updatedAt: string;
  events: PublishProgressEvent[];
  status: 'running' | 'done' | 'failed';
  report: PublishReport | null;
  /** A failure outside the plan's steps (the store, a bug): the run stopped. */
  crash: { code: string; message: string } | null;
  skipped: PublishRunState['skipped'];
  listeners: Set<(notice: RunNotice) => void>;
  finished: Promise<void>;
}

/** How long a finished run stays in memory, so a late follower still sees its progress. */
const KEEP_FINISHED_MS = 60_000;

export class PublishService {
  private readonly live = new Map<string, LiveRun>();
  private readonly runningByMeeting = new Map<string, string>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly store: Store,
    private readonly meetings: MeetingService,
    private readonly graphAccess: GraphAccess,
    private readonly now: () => Date,
    private readonly log: FastifyBaseLogger,
  ) {}

  async status(identity: Identity, meetingId: string): Promise<PublishStatus> {
    const { meeting, view, committee } = await this.meetings.context(identity, meetingId);
    const reason = await this.meetings.publishRefusal(identity, meeting, committee);
    const runs = await this.store.listPublishRuns(identity.tenantId, meetingId);
    const last = runs.at(-1);
    return {
      canPublish: reason === null && this.graphAccess.mode !== 'none',
      reason:
        reason ??
        (this.graphAccess.mode === 'none'
          ? 'This server has no connection to Microsoft 365, so it cannot publish.'
          : null),
      graphMode: this.graphAccess.mode,
      inspectorUrl: this.graphAccess.inspectorPath,
      lastRun: last ? await this.stateOf(identity, view, committee, last.runId) : null,
    };
  }

  /** Starts a run, or resumes the meeting's failed or interrupted one (Retry). */
  async start(caller: GraphCaller, meetingId: string, body: unknown): Promise<PublishStarted> {
    const { identity } = caller;
    const options = parseOptions(body);
    const { meeting, view, committee } = await this.meetings.context(
      identity,
      meetingId,
      'publish.start',
    );
    await this.meetings.demandPublish(identity, meeting, committee);
    const running = this.runningByMeeting.get(meetingKey(identity.tenantId, meetingId));
    if (running) return { runId: running, status: 'running', resumed: false };

    const graph = await this.graphAccess.graphFor(caller);
    const [{ planPublish, executePublish }, { buildMinutesDocument }] = await Promise.all([
      import('../publish'),
      import('../minutes'),
    ]);
    const minutes = buildMinutesDocument(view, committee);
    const history = {
      runs: await this.store.listPublishRuns(identity.tenantId, meetingId),
      steps: await this.store.listPublishSteps(identity.tenantId, meetingId),
    };
    const plan = planPublish({ view, committee, minutes, history, options });
    // Checked again after the awaits: another request may have started a run meanwhile.
    const raced = this.runningByMeeting.get(meetingKey(identity.tenantId, meetingId));
    if (raced) return { runId: raced, status: 'running', resumed: false };

    const runId = plan.resumeRunId ?? randomUUID();
    const at = this.now().toISOString();
    const run: LiveRun = {
      runId,
      tenantId: identity.tenantId,
      meetingId,
      publishNo: plan.publishNo,
      total: plan.steps.length,
      startedAt: at,
      updatedAt: at,
      events: [],
      status: 'running',
      report: null,
      crash: null,
      skipped: plan.skipped.map(({ key, label, reason: why }) => ({ key, label, reason: why })),
      listeners: new Set(),
      finished: Promise.resolve(),
    };
    this.live.set(runKey(identity.tenantId, runId), run);
    this.runningByMeeting.set(meetingKey(identity.tenantId, meetingId), runId);
    run.finished = executePublish({
      plan,
      graph,
      store: this.store,
      tenantId: identity.tenantId,
      now: this.now,
      newRunId: () => runId,
      onProgress: (progress) => this.progress(run, progress),
    }).then(
      (report) => this.finish(identity, view, committee, run, report, null),
      (error: unknown) => {
        this.log.error({ err: error, runId, meetingId }, 'publish run stopped');
        return this.finish(identity, view, committee, run, null, {
          code: 'internal_error',
          message:
            'Publishing stopped because of a fault in the server; press Retry to resume where it stopped.',
        });
      },
    );
    return { runId, status: 'running', resumed: plan.resumeRunId !== null };
  }

  /** A run's state; 404 for a run that is not the meeting's. */
  async run(identity: Identity, meetingId: string, runId: string): Promise<PublishRunState> {
    const { view, committee } = await this.meetings.context(identity, meetingId);
    return this.stateOf(identity, view, committee, runId);
  }

  /**
   * Follows a run: its progress so far after `afterIndex` (0 = from the start), then live
   * notices. Null when the run is not in memory (finished long ago, or in another server).
   */
  follow(
    identity: Identity,
    meetingId: string,
    runId: string,
    afterIndex: number,
    listener: (notice: RunNotice) => void,
  ): { unsubscribe: () => void; ended: boolean } | null {
    const run = this.live.get(runKey(identity.tenantId, runId));
    if (!run || run.meetingId !== meetingId) return null;
    run.events.forEach((event, index) => {
      if (index + 1 > afterIndex) listener({ type: 'progress', index: index + 1, event });
    });
    if (run.status !== 'running') return { unsubscribe: () => undefined, ended: true };
    run.listeners.add(listener);
    return { unsubscribe: () => run.listeners.delete(listener), ended: false };
  }

  /** Waits for the runs in progress (at most `timeoutMs`), for a clean shutdown. */
  async drain(timeoutMs: number): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const running = [...this.live.values()].filter((run) => run.status === 'running');
    if (running.length === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      Promise.all(running.map((run) => run.finished)),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    if (timer) clearTimeout(timer);
  }

  private progress(run: LiveRun, progress: PublishProgress): void {
    const event: PublishProgressEvent = {
      step: progress.step,
      of: progress.of,
      label: progress.label,
      status: progress.status,
      key: progress.key,
      kind: progress.kind,
      ...(progress.message ? { message: progress.message } : {}),
    };
    run.events.push(event);
    run.updatedAt = this.now().toISOString();
    const notice: RunNotice = { type: 'progress', index: run.events.length, event };
    for (const listener of run.listeners) listener(notice);
  }

  private async finish(
    identity: Identity,
    view: MeetingView,
    committee: Committee,
    run: LiveRun,
    report: PublishReport | null,
    crash: LiveRun['crash'],
  ): Promise<void> {
    run.report = report;
    run.crash = crash;
    run.status = report?.status === 'done' ? 'done' : 'failed';
    run.updatedAt = this.now().toISOString();
    this.runningByMeeting.delete(meetingKey(run.tenantId, run.meetingId));
    let state: PublishRunState;
    try {
      state = await this.stateOf(identity, view, committee, run.runId);
    } catch (error) {
      this.log.error({ err: error, runId: run.runId }, 'could not read the finished run');
      state = this.liveState(run, emptyResults());
    }
    for (const listener of run.listeners) listener({ type: 'end', state });
    run.listeners.clear();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.live.delete(runKey(run.tenantId, run.runId));
    }, KEEP_FINISHED_MS);
    timer.unref();
    this.timers.add(timer);
  }

  private async stateOf(
    identity: Identity,
    view: MeetingView,
    committee: Committee,
    runId: string,
  ): Promise<PublishRunState> {
    const steps = await this.store.listPublishSteps(identity.tenantId, view.id);
    const results = publishResults(steps, view, committee, this.graphLinks(identity));
    const run = this.live.get(runKey(identity.tenantId, runId));
    if (run && run.meetingId === view.id) return this.liveState(run, results);
    const stored = (await this.store.listPublishRuns(identity.tenantId, view.id)).find(
      (entry) => entry.runId === runId,
    );
    if (!stored) {
      throw new HttpError(
        404,
        'not_found',
        `Meeting ${view.meeting.reference} has no publish run "${runId}".`,
      );
    }
    return storedState(stored, steps, results);
  }

  private liveState(run: LiveRun, results: PublishResults): PublishRunState {
    const last = run.events.at(-1);
    const report = run.report;
    const done = new Set(
      run.events
        .filter((event) => event.status === 'done' || event.status === 'reconciled')
        .map((event) => event.key),
    );
    return {
      runId: run.runId,
      meetingId: run.meetingId,
      publishNo: run.publishNo,
      status: run.status,
      completed: report ? report.completed : done.size,
      total: run.total,
      current: last
        ? { step: last.step, of: last.of, label: last.label, status: last.status }
        : null,
      startedAt: run.startedAt,
      updatedAt: run.updatedAt,
      failure: run.crash ? { step: null, ...run.crash } : reportedFailure(report),
      skipped: run.skipped,
      results,
    };
  }

  /** Planner links need the tenant; with the sandbox, results link to its inspector's rows. */
  private graphLinks(identity: Identity): ResultLinks | null {
    if (this.graphAccess.mode === 'graph')
      return { kind: 'microsoft365', tenantId: identity.tenantId };
    const inspectorPath = this.graphAccess.inspectorPath;
    return inspectorPath ? { kind: 'sandbox', inspectorPath } : null;
  }
}

function parseOptions(body: unknown): { announceAgain?: boolean } {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, 'validation_failed', 'The body must be a JSON object, or empty.');
  }
  const { announceAgain, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) {
    throw new HttpError(
      400,
      'validation_failed',
      `${unknown}: is not an option of publishing; the only one is "announceAgain" (true or false).`,
    );
  }
  if (announceAgain !== undefined && typeof announceAgain !== 'boolean') {
    throw new HttpError(400, 'validation_failed', 'announceAgain: must be true or false.');
  }
  return announceAgain === undefined ? {} : { announceAgain };
}

const runKey = (tenantId: string, runId: string) => `${tenantId}\u0000${runId}`;
const meetingKey = (tenantId: string, meetingId: string) => `${tenantId}\u0000${meetingId}`;
