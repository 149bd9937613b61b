/**
 * Sends this browser's ops to the server, in the order they were made. An op is stored in the
 * outbox (IndexedDB) before it is shown or sent; it leaves the outbox once the server has it.
 *
 * - At most MAX_OPS_PER_BATCH per `POST /ops`. The server is idempotent on op id, so resending
 *   after an unknown outcome is safe.
 * - No answer, a 5xx or a refusal that may pass (401, 408, 425, 429, an answer that could not be
 *   read): retry with exponential backoff and jitter; `syncNow()` retries at once.
 * - 413: the batch is halved. Any other refusal moves the ops it names to `refused`, with a
 *   sentence for people, and the rest are sent on: validation problems name ops by path
 *   (`ops[3].payload.text`), `details.opIndex` names the op refused (or, for `meeting_final`, the
 *   first op after the batch's finalising one), and a refusal that names none is narrowed down by
 *   halving the batch until it is one op.
 */
import { MAX_OPS_PER_BATCH } from '../../domain/limits';
import { ApiError, type ApiClient } from './ApiClient';
import { backoffDelay } from './backoff';
import type { OutgoingOperation, RefusedOperation } from './MeetingSession';
import type { Outbox } from './Outbox';
import { appendAnswerSchema, refusalDetailsSchema, type AppendAnswer } from './wire';

export interface OpSenderOptions {
  meetingId: string;
  api: Pick<ApiClient, 'post'>;
  outbox: Pick<Outbox, 'add' | 'remove' | 'refuse'>;
  /** Ops the outbox kept from before (a reload), and those it holds as refused. */
  pending: readonly OutgoingOperation[];
  refused: readonly RefusedOperation[];
  /** The server's answer for a batch it stored (each op with its seq). */
  onAcknowledged: (batch: readonly OutgoingOperation[], answer: AppendAnswer) => void;
  /** Anything shown changed: pending, refused or the network state. */
  onChange: () => void;
  retry: { initialMs: number; maxMs: number };
  random: () => number;
  now: () => Date;
}

/** The sentence for ops after the one that made the meeting final in the same batch. */
export const AFTER_FINAL_MESSAGE =
  'The meeting was made final before this change was saved; its minutes can no longer change.';

interface PendingEntry {
  op: OutgoingOperation;
  /** False until `outbox.add` has committed: only durable ops are shown and sent. */
  durable: boolean;
}

export class OpSender {
  private entries: PendingEntry[];
  private refusedOps: RefusedOperation[];
  private networkDown = false;
  private closed = false;
  private flushing: Promise<void> | null = null;
  private flushAgain = false;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private batchLimit = MAX_OPS_PER_BATCH;
  private readonly path: string;

  constructor(private readonly options: OpSenderOptions) {
    this.entries = options.pending.map((op) => ({ op, durable: true }));
    this.refusedOps = [...options.refused];
    this.path = `/api/meetings/${encodeURIComponent(options.meetingId)}/ops`;
  }

  /** Starts sending what the outbox kept from before. */
  start(): void {
    if (this.entries.length > 0) this.scheduleFlush();
  }

  /** The ops waiting for the server (durable ones), oldest first. */
  pending(): OutgoingOperation[] {
    return this.entries.filter((entry) => entry.durable).map((entry) => entry.op);
  }

  refused(): readonly RefusedOperation[] {
    return this.refusedOps;
  }

  /** True when the last attempt found no network. */
  networkFailed(): boolean {
    return this.networkDown;
  }

  /** Stores the op in the outbox, then queues it; rejects (and forgets it) if storing fails. */
  async submit(op: OutgoingOperation): Promise<void> {
    const entry: PendingEntry = { op, durable: false };
    // Its place in the queue is taken now, so ops keep the order they were made in.
    this.entries.push(entry);
    try {
      await this.options.outbox.add(op);
    } catch (error) {
      this.entries = this.entries.filter((other) => other !== entry);
      throw error;
    }
    entry.durable = true;
    this.options.onChange();
    this.scheduleFlush();
  }

  /** Ops seen in the confirmed log are saved, even if the POST's answer was lost. */
  arrived(isInLog: (opId: string) => boolean): void {
    const arrived = this.entries.filter((entry) => isInLog(entry.op.id));
    if (arrived.length === 0) return;
    this.entries = this.entries.filter((entry) => !arrived.includes(entry));
    void this.options.outbox.remove(arrived.map((entry) => entry.op.id)).catch(() => undefined);
    this.options.onChange();
  }

  async dismissRefused(opIds?: readonly string[]): Promise<void> {
    const dismissed = this.refusedOps.filter((entry) => !opIds || opIds.includes(entry.op.id));
    if (dismissed.length === 0) return;
    this.refusedOps = this.refusedOps.filter((entry) => !dismissed.includes(entry));
    this.options.onChange();
    await this.options.outbox.remove(dismissed.map((entry) => entry.op.id));
  }

  /** Sends now, without waiting for the backoff. */
  syncNow(): void {
    if (this.closed) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.attempt = 0;
    void this.flush();
  }

  close(): void {
    this.closed = true;
    for (const timer of [this.flushTimer, this.retryTimer]) if (timer) clearTimeout(timer);
    this.flushTimer = this.retryTimer = null;
  }

  /** Resolves when the current sending round (if any) has ended. */
  idle(): Promise<void> {
    return this.flushing ?? Promise.resolve();
  }

