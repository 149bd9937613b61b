/**
 * A live meeting for the capture pages: the server's log folded with the domain's own fold,
 * followed over Server-Sent Events, with this browser's unacknowledged ops (the outbox) folded on
 * top so that a change shows the moment it is typed.
 *
 * - Confirmed state: every op the server has given a seq, folded in seq order, without gaps.
 *   Ops come from `GET /ops` (paged) at start and on catch-up, and from `GET /stream`, read with
 *   `fetch` (so the Teams `Authorization` header can be sent; `EventSource` cannot send headers).
 *   The stream reconnects with backoff and resumes after the last confirmed seq; an op at or below
 *   it is ignored, so nothing is applied twice; a gap makes it reconnect at once.
 * - Overlay: ops acknowledged by `POST /ops` but not yet seen in the log (in seq order), then the
 *   pending ops (in the order they were made), applied with provisional seqs on a copy of the
 *   confirmed state. An overlay op's action number is provisional, so its id is in
 *   `pendingActionIds` until the log confirms it. `view.seq` stays the last confirmed seq.
 * - Sending: pending ops go in order, at most 500 per request. The server is idempotent on op id,
 *   so resending after an unknown outcome is safe. No answer or a 5xx: retry with exponential
 *   backoff and jitter (at once on the browser's `online` event). A 4xx refusal: the ops it names
 *   (or, when it names none, the one found by halving the batch) move to `refused` with the
 *   server's message; the rest are sent on.
 */
import { applyOperation } from '../../domain/applyOperation';
import type { Committee } from '../../domain/committee';
import { emptyMeetingState, type MeetingState } from '../../domain/meetingState';
import { meetingView, type MeetingView } from '../../domain/meetingView';
import type { StoredOperation } from '../../domain/operation';
import type { OperationType } from '../../domain/operationSchemas';
import { ApiError, type ApiClient } from './ApiClient';
import { browserConnectivity, type Connectivity } from './connectivity';
import type {
  MeetingSession,
  MeetingSnapshot,
  OutgoingOperation,
  PayloadInput,
  RefusedOperation,
  SyncStatus,
} from './MeetingSession';
import type { Outbox } from './Outbox';
import { SseParser } from './SseParser';

/** The server's limit per `POST /ops` (MAX_OPS_PER_BATCH; not imported, to keep zod out). */
const MAX_BATCH = 500;
const OPS_PAGE = 1000;

export interface OpenMeetingSessionOptions {
  meetingId: string;
  api: ApiClient;
  outbox: Outbox;
  /** The signed-in user as the server names them (`local:ines`, an Entra object id): the author shown for notes not yet confirmed. Default: asked of `GET /api/me`. */
  actor?: string;
  /** Saves looking the meeting up in `GET /api/meetings` when the caller knows it. */
  committeeId?: string;
  now?: () => Date;
  newId?: () => string;
  /** The stream's path or URL; default `/api/meetings/:id/stream`. `after` is added to it. */
  eventSourceUrl?: string;
  retry?: { initialMs?: number; maxMs?: number };
  /** Default: the browser's `navigator.onLine` and `online`/`offline` events. */
  connectivity?: Connectivity;
  /** Runs listener notification; default the next animation frame, or a microtask without one. */
  schedule?: (callback: () => void) => void;
  /** For the backoff's jitter; default Math.random. */
  random?: () => number;
  /** How long an acknowledged op may wait for the stream before the log is read with `GET /ops`. Default 1000 ms. */
  streamLagMs?: number;
  /** A stream silent this long is taken for dead and reopened (the server sends a heartbeat every 15 s). Default 45 000 ms. */
  streamSilenceMs?: number;
}

export interface SyncedSnapshot extends MeetingSnapshot {
  refused: readonly RefusedOperation[];
}

export interface SyncedMeetingSession extends MeetingSession {
  current(): SyncedSnapshot;
  /** Forgets refused ops (all, or those named) once the user has dealt with their text. */
  dismissRefused(opIds?: readonly string[]): Promise<void>;
  /** Tries to send and to reconnect now, without waiting for the backoff. */
  syncNow(): void;
}

interface OpsPage {
  ops: StoredOperation[];
  lastSeq: number;
  nextAfter: number | null;
}

