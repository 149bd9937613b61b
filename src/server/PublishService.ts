/**
 * Publish runs over HTTP: the secretary starts one (or resumes a failed or interrupted one), the
 * run goes on in the background through src/publish (plan, then execute with the ledger in the
 * store), and its progress is kept here and fanned out to whoever follows the run's stream.
 *
 * - One run per meeting at a time in this server: a second POST while one runs answers its id.
 *   Across servers, a run is executed under its lease in the store (src/publish/runLease.ts),
 *   held by this server instance's id: a POST for a run another instance holds answers 409
 *   `publish_running_elsewhere`, and a run whose holder died can be resumed once its lease ends.
 * - After a failure or an interruption, a POST resumes the run when the meeting is unchanged,
 *   and starts a new run that takes over from it when the meeting was edited since.
 * - A run's state comes from memory while it runs (and a minute after), else from the store: a
 *   run the store still calls `running` is running elsewhere while its lease lasts, and was
 *   interrupted once it has run out.
 * - What has been published (document, chat post, mail, tasks) is read from the ledger.
 * - src/publish and the renderers load on the first publish (the docx renderer is large).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { PublishRunState, PublishStarted, PublishStatus } from '../contract/graphApi';
import type { Committee, MeetingView } from '../domain';
import type { PublishReport, RunningElsewhere } from '../publish';
import type { PublishRunRecord, Store } from '../store';
import type { GraphAccess, GraphCaller } from './GraphAccess';
import { HttpError } from './httpErrors';
import { parseOptions, refuseIfHeldElsewhere } from './publishRequests';
import type { Identity } from './Identity';
import type { MeetingService } from './MeetingService';
import { LiveRuns, type RunNotice, type RunningHere } from './liveRuns';
import {
  emptyResults,
  liveState,
  publishResults,
  storedState,
  type LiveRun,
  type ResultLinks,
} from './publishRunState';

export type { RunNotice } from './liveRuns';

export interface PublishServiceOptions {
  /** This server instance's id, the holder of the leases of the runs it executes (random). */
  instanceId?: string;
  /** How long a run's lease lasts without renewal (default src/publish's 30 s). */
  leaseMs?: number;
}

export class PublishService {
  private readonly live = new LiveRuns();
  readonly instanceId: string;

  constructor(
    private readonly store: Store,
    private readonly meetings: MeetingService,
    private readonly graphAccess: GraphAccess,
    private readonly now: () => Date,
    private readonly log: FastifyBaseLogger,
    private readonly options: PublishServiceOptions = {},
  ) {
    this.instanceId = options.instanceId ?? randomUUID();
  }

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
    const running = this.live.runningFor(identity.tenantId, meetingId);
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
    const plan = planPublish({
      tenantId: identity.tenantId,
      view,
      committee,
      minutes,
      history,
      options,
    });
    // Checked again after the awaits: another request may have started a run meanwhile.
    const raced = this.live.runningFor(identity.tenantId, meetingId);
    if (raced) return { runId: raced, status: 'running', resumed: false };
    // The run it continues or takes over from may be held by another server instance.
    const continued = plan.resumeRunId ?? plan.supersedes?.runId ?? null;
    refuseIfHeldElsewhere(history.runs, continued, this.instanceId, this.now());

