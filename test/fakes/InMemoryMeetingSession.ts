/**
 * The meeting-session port's fake for component tests: a committee and an initial log, folded
 * with the domain's own fold. Submitted ops are validated like the server validates them, held
 * as pending (folded on top, optimistic) and confirmed by `confirmAll()`, which gives them seqs.
 * The sync status follows the pending count unless a test pins it with `setStatus`.
 */
import {
  foldOperations,
  meetingView,
  parseOperation,
  type Committee,
  type CommitteeSettings,
  type NewOperation,
  type OperationPayloads,
  type OperationType,
  type StoredOperation,
} from '../../src/domain';
import type {
  MeetingSession,
  MeetingSnapshot,
  PayloadInput,
  SyncStatus,
} from '../../src/tab/sync/MeetingSession';

export interface InMemoryMeetingSessionOptions {
  committee: CommitteeSettings | Committee;
  /** The confirmed log to start from; ops without a seq are numbered 1, 2, 3… */
  operations?: readonly (NewOperation | StoredOperation)[];
  meetingId?: string;
  actor?: string;
  /** The client time stamped on submitted ops. */
  now?: () => string;
}

export class InMemoryMeetingSession implements MeetingSession {
  readonly meetingId: string;
  /** Every op submitted through the port, in order (confirmed or not). */
  readonly submitted: NewOperation[] = [];
  private confirmed: StoredOperation[];
  private pending: NewOperation[] = [];
  private pinnedStatus: SyncStatus | null = null;
  private readonly listeners = new Set<(snapshot: MeetingSnapshot) => void>();
  private readonly committee: Committee;
  private readonly actor: string;
  private readonly now: () => string;
  private snapshot: MeetingSnapshot;
  private closed = false;
  private counter = 0;

  constructor(options: InMemoryMeetingSessionOptions) {
    const operations = options.operations ?? [];
    this.meetingId = options.meetingId ?? operations[0]?.meetingId ?? 'test-meeting';
    this.actor = options.actor ?? 'local:secretary';
    this.now = options.now ?? (() => new Date().toISOString());
    this.committee = asCommittee(options.committee);
    this.confirmed = operations.map((op, index) => ({
      serverTime: '2021-01-25T16:00:00Z',
      ...op,
      seq: 'seq' in op ? op.seq : index + 1,
    }));
    this.snapshot = this.build();
  }

  current(): MeetingSnapshot {
    return this.snapshot;
  }

  subscribe(listener: (snapshot: MeetingSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async submit<K extends OperationType>(type: K, payload: PayloadInput<K>): Promise<string> {
    if (this.closed) throw new Error('The session is closed.');
    this.counter += 1;
    const raw = {
      id: `test-op-${this.counter}`,
      meetingId: this.meetingId,
      clientTime: this.now(),
      type,
      payload,
    };
    const parsed = parseOperation(raw, this.meetingId, this.actor, type);
    if (!parsed.ok) {
      throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
    }
    this.submitted.push(parsed.value);
    this.pending.push(parsed.value);
    this.publish();
    return parsed.value.id;
  }

  close(): void {
    this.closed = true;
    this.listeners.clear();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** The server acknowledges every pending op, in order. */
  confirmAll(): void {
    const ops = this.pending;
    this.pending = [];
    this.receive(ops);
  }

  /** Ops arriving from the server (another client, or our own acknowledged). */
  receive(ops: readonly NewOperation[]): void {
    let seq = this.lastSeq();
    const serverTime = this.now();
    for (const op of ops) {
      seq += 1;
      this.confirmed.push({ ...op, seq, serverTime });
    }
    const arrived = new Set(ops.map((op) => op.id));
    this.pending = this.pending.filter((op) => !arrived.has(op.id));
    this.publish();
  }

  /** Pins the sync status (e.g. offline, refused); `null` lets it follow the pending count again. */
  setStatus(status: SyncStatus | null): void {
    this.pinnedStatus = status;
    this.publish();
  }

  /** Submitted ops of one type, payloads only, for assertions. */
  payloadsOf<K extends OperationType>(type: K): OperationPayloads[K][] {
    return this.submitted
      .filter((op) => op.type === type)
      .map((op) => op.payload as OperationPayloads[K]);
  }

  private lastSeq(): number {
    return this.confirmed.at(-1)?.seq ?? 0;
  }

  private publish(): void {
    this.snapshot = this.build();
    for (const listener of [...this.listeners]) listener(this.snapshot);
  }

  private build(): MeetingSnapshot {
    const lastSeq = this.lastSeq();
    const optimistic: StoredOperation[] = this.pending.map((op, index) => ({
      ...op,
      seq: lastSeq + index + 1,
      serverTime: op.clientTime,
    }));
    const state = foldOperations(this.meetingId, [...this.confirmed, ...optimistic]);
    const pendingActionIds = new Set(
      this.pending.flatMap((op) => (op.type === 'action.raise' ? [op.payload.id] : [])),
    );
    const count = this.pending.length;
    return {
      view: meetingView(state, this.committee),
      committee: this.committee,
      pendingOpIds: new Set(this.pending.map((op) => op.id)),
      pendingActionIds,
      status:
        this.pinnedStatus ?? (count > 0 ? { state: 'saving', pending: count } : { state: 'saved' }),
      lastSeq,
    };
  }
}

function asCommittee(committee: CommitteeSettings | Committee): Committee {
  if ('tenantId' in committee) return committee;
  return {
    ...committee,
    id: 'test-committee',
    tenantId: 'local',
    version: 1,
    createdAt: '2021-01-01T00:00:00Z',
    updatedAt: '2021-01-01T00:00:00Z',
  };
}
