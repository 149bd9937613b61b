/**
 * A live meeting for the capture pages, composed of single-purpose parts:
 *
 * - the confirmed log (confirmedLog.ts): the server's ops folded in seq order without gaps, read
 *   from `GET /ops` (paged) at start and on catch-up, and from the stream;
 * - the stream follower (streamFollower.ts): `GET /stream` with resume, backoff and silence;
 * - the op sender (opSender.ts): the outbox sent in order, in batches, with refusals kept;
 * - the log cache (logCache.ts): the confirmed log and committee kept in IndexedDB for offline;
 * - the ops awaiting confirmation (awaitingConfirmation.ts): acknowledged, not yet in the log;
 * - the view overlay (viewOverlay.ts): what the pages show, the confirmed fold with the
 *   acknowledged and pending ops on top, and the sync status;
 * - server reads (serverReads.ts), the catch-up of the log by `GET /ops` among them, and
 *   snapshots for React (snapshotStore.ts).
 *
 * "Saved" means every op made here is in the confirmed log: an op the server acknowledged is
 * waited for on the stream, and if the stream does not bring it within `streamLagMs` the log is
 * read with `GET /ops`, so the action numbers on screen are final when the status says Saved.
 */
import type { Committee } from '../../domain/committee';
import type { OperationType } from '../../domain/operationSchemas';
import { ApiError, type ApiClient } from './ApiClient';
import { AwaitingConfirmation } from './awaitingConfirmation';
import { ConfirmedLog } from './confirmedLog';
import { browserConnectivity, type Connectivity } from './connectivity';
import { LogCache } from './logCache';
import type {
  MeetingSnapshot,
  OutgoingOperation,
  PayloadInput,
  RefusedOperation,
  SyncedMeetingSession,
  SyncedSnapshot,
} from './MeetingSession';
import { OpSender } from './opSender';
import type { Outbox } from './Outbox';
import { catchUpLog, findCommitteeId, readCommittee, readUserId } from './serverReads';
import { SnapshotStore } from './snapshotStore';
import { StreamFollower } from './streamFollower';
import { meetingSnapshot } from './viewOverlay';
import type { LogEntry } from './wire';

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

export type { SyncedMeetingSession, SyncedSnapshot } from './MeetingSession';

/** Opens the meeting: loads it (from the server, or from this browser's cache when offline) and starts following it. */
export async function openMeetingSession(
  options: OpenMeetingSessionOptions,
): Promise<SyncedMeetingSession> {
  const [pending, refused] = await Promise.all([
    options.outbox.pending(options.meetingId),
    options.outbox.refused(options.meetingId),
  ]);
  const session = new Session(options, pending, refused);
  try {
    await session.start();
  } catch (error) {
    session.close();
    throw error;
  }
  return session;
}

class Session implements SyncedMeetingSession {
  readonly meetingId: string;
  private readonly api: ApiClient;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly connectivity: Connectivity;
  private readonly lifetime = new AbortController();
  private readonly log: ConfirmedLog;
  private readonly cache: LogCache;
  private readonly sender: OpSender;
  private readonly follower: StreamFollower;

  private committee: Committee | null = null;
  private committeeId: string | null;
  private actor: string | null;
  /** False until the server's log has been read (a session opened offline from the cache). */
  private synced = false;
  private readonly awaiting: AwaitingConfirmation;

  private readonly snapshots: SnapshotStore<SyncedSnapshot>;
  private unsubscribeConnectivity: () => void = () => undefined;
  private closed = false;

  constructor(
    options: OpenMeetingSessionOptions,
    pending: readonly OutgoingOperation[],
    refused: readonly RefusedOperation[],
  ) {
    this.meetingId = options.meetingId;
    this.api = options.api;
    this.actor = options.actor ?? null;
    this.committeeId = options.committeeId ?? null;
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.connectivity = options.connectivity ?? browserConnectivity();
    this.snapshots = new SnapshotStore(() => this.build(), options.schedule);
    const retry = {
      initialMs: options.retry?.initialMs ?? 500,
      maxMs: options.retry?.maxMs ?? 15_000,
    };
    const random = options.random ?? Math.random;
    this.log = new ConfirmedLog(options.meetingId);
    this.awaiting = new AwaitingConfirmation(
      this.log,
      () => this.catchUp(this.lifetime.signal),
      options.streamLagMs ?? 1000,
    );
    this.cache = new LogCache(options.outbox, options.meetingId);
    this.sender = new OpSender({
      meetingId: options.meetingId,
      api: options.api,
      outbox: options.outbox,
      pending,
      refused,
      onAcknowledged: (batch, answer) => this.awaiting.acknowledged(batch, answer),
      onChange: () => this.markDirty(),
      retry,
      random,
      now: this.now,
    });
    this.follower = new StreamFollower({
      api: options.api,
      url:
        options.eventSourceUrl ?? `/api/meetings/${encodeURIComponent(options.meetingId)}/stream`,
      lastSeq: () => this.log.seq,
      beforeConnect: async (signal) => {
        if (!this.synced) await this.syncFromServer(signal);
      },
      onEntries: (entries) => this.applyConfirmed(entries),
      onConnected: (count) => {
        if (count > 1) void this.refreshCommittee();
      },
      retry,
      random,
      silenceMs: options.streamSilenceMs ?? 45_000,
    });
  }