interface AppendAnswer {
  results: { id: string; seq: number; duplicate: boolean }[];
  lastSeq: number;
}

interface PendingEntry {
  op: OutgoingOperation;
  /** False until `outbox.add` has committed: only durable ops are shown and sent. */
  durable: boolean;
}

/** Opens the meeting: loads it (from the server, or from this browser's cache when offline) and starts following it. */
export async function openMeetingSession(
  options: OpenMeetingSessionOptions,
): Promise<SyncedMeetingSession> {
  const session = new Session(options);
  try {
    await session.start();
  } catch (error) {
    session.close();
    throw error;
  }
  return session;
}

class StreamGap extends Error {
  constructor() {
    super('The stream skipped a seq.');
  }
}

class Session implements SyncedMeetingSession {
  readonly meetingId: string;
  private readonly api: ApiClient;
  private readonly outbox: Outbox;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly retry: { initialMs: number; maxMs: number };
  private readonly connectivity: Connectivity;
  private readonly schedule: (callback: () => void) => void;
  private readonly random: () => number;
  private readonly streamLagMs: number;
  private readonly streamSilenceMs: number;
  private readonly encodedId: string;
  private readonly streamUrl: string;
  private readonly lifetime = new AbortController();

  private committee: Committee | null = null;
  private committeeId: string | null;
  private actor: string | null;
  private confirmed: MeetingState;
  private readonly confirmedIds = new Set<string>();
  private lastOpId: string | null = null;
  /** False until the server's log has been read (a session opened offline from the cache). */
  private synced = false;
  private pending: PendingEntry[] = [];
  private readonly acked = new Map<string, { op: OutgoingOperation; seq: number }>();
  private refused: RefusedOperation[] = [];
  private networkFailed = false;

  private snapshot: SyncedSnapshot | null = null;
  private dirty = true;
  private notifyQueued = false;
  private readonly listeners = new Set<(snapshot: MeetingSnapshot) => void>();

  private flushing: Promise<void> | null = null;
  private flushAgain = false;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private sendAttempt = 0;
  private batchLimit = MAX_BATCH;
  private lagTimer: ReturnType<typeof setTimeout> | null = null;
  private catchingUp: Promise<void> | null = null;

  private streamController: AbortController | null = null;
  private wakeStream: (() => void) | null = null;

  private unsavedLog: StoredOperation[] = [];
  private replaceLog = false;
  private persistTimer: ReturnType<typeof setTimeout> | null = null;
  private persisting: Promise<void> = Promise.resolve();

  private unsubscribeConnectivity: () => void = () => undefined;
  private closed = false;

  constructor(options: OpenMeetingSessionOptions) {
    this.meetingId = options.meetingId;
    this.encodedId = encodeURIComponent(options.meetingId);
    this.api = options.api;
    this.outbox = options.outbox;
    this.actor = options.actor ?? null;
    this.committeeId = options.committeeId ?? null;
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.retry = {
      initialMs: options.retry?.initialMs ?? 500,
      maxMs: options.retry?.maxMs ?? 15_000,
    };
    this.connectivity = options.connectivity ?? browserConnectivity();
    this.schedule = options.schedule ?? defaultSchedule;
    this.random = options.random ?? Math.random;
    this.streamLagMs = options.streamLagMs ?? 1000;
    this.streamSilenceMs = options.streamSilenceMs ?? 45_000;
    this.confirmed = emptyMeetingState(options.meetingId);
    this.streamUrl = options.eventSourceUrl ?? `/api/meetings/${this.encodedId}/stream`;
  }

  // ---- Opening -------------------------------------------------------------------------------

  async start(): Promise<void> {
    const [cached, cachedLog, pending, refused] = await Promise.all([
      this.outbox.readMeeting(this.meetingId).catch(() => null),
      this.outbox.readLog(this.meetingId).catch((): StoredOperation[] => []),
      this.outbox.pending(this.meetingId),
      this.outbox.refused(this.meetingId),
    ]);
    this.pending = pending.map((op) => ({ op, durable: true }));
    this.refused = refused;
    if (cached && isContiguousFromOne(cachedLog)) {
      // The cached committee serves only offline; online, the meeting list says which it is.
      this.committee = cached.committee;
      this.actor ??= cached.actor;
      this.applyConfirmed(cachedLog, { fromCache: true });
    }

    try {
      await this.syncFromServer(this.lifetime.signal);
    } catch (error) {
      // Offline with a cached copy: show it, and let the stream loop finish the sync later.
      const offline = error instanceof ApiError && error.status === 0;
      if (!offline || !this.committee || this.confirmed.seq === 0) throw error;
      this.networkFailed = true;
    }

    this.unsubscribeConnectivity = this.connectivity.subscribe((online) => {
      this.markDirty();
      if (online) this.syncNow();
    });
    void this.follow();
    if (this.pending.length > 0) this.scheduleFlush();
    this.markDirty();
  }