  private scheduleFlush(): void {
    if (this.closed || this.flushTimer || this.retryTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      void this.flush();
    }, 0);
  }

  private flush(): Promise<void> {
    if (this.flushing) {
      this.flushAgain = true;
      return this.flushing;
    }
    this.flushing = this.sendAll().finally(() => {
      this.flushing = null;
      if (this.flushAgain && !this.closed && !this.retryTimer) {
        this.flushAgain = false;
        void this.flush();
      }
    });
    return this.flushing;
  }

  private async sendAll(): Promise<void> {
    while (!this.closed) {
      this.flushAgain = false;
      const batch: OutgoingOperation[] = [];
      for (const entry of this.entries) {
        if (!entry.durable || batch.length >= this.batchLimit) break;
        batch.push(entry.op);
      }
      if (batch.length === 0) return;
      let answer: AppendAnswer;
      try {
        answer = await this.options.api.post(
          this.path,
          { ops: batch.map(wireOp) },
          appendAnswerSchema,
        );
      } catch (error) {
        if (this.closed) return;
        if (!(await this.handleFailure(error, batch))) return;
        continue;
      }
      this.handleSent(batch, answer);
    }
  }

  private handleSent(batch: OutgoingOperation[], answer: AppendAnswer): void {
    this.attempt = 0;
    this.networkDown = false;
    this.batchLimit = Math.min(MAX_OPS_PER_BATCH, this.batchLimit * 2);
    const sent = new Set(batch.map((op) => op.id));
    this.entries = this.entries.filter((entry) => !sent.has(entry.op.id));
    this.options.onAcknowledged(batch, answer);
    this.options.onChange();
    void this.options.outbox.remove([...sent]).catch(() => undefined);
  }

  /** Returns true to go on sending at once, false to wait for the retry timer. */
  private async handleFailure(error: unknown, batch: OutgoingOperation[]): Promise<boolean> {
    const failure =
      error instanceof ApiError
        ? error
        : new ApiError({ status: 0, code: 'client_error', message: String(error) });
    if (isTransient(failure)) {
      this.networkDown = failure.code === 'network';
      this.options.onChange();
      this.scheduleRetry();
      return false;
    }
    this.networkDown = false;
    if (failure.status === 413 && batch.length > 1) {
      this.batchLimit = Math.ceil(batch.length / 2);
      return true;
    }
    const culprits = culpritsOf(failure, batch);
    if (!culprits) {
      this.batchLimit = Math.ceil(batch.length / 2);
      return true;
    }
    await this.refuse(failure.code, culprits);
    this.batchLimit = MAX_OPS_PER_BATCH;
    return true;
  }

  private async refuse(code: string, culprits: Map<OutgoingOperation, string>): Promise<void> {
    const refusedAt = this.options.now().toISOString();
    const byMessage = new Map<string, string[]>();
    for (const [op, message] of culprits) {
      byMessage.set(message, [...(byMessage.get(message) ?? []), op.id]);
      this.refusedOps.push({ op, code, message, refusedAt });
    }
    this.entries = this.entries.filter((entry) => !culprits.has(entry.op));
    this.options.onChange();
    for (const [message, ids] of byMessage) {
      await this.options.outbox.refuse(ids, { code, message }).catch(() => undefined);
    }
  }

  private scheduleRetry(): void {
    if (this.closed || this.retryTimer) return;
    const delay = backoffDelay(this.attempt, this.options.retry, this.options.random);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.flush();
    }, delay);
  }
}

/** What the server is sent: the op without anything the server fills in. */
function wireOp(op: OutgoingOperation) {
  return {
    id: op.id,
    meetingId: op.meetingId,
    clientTime: op.clientTime,
    type: op.type,
    payload: op.payload,
  };
}

/** No answer, a server fault, or a refusal that may pass on retry (token expired, throttled). */
function isTransient(error: ApiError): boolean {
  if (error.status === 0) return true;
  if (error.status >= 500) return true;
  if (error.code === 'invalid_response') return true;
  return [401, 408, 425, 429].includes(error.status);
}

/** Refusals that, naming no op, concern the whole batch whichever ops are in it. */
const BATCH_WIDE = new Set(['meeting_final', 'meeting_archived', 'not_found', 'forbidden']);

/**
 * The ops a refusal names, each with the sentence to show; null when it names none and the
 * batch has more than one op (the caller halves it).
 */
export function culpritsOf(
  error: ApiError,
  batch: readonly OutgoingOperation[],
): Map<OutgoingOperation, string> | null {
  const details = refusalDetailsSchema.parse(error.details);
  const culprits = new Map<OutgoingOperation, string>();
  for (const problem of details.problems ?? []) {
    const match = /^ops\[(\d+)\](?:\.payload)?\.?(.*)$/.exec(problem.path);
    const op = match ? batch[Number(match[1])] : undefined;
    if (!match || !op || culprits.has(op)) continue;
    culprits.set(op, `${match[2] ? `${match[2]}: ` : ''}${problem.message}.`);
  }
  if (culprits.size > 0) return culprits;

  const index = details.opIndex;
  const named = index === undefined ? undefined : batch[index];
  if (index !== undefined && named) {
    if (error.code === 'meeting_final') {
      for (const op of batch.slice(index)) culprits.set(op, AFTER_FINAL_MESSAGE);
    } else {
      culprits.set(named, withoutOpPrefix(error.message, index, named));
    }
    return culprits;
  }
  if (batch.length === 1 || BATCH_WIDE.has(error.code)) {
    for (const op of batch) culprits.set(op, error.message);
    return culprits;
  }
  return null;
}

/**
 * The server's sentence without the `ops[2] (meeting.setStatus): ` it starts with to say which op
 * of the request it means: the refused change is shown beside it already.
 */
function withoutOpPrefix(message: string, index: number, op: OutgoingOperation): string {
  for (const prefix of [`ops[${index}] (${op.type}): `, `ops[${index}]: `]) {
    if (message.startsWith(prefix)) return message.slice(prefix.length);
  }
  return message;
}
