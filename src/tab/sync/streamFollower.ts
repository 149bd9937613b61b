/**
 * Follows a meeting's live stream (`GET /api/meetings/:id/stream`, Server-Sent Events read with
 * `fetch`, so that the Teams `Authorization` header can be sent; `EventSource` cannot send
 * headers). Each connection resumes after the last confirmed seq (`after=` and `Last-Event-ID`).
 *
 * - A dropped or refused stream is opened again with exponential backoff and jitter; `wake()`
 *   (back online, "sync now") skips the wait.
 * - A stream silent for `silenceMs` (the server sends a heartbeat every 15 s) is taken for dead.
 * - A gap (the log says an op is missing, or an event could not be read) reopens the stream at
 *   once after the last op applied, but not twice running, so a broken server is not hammered.
 */
import type { ApiClient } from './ApiClient';
import { backoffDelay } from './backoff';
import { SseParser } from './SseParser';
import { parseLogEntry, type LogEntry } from './wire';

export interface StreamFollowerOptions {
  api: Pick<ApiClient, 'openStream'>;
  /** The stream's path or URL; `after=` is added to it. */
  url: string;
  /** The last confirmed seq: where each connection resumes. */
  lastSeq: () => number;
  /** Runs before each connection (e.g. a first sync that failed offline); throwing skips it. */
  beforeConnect?: (signal: AbortSignal) => Promise<void>;
  /** The ops of one chunk of the stream; returns false if they left a gap. */
  onEntries: (entries: LogEntry[]) => boolean;
  /** After each successful connection; `count` is 1 for the first. */
  onConnected?: (count: number) => void;
  retry: { initialMs: number; maxMs: number };
  random: () => number;
  silenceMs: number;
}

class StreamGap extends Error {
  constructor() {
    super('The stream skipped a seq.');
  }
}

export class StreamFollower {
  private closed = false;
  private controller: AbortController | null = null;
  private wakeUp: (() => void) | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly options: StreamFollowerOptions) {}

  start(): void {
    this.running ??= this.loop();
  }

  /** Ends the wait before the next connection attempt, if one is waiting. */
  wake(): void {
    this.wakeUp?.();
  }

  close(): void {
    this.closed = true;
    this.controller?.abort();
    this.wakeUp?.();
  }

  /** Resolves once the loop has stopped (after `close`). */
  stopped(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private async loop(): Promise<void> {
    let attempt = 0;
    let connections = 0;
    let lastWasGap = false;
    while (!this.closed) {
      const controller = new AbortController();
      this.controller = controller;
      let gap = false;
      try {
        await this.options.beforeConnect?.(controller.signal);
        const after = this.options.lastSeq();
        const separator = this.options.url.includes('?') ? '&' : '?';
        const response = await this.options.api.openStream(
          `${this.options.url}${separator}after=${after}`,
          { signal: controller.signal, headers: { 'last-event-id': String(after) } },
        );
        connections += 1;
        attempt = 0;
        this.options.onConnected?.(connections);
        await this.read(response, controller);
      } catch (error) {
        gap = error instanceof StreamGap;
      } finally {
        controller.abort();
        if (this.controller === controller) this.controller = null;
      }
      if (this.closed) return;
      if (gap && !lastWasGap) {
        lastWasGap = true;
        continue;
      }
      lastWasGap = false;
      await this.pause(backoffDelay(attempt, this.options.retry, this.options.random));
      attempt += 1;
    }
  }

  private async read(response: Response, controller: AbortController): Promise<void> {
    const body = response.body;
    if (!body) return;
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser();
    const silenceMs = this.options.silenceMs;
    let silence = setTimeout(() => controller.abort(), silenceMs);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || this.closed) return;
        clearTimeout(silence);
        silence = setTimeout(() => controller.abort(), silenceMs);
        const entries: LogEntry[] = [];
        let unreadable = false;
        for (const event of parser.push(decoder.decode(value, { stream: true }))) {
          if (event.event !== 'op') continue;
          const entry = readEvent(event.data);
          if (entry) entries.push(entry);
          else unreadable = true;
        }
        // What was read before an unreadable event is kept; then the stream resumes before it.
        if (entries.length > 0 && !this.options.onEntries(entries)) throw new StreamGap();
        if (unreadable) throw new StreamGap();
      }
    } finally {
      clearTimeout(silence);
      reader.cancel().catch(() => undefined);
    }
  }

  /** Waits `ms`, or less if woken. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wakeUp === done) this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}

function readEvent(data: string): LogEntry | null {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = parseLogEntry(json);
  if (parsed.ok) return parsed.value;
  console.warn(`Minutebook: an op from the stream could not be read (${parsed.reason})`);
  return null;
}
