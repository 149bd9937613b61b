/**
 * The contract between the capture pages and the sync layer. A session holds one meeting: the
 * server's ops folded with the domain's own fold, the outbox's pending ops folded on top
 * (optimistic), and the sync status. Pages only read snapshots and submit ops.
 */
import type { z } from 'zod';
import type { Committee, MeetingView, OperationType, operationPayloadSchemas } from '../../domain';

export type PayloadInput<K extends OperationType> = z.input<(typeof operationPayloadSchemas)[K]>;

/** An op as the tab makes it: the server adds `actor`, `seq` and `serverTime`. */
export type OutgoingOperation = {
  [K in OperationType]: {
    id: string;
    meetingId: string;
    clientTime: string;
    type: K;
    payload: PayloadInput<K>;
  };
}[OperationType];

/** An op the server refused: kept (never dropped) with the server's reason, out of the queue. */
export interface RefusedOperation {
  op: OutgoingOperation;
  code: string;
  message: string;
  refusedAt: string;
}

export type SyncStatus =
  | { state: 'saved' }
  | { state: 'saving'; pending: number }
  | { state: 'offline'; pending: number }
  /** The server refused an op (e.g. the meeting is final); `message` says what to do. */
  | { state: 'refused'; pending: number; code: string; message: string };

export interface MeetingSnapshot {
  /** Confirmed ops, then pending ones, folded and viewed with the committee. */
  view: MeetingView;
  committee: Committee;
  /** Ops sent but not yet acknowledged. */
  pendingOpIds: ReadonlySet<string>;
  /** Actions raised in pending ops: show them as pending, with no number yet. */
  pendingActionIds: ReadonlySet<string>;
  status: SyncStatus;
  /** The last seq confirmed by the server. */
  lastSeq: number;
  /**
   * Ops the server refused, oldest first, with its reason: not in `view`, but their text is
   * here so the user can copy it. Optional so that hand-made snapshots (test fakes) need not
   * list them; the sync layer always does.
   */
  refused?: readonly RefusedOperation[];
}

export interface MeetingSession {
  readonly meetingId: string;
  current(): MeetingSnapshot;
  subscribe(listener: (snapshot: MeetingSnapshot) => void): () => void;
  /**
   * Records a change: it is stored in the outbox (IndexedDB) before this returns, shown at once,
   * and sent when the network allows. Returns the op id. Never throws for network trouble.
   */
  submit<K extends OperationType>(type: K, payload: PayloadInput<K>): Promise<string>;
  close(): void;
}

/** The snapshot of the tab's own sync layer, which always lists the refused ops. */
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