    const runId = plan.resumeRunId ?? randomUUID();
    const planned = new Set(plan.steps.map((step) => step.key));
    const doneBefore = new Set(
      history.steps
        .filter((step) => step.runId === plan.resumeRunId && step.status === 'done')
        .map((step) => step.key)
        .filter((key) => planned.has(key)),
    );
    const at = this.now().toISOString();
    const run: RunningHere = {
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
      doneBefore,
      listeners: new Set(),
      finished: Promise.resolve(),
      stop: new AbortController(),
    };
    this.live.add(run);
    run.finished = executePublish({
      plan,
      graph,
      store: this.store,
      now: this.now,
      newRunId: () => runId,
      lease: {
        holder: this.instanceId,
        ...(this.options.leaseMs ? { durationMs: this.options.leaseMs } : {}),
      },
      signal: run.stop.signal,
      onProgress: (progress) => this.live.progress(run, progress, this.now().toISOString()),
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

  /** Follows a run (LiveRuns.follow); null when it is not executed here. */
  follow(
    identity: Identity,
    meetingId: string,
    runId: string,
    afterIndex: number,
    listener: (notice: RunNotice) => void,
  ): { unsubscribe: () => void; ended: boolean } | null {
    return this.live.follow(identity.tenantId, meetingId, runId, afterIndex, listener);
  }

  /**
   * For a clean shutdown: waits for the runs in progress (at most `timeoutMs`), then stops those
   * still going between two requests; they release their leases, so another instance (or this
   * one restarted) resumes them at once.
   */
  drain(timeoutMs: number): Promise<void> {
    return this.live.drain(timeoutMs);
  }

  private async finish(
    identity: Identity,
    view: MeetingView,
    committee: Committee,
    run: RunningHere,
    report: PublishReport | null,
    crash: LiveRun['crash'],
  ): Promise<void> {
    this.live.stopped(run);
    if (report?.status === 'running_elsewhere') {
      // Another instance holds the run: nothing happened here; its state is the store's.
      return this.endElsewhere(identity, view, committee, run, report);
    }
    run.report = report;
    run.crash = crash;
    run.status =
      report?.status === 'done'
        ? 'done'
        : report?.status === 'interrupted'
          ? 'interrupted'
          : 'failed';
    run.updatedAt = this.now().toISOString();
    let state: PublishRunState;
    try {
      state = await this.stateOf(identity, view, committee, run.runId);
    } catch (error) {
      this.log.error({ err: error, runId: run.runId }, 'could not read the finished run');
      state = liveState(run, emptyResults());
    }
    this.live.end(run, state, true);
  }

  private async endElsewhere(
    identity: Identity,
    view: MeetingView,
    committee: Committee,
    run: RunningHere,
    report: RunningElsewhere,
  ): Promise<void> {
    this.live.forget(run);
    let state: PublishRunState;
    try {
      state = await this.stateOf(identity, view, committee, report.runId ?? run.runId);
    } catch {
      // The run was never created here (another instance made this publish first).
      run.status = 'failed';
      run.crash = { code: 'publish_running_elsewhere', message: report.message };
      state = liveState(run, emptyResults());
    }
    this.live.end(run, state, false);
  }

  private async stateOf(
    identity: Identity,
    view: MeetingView,
    committee: Committee,
    runId: string,
  ): Promise<PublishRunState> {
    const steps = await this.store.listPublishSteps(identity.tenantId, view.id);
    const results = publishResults(steps, view, committee, this.graphLinks(identity));
    const live = this.live.get(identity.tenantId, runId);
    const run = live?.meetingId === view.id ? live : undefined;
    if (run?.status === 'running') return liveState(run, results);
    const stored = (await this.store.listPublishRuns(identity.tenantId, view.id)).find(
      (entry) => entry.runId === runId,
    );
    // A run that ended here a moment ago is told from memory, unless it went on elsewhere since.
    if (run && (!stored || !this.wentOnElsewhere(run, stored))) return liveState(run, results);
    if (!stored) {
      throw new HttpError(
        404,
        'not_found',
        `Meeting ${view.meeting.reference} has no publish run "${runId}".`,
      );
    }
    return storedState(stored, steps, results, this.now());
  }

  /**
   * Whether the store knows more of a run than this server did when it ended here: another
   * instance has resumed it (it holds the lease now), or changed it after it ended here.
   */
  private wentOnElsewhere(run: LiveRun, stored: PublishRunRecord): boolean {
    const heldElsewhere =
      stored.status === 'running' &&
      stored.leaseHolder !== null &&
      stored.leaseHolder !== this.instanceId &&
      stored.leaseUntil !== null &&
      Date.parse(stored.leaseUntil) > this.now().getTime();
    return heldElsewhere || Date.parse(stored.updatedAt) > Date.parse(run.updatedAt);
  }

  /** Planner links need the tenant; with the sandbox, results link to its inspector's rows. */
  private graphLinks(identity: Identity): ResultLinks | null {
    if (this.graphAccess.mode === 'graph')
      return { kind: 'microsoft365', tenantId: identity.tenantId };
    const inspectorPath = this.graphAccess.inspectorPath;
    return inspectorPath ? { kind: 'sandbox', inspectorPath } : null;
  }
}