  /** Reads the committee and the log after the last confirmed seq, checking the cache is this log. */
  private async syncFromServer(signal: AbortSignal): Promise<void> {
    const committeeId = this.committeeId ?? (await this.findCommitteeId(signal));
    const [committee, actor] = await Promise.all([
      this.api.get<Committee>(`/api/committees/${encodeURIComponent(committeeId)}`, { signal }),
      this.actor !== null
        ? Promise.resolve(this.actor)
        : this.api
            .get<{ userId: string }>('/api/me', { signal })
            .then((me) => me.userId)
            .catch(() => null),
    ]);
    this.committee = committee;
    this.committeeId = committeeId;
    this.actor = actor;
    await this.catchUp(signal, true);
    this.synced = true;
    this.saveMeeting();
    this.markDirty();
  }

  private async findCommitteeId(signal: AbortSignal): Promise<string> {
    const { meetings } = await this.api.get<{ meetings: { id: string; committeeId: string }[] }>(
      '/api/meetings',
      { signal },
    );
    const entry = meetings.find((meeting) => meeting.id === this.meetingId);
    if (!entry) {
      throw new ApiError({
        status: 404,
        code: 'not_found',
        message: `There is no meeting "${this.meetingId}".`,
      });
    }
    return entry.committeeId;
  }

  /**
   * Reads `GET /ops` from the last confirmed seq to the end. With `verify`, first re-reads the
   * last confirmed op: if the server's op at that seq is another one (the cache is of another
   * log), the confirmed state is dropped and the log read from the start.
   */
  private async catchUp(signal: AbortSignal, verify = false): Promise<void> {
    let verifyId = verify && this.confirmed.seq > 0 ? this.lastOpId : null;
    let after = verifyId !== null ? this.confirmed.seq - 1 : this.confirmed.seq;
    for (;;) {
      const page = await this.api.get<OpsPage>(
        `/api/meetings/${this.encodedId}/ops?after=${after}&limit=${OPS_PAGE}`,
        { signal },
      );
      if (this.closed) return;
      if (verifyId !== null) {
        const first = page.ops[0];
        verifyId = first && first.seq === this.confirmed.seq && first.id === verifyId ? null : '';
        if (verifyId === '') {
          this.resetConfirmed();
          verifyId = null;
          after = 0;
          continue;
        }
      }
      const before = this.confirmed.seq;
      this.applyConfirmed(page.ops);
      // A page that moved nothing on (a gap; should not happen) ends it: the stream resumes.
      if (page.nextAfter === null || this.confirmed.seq === before) return;
      after = this.confirmed.seq;
    }
  }

  private resetConfirmed(): void {
    this.confirmed = emptyMeetingState(this.meetingId);
    this.confirmedIds.clear();
    this.lastOpId = null;
    this.unsavedLog = [];
    this.replaceLog = true;
    this.markDirty();
  }

  // ---- The confirmed log ---------------------------------------------------------------------

