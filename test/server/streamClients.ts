/**
 * Event-stream readers that behave like real clients a server must survive: one that reads
 * a little at a time (the socket paused between chunks), one that takes nothing, one that drops
 * the connection partway. (A client that reads nothing cannot even see the server drop it: the
 * data and the end wait in the kernel until it reads.) Each resolves with the complete events it received and how the
 * stream ended.
 */
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export interface StreamEvent {
  id: string | undefined;
  event: string;
  data: string;
}

export interface StreamReading {
  status: number;
  events: StreamEvent[];
  /** 'end': the server ended the stream; 'aborted': the connection dropped; 'stopped': we left. */
  ended: 'end' | 'aborted' | 'stopped';
}

export interface ReadOptions {
  headers?: Record<string, string>;
  /** Read nothing at first, for this long (ms). */
  initialPauseMs?: number;
  /** Pause the socket this long (ms) after every chunk: a slow reader. */
  pauseBetweenChunksMs?: number;
  /** Drop the connection once this many events have arrived. */
  stopAfterEvents?: number;
  /** Stop once an event with this seq has arrived. */
  untilSeq?: number;
  /** Read nothing until this settles. */
  holdUntil?: Promise<unknown>;
}

export function readStream(url: string, options: ReadOptions = {}): Promise<StreamReading> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, {
      headers: { accept: 'text/event-stream', ...options.headers },
    });
    request.once('error', reject);
    request.once('response', (response) => {
      const events: StreamEvent[] = [];
      let buffer = '';
      let done = false;
      const finish = (ended: StreamReading['ended']) => {
        if (done) return;
        done = true;
        if (ended === 'stopped') {
          request.destroy();
          response.destroy();
        }
        resolve({ status: response.statusCode ?? 0, events, ended });
      };
      request.removeListener('error', reject);
      request.on('error', () => finish('aborted'));
      response.on('error', () => finish('aborted'));
      response.once('aborted', () => finish('aborted'));
      response.once('end', () => finish('end'));
      response.once('close', () => finish(response.complete ? 'end' : 'aborted'));
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let boundary: number;
        while ((boundary = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          const event = parseBlock(block);
          if (event) events.push(event);
        }
        const last = events.at(-1);
        if (options.stopAfterEvents !== undefined && events.length >= options.stopAfterEvents) {
          finish('stopped');
        } else if (options.untilSeq !== undefined && last?.id === String(options.untilSeq)) {
          finish('stopped');
        } else if (options.pauseBetweenChunksMs !== undefined) {
          response.pause();
          void sleep(options.pauseBetweenChunksMs).then(() => response.resume());
        }
      });
      if (options.initialPauseMs !== undefined) {
        response.pause();
        void sleep(options.initialPauseMs).then(() => response.resume());
      }
      if (options.holdUntil) {
        response.pause();
        void options.holdUntil.finally(() => response.resume());
      }
    });
  });
}

function parseBlock(block: string): StreamEvent | null {
  let id: string | undefined;
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length > 0 ? { id, event, data: data.join('\n') } : null;
}

/** The seqs of `op` events, from their data. */
export function seqsOf(events: readonly StreamEvent[]): number[] {
  return events
    .filter((event) => event.event === 'op')
    .map((event) => (JSON.parse(event.data) as { seq: number }).seq);
}

/**
 * Reads a stream to `finalSeq` as a browser's EventSource does: whenever the connection ends
 * or is cut off, it reconnects with Last-Event-ID. Returns every op event in arrival order and
 * how many connections it took.
 */
export async function readToEnd(
  url: string,
  finalSeq: number,
  options: Omit<ReadOptions, 'untilSeq' | 'headers'> & { after?: readonly StreamEvent[] } = {},
): Promise<{ events: StreamEvent[]; connections: number }> {
  const events: StreamEvent[] = [...(options.after ?? [])];
  let connections = 0;
  while ((events.at(-1)?.id ?? '0') !== String(finalSeq)) {
    connections += 1;
    if (connections > 50) throw new Error(`no end after 50 connections at ${events.at(-1)?.id}`);
    const lastId = events.at(-1)?.id;
    const reading = await readStream(url, {
      ...options,
      untilSeq: finalSeq,
      headers: lastId ? { 'last-event-id': lastId } : {},
    });
    if (reading.status !== 200) throw new Error(`the stream answered ${reading.status}`);
    events.push(...reading.events.filter((event) => event.event === 'op'));
  }
  return { events, connections };
}
