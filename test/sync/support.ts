/**
 * What the sync tests share: a fetch that the test can cut off (as a lost network would), drop
 * streams on, or make lose answers; a poll that waits for a condition; and session openers.
 * Nothing here fakes the server.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createApiClient, type ApiClient } from '../../src/tab/sync/ApiClient';
import { createOutbox, type Outbox } from '../../src/tab/sync/Outbox';
import {
  openMeetingSession,
  type OpenMeetingSessionOptions,
  type SyncedMeetingSession,
} from '../../src/tab/sync/openMeetingSession';

export const SECRETARY = { 'x-minutebook-user': 'ines.carvalho' };

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

export interface ControlledFetch {
  fetch: typeof fetch;
  requests: RecordedRequest[];
  /** Every request fails as with no network; open streams are cut. */
  goOffline(): void;
  goOnline(): void;
  /** Cuts the open streams; with `block`, new streams fail until `unblockStreams`. */
  dropStreams(block?: boolean): void;
  unblockStreams(): void;
  /** The next `count` POSTs reach the server, but their answers are lost. */
  loseAnswers(count: number): void;
  /** Rewrites each stream request to start from the beginning of the log (a replaying proxy). */
  replayStreams(on: boolean): void;
  /** Leaves the op event with this seq out of the stream, once (a lost event). */
  hideStreamEvent(seq: number): void;
}

export function controlledFetch(): ControlledFetch {
  let offline = false;
  let streamsBlocked = false;
  let answersToLose = 0;
  let replay = false;
  const hidden = new Set<number>();
  const streams = new Set<AbortController>();
  const requests: RecordedRequest[] = [];

  const controlled: typeof fetch = async (input, init = {}) => {
    let url = String(input);
    const headers = { ...(init.headers as Record<string, string> | undefined) };
    const isStream = headers.accept === 'text/event-stream';
    if (isStream && replay) {
      url = url.replace(/after=\d+/, 'after=0');
      delete headers['last-event-id'];
    }
    requests.push({
      method: init.method ?? 'GET',
      url,
      headers,
      body: typeof init.body === 'string' ? init.body : undefined,
    });
    if (offline || (isStream && streamsBlocked)) throw new TypeError('fetch failed');
    const controller = new AbortController();
    const outer = init.signal;
    if (outer?.aborted) controller.abort();
    outer?.addEventListener('abort', () => controller.abort(), { once: true });
    if (isStream) streams.add(controller);
    const response = await fetch(url, { ...init, headers, signal: controller.signal });
    if (init.method === 'POST' && answersToLose > 0) {
      answersToLose -= 1;
      await response.text();
      throw new TypeError('fetch failed: the connection was reset');
    }
    if (isStream && response.body) {
      return new Response(response.body.pipeThrough(withoutHidden(hidden)), {
        status: response.status,
        headers: response.headers,
      });
    }
    return response;
  };

  const cutStreams = () => {
    for (const controller of streams) controller.abort();
    streams.clear();
  };
  return {
    fetch: controlled,
    requests,
    goOffline() {
      offline = true;
      cutStreams();
    },
    goOnline() {
      offline = false;
    },
    dropStreams(block = false) {
      streamsBlocked = block;
      cutStreams();
    },
    unblockStreams() {
      streamsBlocked = false;
    },
    loseAnswers(count) {
      answersToLose = count;
    },
    replayStreams(on) {
      replay = on;
    },
    hideStreamEvent(seq) {
      hidden.add(seq);
    },
  };
}

/** Drops the SSE events whose id is in `hidden` (each once). */
function withoutHidden(hidden: Set<number>): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let buffer = '';
  return new TransformStream({
    transform(chunk, controller) {
      buffer += decoder.decode(chunk, { stream: true });
      const events = buffer.split('\n\n');
      buffer = events.pop() ?? '';
      const kept = events.filter((event) => {
        const seq = Number(/^id: (\d+)$/m.exec(event)?.[1] ?? NaN);
        if (!hidden.has(seq)) return true;
        hidden.delete(seq);
        return false;
      });
      if (kept.length > 0) controller.enqueue(encoder.encode(kept.map((e) => `${e}\n\n`).join('')));
    },
  });
}

export function apiFor(
  baseUrl: string,
  fetchImpl: typeof fetch = fetch,
  headers: Record<string, string> = SECRETARY,
): ApiClient {
  return createApiClient({ baseUrl, authHeaders: async () => headers, fetch: fetchImpl });
}

let databases = 0;
/** A new IndexedDB database: one per simulated browser. */
export function freshOutbox(): { outbox: Outbox; dbName: string } {
  databases += 1;
  const dbName = `minutebook-test-${databases}-${Date.now()}`;
  return { outbox: createOutbox({ dbName }), dbName };
}

/** Sessions and outboxes opened by a test; `closeAll` ends them (afterEach). */
export class Opened {
  private readonly sessions: SyncedMeetingSession[] = [];
  private readonly outboxes: Outbox[] = [];

  async session(options: OpenMeetingSessionOptions): Promise<SyncedMeetingSession> {
    const session = await openMeetingSession({
      retry: { initialMs: 20, maxMs: 200 },
      ...options,
    });
    this.sessions.push(session);
    return session;
  }

  outbox(outbox: Outbox): Outbox {
    this.outboxes.push(outbox);
    return outbox;
  }

  closeAll(): void {
    for (const session of this.sessions.splice(0)) session.close();
    for (const outbox of this.outboxes.splice(0)) outbox.close();
  }
}

/** Polls `condition` every 10 ms; fails with `what` if it does not hold within `timeoutMs`. */
export async function eventually(
  condition: () => boolean,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}