  /**
   * Folds the ops that continue the confirmed log; ignores those at or below its seq. Returns
   * false if an op left a gap (it and the rest are not applied).
   */
  private applyConfirmed(
    ops: readonly StoredOperation[],
    { fromCache = false }: { fromCache?: boolean } = {},
  ): boolean {
    const fresh: StoredOperation[] = [];
    let continuous = true;
    for (const op of ops) {
      if (op.seq <= this.confirmed.seq) continue;
      if (op.seq !== this.confirmed.seq + 1) {
        continuous = false;
        break;
      }
      try {
        applyOperation(this.confirmed, op);
      } catch (error) {
        // An op type newer than this tab's code: its seq is taken, nothing else changes.
        this.confirmed.seq = op.seq;
        console.warn(`Minutebook: op ${op.id} (${op.type}) could not be shown`, error);
      }
      this.confirmedIds.add(op.id);
      this.lastOpId = op.id;
      fresh.push(op);
    }
    if (fresh.length === 0) return continuous;

    for (const op of fresh) this.acked.delete(op.id);
    for (const [id, entry] of this.acked) {
      if (entry.seq <= this.confirmed.seq) this.acked.delete(id);
    }
    // Our own ops seen in the log are saved: they leave the queue even if the POST's answer was lost.
    const arrived = this.pending.filter((entry) => this.confirmedIds.has(entry.op.id));
    if (arrived.length > 0) {
      this.pending = this.pending.filter((entry) => !this.confirmedIds.has(entry.op.id));
      void this.outbox.remove(arrived.map((entry) => entry.op.id)).catch(() => undefined);
    }
    if (!fromCache) {
      this.unsavedLog.push(...fresh);
      this.schedulePersist();
    }
    this.markDirty();
    return continuous;
  }

  // ---- Following the stream ------------------------------------------------------------------

  private async follow(): Promise<void> {
    let attempt = 0;
    let connections = 0;
    let lastWasGap = false;
    while (!this.closed) {
      const controller = new AbortController();
      this.streamController = controller;
      let gap = false;
      try {
        if (!this.synced) await this.syncFromServer(controller.signal);
        const after = this.confirmed.seq;
        const separator = this.streamUrl.includes('?') ? '&' : '?';
        const response = await this.api.openStream(`${this.streamUrl}${separator}after=${after}`, {
          signal: controller.signal,
          headers: { 'last-event-id': String(after) },
        });
        connections += 1;
        attempt = 0;
        if (connections > 1) void this.refreshCommittee();
        await this.readStream(response, controller);
      } catch (error) {
        gap = error instanceof StreamGap;
      } finally {
        controller.abort();
        if (this.streamController === controller) this.streamController = null;
      }
      if (this.closed) return;
      // A gap is mended at once by resuming after the last confirmed seq (but not twice running).
      if (gap && !lastWasGap) {
        lastWasGap = true;
        continue;
      }
      lastWasGap = false;
      await this.pause(this.backoff(attempt));
      attempt += 1;
    }
  }

