/**
 * The lease that lets one executor at a time work on a publish run, across server instances: a
 * compare-and-set in the store (`leasePublishRun`) that gives the run to a holder (a server
 * instance's id) until a time. The executor takes it before it writes anything for the run, renews
 * it while it runs (before every ledger write once a third of it has passed, and on a timer while
 * a long request is out), and releases it at the end. A lease found expired, or a renewal
 * refused, means another executor may have taken the run over: this one stops at once, writing
 * nothing more.
 *
 * Time comes from the caller's clock, so tests move it instead of sleeping.
 */
import type { Store } from '../store';

export const DEFAULT_LEASE_MS = 30_000;

export interface LeaseOptions {
  /** Who executes: a server instance's id. */
  holder: string;
  /** How long a lease lasts without renewal (default 30 s). */
  durationMs?: number;
  /** How often the timer renews it while a request is out (default a third of the lease). */
  renewEveryMs?: number;
}

/** Thrown by `ensure()` once another executor holds the run. */
export class LeaseLost extends Error {
  constructor(readonly runId: string) {
    super(`Another server took over publish run ${runId}.`);
    this.name = 'LeaseLost';
  }
}

export class RunLease {
  readonly holder: string;
  private readonly durationMs: number;
  private readonly renewEveryMs: number;
  private runId: string | null = null;
  private until = 0;
  private lost = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private renewing: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly tenantId: string,
    options: LeaseOptions,
    private readonly now: () => Date,
  ) {
    this.holder = options.holder;
    this.durationMs = options.durationMs ?? DEFAULT_LEASE_MS;
    this.renewEveryMs = options.renewEveryMs ?? Math.max(1, Math.floor(this.durationMs / 3));
  }

  /** When a lease taken now would end (for a run created with its lease). */
  untilFromNow(): string {
    return new Date(this.now().getTime() + this.durationMs).toISOString();
  }

  /** Takes the run; false when another holder's lease on it is still running. */
  async take(runId: string): Promise<boolean> {
    const at = this.now();
    const until = new Date(at.getTime() + this.durationMs);
    const taken = await this.store.leasePublishRun(
      this.tenantId,
      runId,
      this.holder,
      at.toISOString(),
      until.toISOString(),
    );
    if (!taken) return false;
    this.runId = runId;
    this.until = until.getTime();
    this.lost = false;
    return true;
  }

  /** Keeps the lease renewed on a timer while the run goes on (the timer never holds Node up). */
  keepAlive(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      void this.ensure(true).catch(() => undefined);
    }, this.renewEveryMs);
    this.timer.unref?.();
  }

  /**
   * Before a write for the run: renews the lease when a third of it has passed (or `force`);
   * throws LeaseLost when another executor holds the run.
   */
  async ensure(force = false): Promise<void> {
    const runId = this.runId;
    if (runId === null) return;
    if (this.lost) throw new LeaseLost(runId);
    const left = this.until - this.now().getTime();
    if (left <= 0) {
      // Expired: another executor may have taken the run, worked and let it go since; what this
      // one knows of the ledger may be stale. It stops; a fresh call resumes from the store.
      this.lost = true;
      throw new LeaseLost(runId);
    }
    if (!force && left > (this.durationMs * 2) / 3) return;
    this.renewing ??= (async () => {
      try {
        if (!(await this.take(runId))) this.lost = true;
      } finally {
        this.renewing = null;
      }
    })();
    await this.renewing;
    if (this.lost) throw new LeaseLost(runId);
  }

  /** Whether another executor took the run over. */
  get isLost(): boolean {
    return this.lost;
  }

  /** Stops renewing and gives the run back (nothing when another executor holds it). */
  async release(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const runId = this.runId;
    this.runId = null;
    if (runId !== null && !this.lost) {
      await this.store.releasePublishRun(this.tenantId, runId, this.holder);
    }
  }
}
