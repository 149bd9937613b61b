/**
 * What the two Server-Sent Events routes (a meeting's ops, a publish run's progress) share: where
 * a reconnecting client resumes, the response head that keeps proxies from buffering, and a
 * writer that never writes after the end and never buffers more than the socket takes.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import { nonNegativeInteger } from './meetingRoutes';

/** The last event the client has: `Last-Event-ID` when it reconnects, else `?after=`, else 0. */
export function resumePoint(request: FastifyRequest<{ Querystring: { after?: string } }>): number {
  const lastEventId = request.headers['last-event-id'];
  const fromHeader = typeof lastEventId === 'string' && lastEventId !== '';
  return nonNegativeInteger(
    fromHeader ? lastEventId : request.query.after,
    fromHeader ? 'Last-Event-ID' : 'after',
    0,
  );
}

/** Takes the response from Fastify and opens the event stream; the caller writes the events. */
export function openEventStream(request: FastifyRequest, reply: FastifyReply): ServerResponse {
  const raw = reply.raw;
  reply.hijack();
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': request.id,
  });
  // Browsers reconnect after 2 s rather than their default 3 s.
  raw.write('retry: 2000\n\n');
  return raw;
}

/**
 * Heartbeat periods a stream may stay unable to write (the client takes nothing) before it is
 * cut off. It then resumes with Last-Event-ID, so nothing is lost; until then it holds at most
 * the socket's buffer and one event, however large the log.
 */
export const STALLED_HEARTBEATS_BEFORE_CUT_OFF = 2;

export type StreamEnd = 'closed' | 'ended' | 'cut-off';

/**
 * Writes one event stream with backpressure. `write` waits, when the socket's buffer is full,
 * until the client has taken it; every writer (event loop, heartbeat) stops the moment the
 * stream closes, ends or is cut off, so nothing is ever written after the end.
 */
export class EventStreamWriter {
  private ending: StreamEnd | null = null;
  private blocked = false;
  private stalledBeats = 0;
  private readonly drainWaiters = new Set<() => void>();
  private readonly endListeners = new Set<(how: StreamEnd) => void>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly raw: ServerResponse,
    heartbeatMs: number,
    private readonly log: FastifyBaseLogger,
  ) {
    raw.on('drain', () => {
      this.blocked = false;
      this.stalledBeats = 0;
      this.wakeWriters();
    });
    raw.once('close', () => this.finish('closed'));
    // A reset by the client; the stream is over either way, and the client resumes.
    raw.on('error', (error) => {
      this.log.debug({ err: error }, 'event stream connection failed');
      this.finish('closed');
    });
    this.heartbeat = setInterval(() => this.beat(), heartbeatMs);
  }

  /** True once the stream is over: nothing more may be written. */
  get isOver(): boolean {
    return this.ending !== null;
  }

  /** Called once, when the stream closes, ends or is cut off. */
  onEnd(listener: (how: StreamEnd) => void): void {
    if (this.ending) listener(this.ending);
    else this.endListeners.add(listener);
  }

  /**
   * Writes `chunk` once the client has taken what came before. Resolves true when written,
   * false when the stream was over first (the chunk is not written).
   */
  async write(chunk: string): Promise<boolean> {
    while (this.blocked && !this.ending) {
      await new Promise<void>((wake) => this.drainWaiters.add(wake));
    }
    if (this.ending) return false;
    if (!this.raw.write(chunk)) this.blocked = true;
    return true;
  }

  /** Ends the stream, after what is buffered if the client is taking it. */
  end(): void {
    if (this.ending) return;
    const stuck = this.blocked;
    this.finish('ended');
    if (stuck) this.raw.destroy();
    else this.raw.end();
  }

  /** Drops the connection at once (the client resumes with Last-Event-ID). */
  cutOff(reason: string): void {
    if (this.ending) return;
    this.log.info({ reason }, 'event stream cut off; the client resumes from its last event');
    this.finish('cut-off');
    this.raw.destroy();
  }

  private beat(): void {
    if (this.ending) return;
    if (this.blocked) {
      this.stalledBeats += 1;
      if (this.stalledBeats >= STALLED_HEARTBEATS_BEFORE_CUT_OFF) {
        this.cutOff('the client took nothing for two heartbeat periods');
      }
      return;
    }
    if (!this.raw.write(': heartbeat\n\n')) this.blocked = true;
  }

  private finish(how: StreamEnd): void {
    if (this.ending) return;
    this.ending = how;
    clearInterval(this.heartbeat);
    this.wakeWriters();
    for (const listener of this.endListeners) listener(how);
    this.endListeners.clear();
  }

  private wakeWriters(): void {
    for (const wake of this.drainWaiters) wake();
    this.drainWaiters.clear();
  }
}