  private async readStream(response: Response, controller: AbortController): Promise<void> {
    const body = response.body;
    if (!body) return;
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser();
    let silence = setTimeout(() => controller.abort(), this.streamSilenceMs);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || this.closed) return;
        clearTimeout(silence);
        silence = setTimeout(() => controller.abort(), this.streamSilenceMs);
        const ops: StoredOperation[] = [];
        for (const event of parser.push(decoder.decode(value, { stream: true }))) {
          if (event.event !== 'op') continue;
          try {
            ops.push(JSON.parse(event.data) as StoredOperation);
          } catch {
            // A garbled event: the next op leaves a gap, and the stream resumes before it.
          }
        }
        if (ops.length > 0 && !this.applyConfirmed(ops)) throw new StreamGap();
      }
    } finally {
      clearTimeout(silence);
      reader.cancel().catch(() => undefined);
    }
  }

  private async refreshCommittee(): Promise<void> {
    if (!this.committeeId) return;
    try {
      const committee = await this.api.get<Committee>(
        `/api/committees/${encodeURIComponent(this.committeeId)}`,
        { signal: this.lifetime.signal },
      );
      if (this.closed || committee.version === this.committee?.version) return;
      this.committee = committee;
      this.saveMeeting();
      this.markDirty();
    } catch {
      // Kept as it was; the next reconnect tries again.
    }
  }

  /** Waits `ms`, or less if woken (online again, syncNow, close). */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wakeStream === done) this.wakeStream = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeStream = done;
    });
  }

  // ---- Sending -------------------------------------------------------------------------------

  async submit<K extends OperationType>(type: K, payload: PayloadInput<K>): Promise<string> {
    if (this.closed) throw new Error('This meeting session is closed; open the meeting again.');
    const op = {
      id: this.newId(),
      meetingId: this.meetingId,
      clientTime: this.now().toISOString(),
      type,
      payload,
    } as OutgoingOperation;
    const entry: PendingEntry = { op, durable: false };
    // Its place in the queue is taken now, so ops keep the order they were made in.
    this.pending.push(entry);
    try {
      await this.outbox.add(op);
    } catch (error) {
      this.pending = this.pending.filter((other) => other !== entry);
      throw error;
    }
    entry.durable = true;
    this.markDirty();
    this.scheduleFlush();
    return op.id;
  }

  syncNow(): void {
    if (this.closed) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.sendAttempt = 0;
    void this.flush();
    this.wakeStream?.();
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
    this.flushing = this.sendPending().finally(() => {
      this.flushing = null;
      if (this.flushAgain && !this.closed && !this.retryTimer) {
        this.flushAgain = false;
        void this.flush();
      }
    });
    return this.flushing;
  }

  private async sendPending(): Promise<void> {
    while (!this.closed) {
      this.flushAgain = false;
      const batch: OutgoingOperation[] = [];
      for (const entry of this.pending) {
        if (!entry.durable || batch.length >= this.batchLimit) break;
        batch.push(entry.op);
      }
      if (batch.length === 0) return;

      let answer: AppendAnswer;
      try {
        answer = await this.api.post<AppendAnswer>(
          `/api/meetings/${this.encodedId}/ops`,
          { ops: batch.map(wireOp) },
          { signal: this.lifetime.signal },
        );
      } catch (error) {
        if (this.closed) return;
        if (!(await this.handleSendError(error, batch))) return;
        continue;
      }
      await this.handleSent(batch, answer);
    }
  }

  private async handleSent(batch: OutgoingOperation[], answer: AppendAnswer): Promise<void> {
    this.sendAttempt = 0;
    this.networkFailed = false;
    this.batchLimit = Math.min(MAX_BATCH, this.batchLimit * 2);
    const seqOf = new Map(answer.results.map((result) => [result.id, result.seq]));
    const sent = new Set(batch.map((op) => op.id));
    this.pending = this.pending.filter((entry) => !sent.has(entry.op.id));
    for (const op of batch) {
      const seq = seqOf.get(op.id);
      if (seq !== undefined && seq > this.confirmed.seq && !this.confirmedIds.has(op.id)) {
        this.acked.set(op.id, { op, seq });
      }
    }
    this.markDirty();
    if (this.acked.size > 0) this.scheduleLagCheck();
    await this.outbox.remove([...sent]).catch(() => undefined);
  }

  /** Returns true to go on sending at once, false to wait for the retry timer. */
  private async handleSendError(error: unknown, batch: OutgoingOperation[]): Promise<boolean> {
    const failure =
      error instanceof ApiError
        ? error
        : new ApiError({ status: 0, code: 'client_error', message: String(error) });
    if (isTransient(failure)) {
      this.networkFailed = failure.code === 'network';
      this.markDirty();
      this.scheduleRetry();
      return false;
    }
    this.networkFailed = false;
    if (failure.status === 413 && batch.length > 1) {
      this.batchLimit = Math.ceil(batch.length / 2);
      return true;
    }
    const culprits = culpritsOf(failure, batch);
    if (!culprits) {
      // The refusal does not say which op: halve the batch until it is down to that one op.
      this.batchLimit = Math.ceil(batch.length / 2);
      return true;
    }
    await this.refuse(failure.code, culprits);
    this.batchLimit = MAX_BATCH;
    return true;
  }

  private async refuse(code: string, culprits: Map<OutgoingOperation, string>): Promise<void> {
    const refusedAt = this.now().toISOString();
    const byMessage = new Map<string, string[]>();
    for (const [op, message] of culprits) {
      byMessage.set(message, [...(byMessage.get(message) ?? []), op.id]);
      this.refused.push({ op, code, message, refusedAt });
    }
    this.pending = this.pending.filter((entry) => !culprits.has(entry.op));
    this.markDirty();
    for (const [message, ids] of byMessage) {
      await this.outbox.refuse(ids, { code, message }).catch(() => undefined);
    }
  }

  async dismissRefused(opIds?: readonly string[]): Promise<void> {
    const dismissed = this.refused.filter((entry) => !opIds || opIds.includes(entry.op.id));
    if (dismissed.length === 0) return;
    this.refused = this.refused.filter((entry) => !dismissed.includes(entry));
    this.markDirty();
    await this.outbox.remove(dismissed.map((entry) => entry.op.id));
  }

  private scheduleRetry(): void {
    if (this.closed || this.retryTimer) return;
    const delay = this.backoff(this.sendAttempt);
    this.sendAttempt += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.flush();
    }, delay);
  }

  /** If the stream has not brought our acknowledged ops soon, reads them with GET /ops. */
  private scheduleLagCheck(): void {
    if (this.closed || this.lagTimer) return;
    this.lagTimer = setTimeout(() => {
      this.lagTimer = null;
      if (!this.lagging()) return;
      this.catchingUp ??= this.catchUp(this.lifetime.signal)
        .catch(() => undefined)
        .finally(() => {
          this.catchingUp = null;
          if (this.lagging()) this.scheduleLagCheck();
        });
    }, this.streamLagMs);
  }

  private lagging(): boolean {
    for (const entry of this.acked.values()) if (entry.seq > this.confirmed.seq) return true;
    return false;
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(this.retry.maxMs, this.retry.initialMs * 2 ** Math.min(attempt, 30));
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  // ---- The cache -----------------------------------------------------------------------------

  private schedulePersist(): void {
    if (this.persistTimer || this.closed) return;
    this.persistTimer = setTimeout(() => {
      this.persistTimer = null;
      this.persistLog();
    }, 100);
  }

  private persistLog(): void {
    const ops = this.unsavedLog;
    const replace = this.replaceLog;
    this.unsavedLog = [];
    this.replaceLog = false;
    if (ops.length === 0 && !replace) return;
    this.persisting = this.persisting
      .then(() =>
        replace
          ? this.outbox.replaceLog(this.meetingId, ops)
          : this.outbox.appendLog(this.meetingId, ops),
      )
      .catch(() => undefined);
  }

  private saveMeeting(): void {
    if (!this.committee) return;
    const meeting = { committee: this.committee, actor: this.actor };
    this.persisting = this.persisting
      .then(() => this.outbox.writeMeeting(this.meetingId, meeting))
      .catch(() => undefined);
  }

  // ---- Snapshots -----------------------------------------------------------------------------

  current(): SyncedSnapshot {
    if (!this.snapshot || this.dirty) {
      this.snapshot = this.build();
      this.dirty = false;
    }
    return this.snapshot;
  }

  subscribe(listener: (snapshot: MeetingSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private markDirty(): void {
    this.dirty = true;
    if (this.notifyQueued || this.closed || this.listeners.size === 0) return;
    this.notifyQueued = true;
    this.schedule(() => {
      this.notifyQueued = false;
      if (this.closed) return;
      const snapshot = this.current();
      for (const listener of [...this.listeners]) {
        try {
          listener(snapshot);
        } catch (error) {
          console.error('Minutebook: a meeting listener failed', error);
        }
      }
    });
  }

  private build(): SyncedSnapshot {
    const committee = this.committee;
    if (!committee) throw new Error('The meeting is not loaded yet.');
    const lastSeq = this.confirmed.seq;
    const pending = this.pending.filter((entry) => entry.durable).map((entry) => entry.op);
    const acked = [...this.acked.values()].sort((a, b) => a.seq - b.seq).map((entry) => entry.op);
    const overlay = [...acked, ...pending];
    let view: MeetingView;
    if (overlay.length === 0) {
      view = meetingView(this.confirmed, committee);
    } else {
      try {
        const state = cloneData(this.confirmed);
        overlay.forEach((op, index) => {
          try {
            applyOperation(state, provisional(op, lastSeq + index + 1, this.actor ?? ''));
          } catch {
            // A malformed op (the server will refuse it) is left out of the view.
          }
        });
        view = { ...meetingView(state, committee), seq: lastSeq };
      } catch {
        view = meetingView(this.confirmed, committee);
      }
    }
    return {
      view,
      committee,
      pendingOpIds: new Set(pending.map((op) => op.id)),
      pendingActionIds: new Set(
        overlay.flatMap((op) => (op.type === 'action.raise' ? [op.payload.id] : [])),
      ),
      status: this.status(pending.length),
      lastSeq,
      refused: [...this.refused],
    };
  }

  private status(pending: number): SyncStatus {
    const lastRefusal = this.refused.at(-1);
    if (lastRefusal) {
      return {
        state: 'refused',
        pending,
        code: lastRefusal.code,
        message: lastRefusal.message,
      };
    }
    if (pending === 0) return { state: 'saved' };
    if (this.networkFailed || !this.connectivity.isOnline()) return { state: 'offline', pending };
    return { state: 'saving', pending };
  }

  // ---- Closing -------------------------------------------------------------------------------

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.lifetime.abort();
    this.streamController?.abort();
    this.wakeStream?.();
    for (const timer of [this.flushTimer, this.retryTimer, this.lagTimer, this.persistTimer]) {
      if (timer) clearTimeout(timer);
    }
    this.flushTimer = this.retryTimer = this.lagTimer = this.persistTimer = null;
    this.unsubscribeConnectivity();
    this.listeners.clear();
    this.persistLog();
  }
}

/** What the server is sent: the op without anything the server fills in. */
function wireOp(op: OutgoingOperation): OutgoingOperation {
  return {
    id: op.id,
    meetingId: op.meetingId,
    clientTime: op.clientTime,
    type: op.type,
    payload: op.payload,
  } as OutgoingOperation;
}

/** An op not yet in the log, as the fold needs it, with the defaults the server's parser would add. */
function provisional(op: OutgoingOperation, seq: number, actor: string): StoredOperation {
  const payload =
    op.type === 'action.raise'
      ? { ...op.payload, assigneeIds: op.payload.assigneeIds ?? [] }
      : op.payload;
  return { ...op, payload, actor, seq, serverTime: op.clientTime } as StoredOperation;
}

/** No answer, a server fault, or a refusal that may pass on retry (token expired, throttled). */
function isTransient(error: ApiError): boolean {
  if (error.status === 0) return true;
  if (error.status >= 500) return true;
  if (error.code === 'invalid_response') return true;
  return [401, 408, 425, 429].includes(error.status);
}

/** Refusals that concern the whole batch, whichever op is in it. */
const BATCH_WIDE = new Set(['meeting_final', 'not_found']);

/**
 * The ops a refusal names, each with a message for people; null when it names none and the batch
 * has more than one op.
 */
function culpritsOf(
  error: ApiError,
  batch: readonly OutgoingOperation[],
): Map<OutgoingOperation, string> | null {
  const culprits = new Map<OutgoingOperation, string>();
  const problems = (error.details as { problems?: unknown } | undefined)?.problems;
  if (Array.isArray(problems)) {
    for (const problem of problems as { path?: unknown; message?: unknown }[]) {
      const match = /^ops\[(\d+)\](?:\.payload)?\.?(.*)$/.exec(String(problem.path ?? ''));
      const op = match ? batch[Number(match[1])] : undefined;
      if (!match || !op || culprits.has(op)) continue;
      const field = match[2] ? `${match[2]}: ` : '';
      culprits.set(op, `${field}${String(problem.message ?? 'is invalid')}.`);
    }
    if (culprits.size > 0) return culprits;
  }
  // "ops[3] comes after the op that made the meeting final": that op and the ones after it.
  const afterFinal = /^ops\[(\d+)\] comes after/.exec(error.message);
  if (afterFinal && Number(afterFinal[1]) < batch.length) {
    for (const op of batch.slice(Number(afterFinal[1]))) {
      culprits.set(
        op,
        'The meeting was made final before this change was saved; its minutes can no longer change.',
      );
    }
    return culprits;
  }
  if (batch.length === 1 || BATCH_WIDE.has(error.code)) {
    for (const op of batch) culprits.set(op, error.message);
    return culprits;
  }
  return null;
}

function isContiguousFromOne(ops: readonly StoredOperation[]): boolean {
  return ops.length > 0 && ops.every((op, index) => op.seq === index + 1);
}

/** A deep copy of plain data (objects, arrays, Maps): the confirmed state stays untouched. */
function cloneData<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => cloneData(item)) as T;
  if (value instanceof Map) {
    return new Map([...value].map(([key, item]) => [key, cloneData(item)])) as T;
  }
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = cloneData(item);
    return copy as T;
  }
  return value;
}

function defaultSchedule(callback: () => void): void {
  const frame = (globalThis as { requestAnimationFrame?: (callback: () => void) => unknown })
    .requestAnimationFrame;
  if (typeof frame === 'function') frame(callback);
  else queueMicrotask(callback);
}