  async start(): Promise<void> {
    const cached = await this.cache.read();
    if (cached) {
      // The cached committee serves only offline; online, the meeting list says which it is.
      this.committee = cached.meeting.committee;
      this.actor ??= cached.meeting.actor;
      this.applyConfirmed(cached.entries, { fromCache: true });
    }
    try {
      await this.syncFromServer(this.lifetime.signal);
    } catch (error) {
      // Offline with a cached copy: show it, and let the stream loop finish the sync later.
      const offline = error instanceof ApiError && error.status === 0;
      if (!offline || !this.committee || this.log.seq === 0) throw error;
    }
    this.unsubscribeConnectivity = this.connectivity.subscribe((online) => {
      this.markDirty();
      if (online) this.syncNow();
    });
    this.follower.start();
    this.sender.start();
    this.markDirty();
  }

  /** Reads the committee and the log after the last confirmed seq, checking the cache is this log. */
  private async syncFromServer(signal: AbortSignal): Promise<void> {
    const committeeId =
      this.committeeId ?? (await findCommitteeId(this.api, this.meetingId, signal));
    const [committee, actor] = await Promise.all([
      readCommittee(this.api, committeeId, signal),
      this.actor !== null ? Promise.resolve(this.actor) : readUserId(this.api, signal),
    ]);
    this.committee = committee;
    this.committeeId = committeeId;
    this.actor = actor;
    await this.catchUp(signal, true);
    this.synced = true;
    this.cache.saveMeeting(committee, actor);
    this.markDirty();
  }

  /** Reads the log after the last confirmed seq; `verify` first checks the cache is this log. */
  private catchUp(signal: AbortSignal, verify = false): Promise<void> {
    return catchUpLog({
      api: this.api,
      meetingId: this.meetingId,
      log: this.log,
      signal,
      verify,
      isClosed: () => this.closed,
      apply: (entries) => this.applyConfirmed(entries),
      onOtherLog: () => {
        this.log.reset();
        this.cache.replace();
        this.markDirty();
      },
    });
  }

  /** Folds what continues the confirmed log; returns false if the entries left a gap. */
  private applyConfirmed(
    entries: readonly LogEntry[],
    { fromCache = false }: { fromCache?: boolean } = {},
  ): boolean {
    const { fresh, gap } = this.log.append(entries);
    if (fresh.length === 0) return !gap;
    this.awaiting.settle();
    this.sender.arrived((id) => this.log.has(id));
    if (!fromCache) this.cache.append(fresh);
    this.markDirty();
    return !gap;
  }

  private async refreshCommittee(): Promise<void> {
    if (!this.committeeId) return;
    try {
      const committee = await readCommittee(this.api, this.committeeId, this.lifetime.signal);
      if (this.closed || committee.version === this.committee?.version) return;
      this.committee = committee;
      this.cache.saveMeeting(committee, this.actor);
      this.markDirty();
    } catch {
      // Kept as it was; the next reconnect tries again.
    }
  }

  async submit<K extends OperationType>(type: K, payload: PayloadInput<K>): Promise<string> {
    if (this.closed) throw new Error('This meeting session is closed; open the meeting again.');
    // `type` and `payload` are paired by the signature; the union cannot see it through K.
    const op = {
      id: this.newId(),
      meetingId: this.meetingId,
      clientTime: this.now().toISOString(),
      type,
      payload,
    } as OutgoingOperation;
    await this.sender.submit(op);
    return op.id;
  }

  syncNow(): void {
    if (this.closed) return;
    this.sender.syncNow();
    this.follower.wake();
  }

  dismissRefused(opIds?: readonly string[]): Promise<void> {
    return this.sender.dismissRefused(opIds);
  }

  current(): SyncedSnapshot {
    return this.snapshots.current();
  }

  subscribe(listener: (snapshot: MeetingSnapshot) => void): () => void {
    return this.snapshots.subscribe(listener);
  }

  private markDirty(): void {
    if (!this.closed) this.snapshots.changed();
  }

  private build(): SyncedSnapshot {
    if (!this.committee) throw new Error('The meeting is not loaded yet.');
    return meetingSnapshot({
      confirmed: this.log.state,
      committee: this.committee,
      acknowledged: this.awaiting.ops(),
      pending: this.sender.pending(),
      refused: this.sender.refused(),
      actor: this.actor ?? '',
      offline: this.sender.networkFailed() || !this.connectivity.isOnline(),
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.lifetime.abort();
    this.follower.close();
    this.sender.close();
    this.awaiting.close();
    this.unsubscribeConnectivity();
    this.snapshots.close();
    void this.cache.close();
  }
}
