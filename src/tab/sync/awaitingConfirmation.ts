/**
 * Ops the server acknowledged (`POST /ops` answered with their seqs) that the confirmed log has
 * not brought yet. They are what stands between "the server has it" and "Saved": until the log
 * has them, their action numbers are provisional. The stream normally brings them within
 * milliseconds; if it has not after `lagMs` (a stream down or slow to reconnect), `catchUp`
 * reads the log with `GET /ops`, and again after each `lagMs` while some are still missing.
 */
import type { OutgoingOperation } from './MeetingSession';
import type { AcknowledgedOp } from './viewOverlay';
import type { AppendAnswer } from './wire';

export interface ConfirmedLogView {
  readonly seq: number;
  has(opId: string): boolean;
}

export class AwaitingConfirmation {
  private readonly waiting = new Map<string, AcknowledgedOp>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private catchingUp: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly log: ConfirmedLogView,
    private readonly catchUp: () => Promise<void>,
    private readonly lagMs: number,
  ) {}

  get size(): number {
    return this.waiting.size;
  }

  ops(): AcknowledgedOp[] {
    return [...this.waiting.values()];
  }

  /** The batch's ops that the log does not have yet wait, with the seqs the server gave them. */
  acknowledged(batch: readonly OutgoingOperation[], answer: AppendAnswer): void {
    const seqOf = new Map(answer.results.map((result) => [result.id, result.seq]));
    for (const op of batch) {
      const seq = seqOf.get(op.id);
      if (seq !== undefined && seq > this.log.seq && !this.log.has(op.id)) {
        this.waiting.set(op.id, { op, seq });
      }
    }
    if (this.waiting.size > 0) this.scheduleCheck();
  }

  /** The log moved on: ops it now has (or whose seq it has passed) are confirmed. */
  settle(): void {
    for (const [id, entry] of this.waiting) {
      if (this.log.has(id) || entry.seq <= this.log.seq) this.waiting.delete(id);
    }
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private scheduleCheck(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.waiting.size === 0) return;
      this.catchingUp ??= this.catchUp()
        .catch(() => undefined)
        .finally(() => {
          this.catchingUp = null;
          if (this.waiting.size > 0) this.scheduleCheck();
        });
    }, this.lagMs);
  }
}
