/**
 * GET /api/meetings/:id/stream: Server-Sent Events, one `op` event per op with `id: <seq>`.
 * Resumes after `Last-Event-ID` (or `?after=`), so a client that reconnects misses nothing:
 * it first gets what it missed from the store, page by page, then live ops. One loop per stream
 * is the only writer of events, and it writes only as fast as the client reads (backpressure):
 * a meeting's log of any size, or a client of any slowness, costs the server one page and one
 * socket buffer. A client that takes nothing for too long is cut off and simply resumes.
 */
import type { FastifyInstance } from 'fastify';
import type { StoredOperation } from '../../domain';
import type { MeetingService } from '../MeetingService';
import type { OpFeed } from '../OpFeed';
import { EventStreamWriter, openEventStream, resumePoint } from './eventStream';

/** Ops per catch-up read: bounds what one stream holds in memory (ops are up to ~20 KB each). */
export const STREAM_PAGE = 100;

/**
 * Live ops kept in memory for a stream that has not written them yet. Beyond this the stream
 * forgets them and reads them from the store when the client catches up.
 */
const MAX_QUEUED_LIVE_OPS = STREAM_PAGE;

export function streamRoute(
  app: FastifyInstance,
  meetings: MeetingService,
  feed: OpFeed,
  heartbeatMs: number,
): void {
  // Open streams would hold the server open for ever (heartbeats keep them alive): end them on
  // close, and clients resume from Last-Event-ID against the next server.
  const open = new Set<EventStreamWriter>();
  app.addHook('preClose', async () => {
    for (const writer of open) writer.end();
  });

  app.get<{ Params: { id: string }; Querystring: { after?: string } }>(
    '/api/meetings/:id/stream',
    async (request, reply) => {
      const meetingId = request.params.id;
      const after = resumePoint(request);
      await meetings.require(request.identity, meetingId);

      const writer = new EventStreamWriter(
        openEventStream(request, reply),
        heartbeatMs,
        request.log,
      );
      open.add(writer);
      const follower = new StreamFollower(after, writer, (afterSeq) =>
        meetings.readOperations(request.identity, meetingId, afterSeq, STREAM_PAGE),
      );
      // Subscribed before the first read, so no op committed meanwhile can be missed.
      const unsubscribe = feed.subscribe(request.identity.tenantId, meetingId, (ops) =>
        follower.offer(ops),
      );
      writer.onEnd(() => {
        open.delete(writer);
        unsubscribe();
        follower.stop();
      });
      follower.run().catch((error: unknown) => {
        request.log.warn({ err: error }, 'stream read failed; closing so the client resumes');
        writer.end();
      });
    },
  );
}

/**
 * Follows one meeting's log for one stream: reads from the store whatever it cannot be sure
 * of, writes live ops straight from the feed when they come in order and nothing is being read.
 */
class StreamFollower {
  private lastSent: number;
  /** Live ops from the feed, in order, each the one after the previous (and after lastSent). */
  private queue: StoredOperation[] = [];
  /** The store may hold ops the stream has not seen: catch up, or a feed message it could not use. */
  private mustRead = true;
  private reading = false;
  private stopped = false;
  private wake: (() => void) | null = null;

  constructor(
    after: number,
    private readonly writer: EventStreamWriter,
    private readonly read: (afterSeq: number) => Promise<StoredOperation[]>,
  ) {
    this.lastSent = after;
  }

  /** A feed message: these ops were committed. */
  offer(ops: readonly StoredOperation[]): void {
    if (this.stopped) return;
    const expected = (this.queue.at(-1)?.seq ?? this.lastSent) + 1;
    const fresh = ops.filter((op) => op.seq >= expected);
    if (fresh.length > 0) {
      const inOrder = fresh.every((op, index) => op.seq === expected + index);
      if (
        !this.reading &&
        !this.mustRead &&
        inOrder &&
        this.queue.length + fresh.length <= MAX_QUEUED_LIVE_OPS
      ) {
        this.queue.push(...fresh);
      } else {
        // The gap fill: out of order, too many, or a read in flight that may have missed them.
        this.queue = [];
        this.mustRead = true;
      }
    }
    this.wakeUp();
  }

  stop(): void {
    this.stopped = true;
    this.queue = [];
    this.wakeUp();
  }

  async run(): Promise<void> {
    while (!this.stopped) {
      if (this.mustRead) {
        this.mustRead = false;
        this.queue = [];
        this.reading = true;
        let page: StoredOperation[];
        try {
          page = await this.read(this.lastSent);
        } finally {
          this.reading = false;
        }
        if (!(await this.send(page))) return;
        // A full page: there may be more.
        if (page.length >= STREAM_PAGE) this.mustRead = true;
        continue;
      }
      const next = this.queue.shift();
      if (next) {
        if (!(await this.send([next]))) return;
        continue;
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = null;
    }
  }

  /** Writes the ops after lastSent, waiting for the client as needed; false once it is over. */
  private async send(ops: readonly StoredOperation[]): Promise<boolean> {
    for (const op of ops) {
      if (this.stopped) return false;
      if (op.seq <= this.lastSent) continue;
      if (op.seq !== this.lastSent + 1) {
        // Never skip: a seq missing here is read from the store.
        this.mustRead = true;
        return !this.stopped;
      }
      if (!(await this.writer.write(`id: ${op.seq}\nevent: op\ndata: ${JSON.stringify(op)}\n\n`))) {
        return false;
      }
      this.lastSent = op.seq;
    }
    return !this.stopped;
  }

  private wakeUp(): void {
    this.wake?.();
  }
}
