/**
 * The publish runs this server executes, in memory: their progress events (replayed to a late
 * follower, then live), who follows them, and their end, kept a minute so a follower who comes
 * late still sees it. At shutdown, the runs still going are waited for a while, then stopped
 * between two requests (they release their leases, so another instance resumes them at once).
 */
import type { PublishProgressEvent, PublishRunState } from '../contract/graphApi';
import type { PublishProgress } from '../publish';
import type { LiveRun } from './publishRunState';

export type RunNotice =
  | { type: 'progress'; index: number; event: PublishProgressEvent }
  | { type: 'end'; state: PublishRunState };

export interface RunningHere extends LiveRun {
  listeners: Set<(notice: RunNotice) => void>;
  finished: Promise<void>;
  /** Aborted when the server shuts down and the run has not finished in time. */
  stop: AbortController;
}

/** How long a finished run stays in memory, so a late follower still sees its progress. */
const KEEP_FINISHED_MS = 60_000;

const runKey = (tenantId: string, runId: string) => `${tenantId}\u0000${runId}`;
const meetingKey = (tenantId: string, meetingId: string) => `${tenantId}\u0000${meetingId}`;

export class LiveRuns {
  private readonly runs = new Map<string, RunningHere>();
  private readonly runningByMeeting = new Map<string, string>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(private readonly keepFinishedMs = KEEP_FINISHED_MS) {}

  /**
   * Forgets this execution of the run, never a later one: a run resumed here (Retry within the
   * minute) is the same run id, and the end of its earlier execution must not forget it.
   */
  private remove(run: RunningHere): void {
    const key = runKey(run.tenantId, run.runId);
    if (this.runs.get(key) === run) this.runs.delete(key);
  }

  get(tenantId: string, runId: string): RunningHere | undefined {
    return this.runs.get(runKey(tenantId, runId));
  }

  /** The run this server is executing for the meeting, if any. */
  runningFor(tenantId: string, meetingId: string): string | undefined {
    return this.runningByMeeting.get(meetingKey(tenantId, meetingId));
  }

  /** A run resumed here takes the place of its earlier execution (kept since it ended). */
  add(run: RunningHere): void {
    this.runs.set(runKey(run.tenantId, run.runId), run);
    this.runningByMeeting.set(meetingKey(run.tenantId, run.meetingId), run.runId);
  }

  progress(run: RunningHere, progress: PublishProgress, at: string): void {
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
    run.updatedAt = at;
    const notice: RunNotice = { type: 'progress', index: run.events.length, event };
    for (const listener of run.listeners) listener(notice);
  }

  /** The run no longer executes here (its state is worked out by the caller next). */
  stopped(run: RunningHere): void {
    this.runningByMeeting.delete(meetingKey(run.tenantId, run.meetingId));
  }

  /** Forgets the run at once (its state is the store's from now on). */
  forget(run: RunningHere): void {
    this.remove(run);
  }

  /** Tells the followers how the run ended; kept a minute, or forgotten now (`keep` false). */
  end(run: RunningHere, state: PublishRunState, keep: boolean): void {
    for (const listener of run.listeners) listener({ type: 'end', state });
    run.listeners.clear();
    if (!keep) {
      this.remove(run);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.remove(run);
    }, this.keepFinishedMs);
    timer.unref();
    this.timers.add(timer);
  }

  /**
   * Follows a run: its progress so far after `afterIndex` (0 = from the start), then live
   * notices. Null when the run is not in memory (finished long ago, or in another server).
   */
  follow(
    tenantId: string,
    meetingId: string,
    runId: string,
    afterIndex: number,
    listener: (notice: RunNotice) => void,
  ): { unsubscribe: () => void; ended: boolean } | null {
    const run = this.get(tenantId, runId);
    if (!run || run.meetingId !== meetingId) return null;
    run.events.forEach((event, index) => {
      if (index + 1 > afterIndex) listener({ type: 'progress', index: index + 1, event });
    });
    if (run.status !== 'running') return { unsubscribe: () => undefined, ended: true };
    run.listeners.add(listener);
    return { unsubscribe: () => run.listeners.delete(listener), ended: false };
  }

  /** Waits for the runs in progress (at most `timeoutMs`), then stops those still going. */
  async drain(timeoutMs: number): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const running = [...this.runs.values()].filter((run) => run.status === 'running');
    if (running.length === 0) return;
    const all = Promise.all(running.map((run) => run.finished));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = await Promise.race([
      all.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), timeoutMs);
      }),
    ]);
    if (timer) clearTimeout(timer);
    if (!late) return;
    for (const run of running) run.stop.abort();
    // A request in flight finishes first (Graph's own timeout bounds it).
    await all;
  }
}
