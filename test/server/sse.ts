/**
 * A small Server-Sent Events client over http.get, as a browser's EventSource reads a stream:
 * `id:`/`event:`/`data:` lines make an event when a blank line ends them, `:` lines are
 * comments (heartbeats), `retry:` sets the reconnect delay. A half-received event is dropped.
 */
import http from 'node:http';

export interface SseEvent {
  id: string | undefined;
  event: string;
  data: string;
}

export class SseClient {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  retry: number | undefined;
  /** The body of a non-200 answer, as text. */
  errorBody = '';
  private buffer = '';
  private pending: { id: string | undefined; event: string; data: string[] } = fresh();
  private readonly waiters = new Set<() => void>();
  private ended = false;

  private constructor(
    private readonly request: http.ClientRequest,
    readonly response: http.IncomingMessage,
  ) {}

  /** Opens the stream; resolves once the status and headers have arrived. */
  static connect(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const request = http.get(url, { headers: { accept: 'text/event-stream', ...headers } });
      request.once('error', reject);
      request.once('response', (response) => {
        const client = new SseClient(request, response);
        open.add(client);
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => client.receive(chunk, response.statusCode === 200));
        response.on('error', () => undefined);
        response.once('close', () => client.end());
        request.on('error', () => undefined);
        resolve(client);
      });
    });
  }

  get status(): number {
    return this.response.statusCode ?? 0;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** The seqs of the `op` events so far. */
  seqs(): number[] {
    return this.events.map((event) => (JSON.parse(event.data) as { seq: number }).seq);
  }

  lastEventId(): string | undefined {
    return this.events.at(-1)?.id;
  }

  /** Resolves when `condition` holds; rejects after `timeoutMs` or if the stream ends first. */
  waitFor(
    condition: (client: SseClient) => boolean,
    what: string,
    timeoutMs = 5000,
  ): Promise<void> {
    if (condition(this)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (condition(this)) finish();
        else if (this.ended) finish(new Error(`the stream ended before ${what}`));
      };
      const timer = setTimeout(
        () => finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)),
        timeoutMs,
      );
      const finish = (error?: Error) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        if (error) reject(error);
        else resolve();
      };
      this.waiters.add(check);
    });
  }

  /** Drops the connection at once, as a closed laptop lid or a lost network would. */
  close(): void {
    this.request.destroy();
    this.response.destroy();
    open.delete(this);
  }

  private receive(chunk: string, streaming: boolean): void {
    if (!streaming) {
      this.errorBody += chunk;
    } else {
      this.buffer += chunk;
      let newline: number;
      while ((newline = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
        const line = this.buffer.slice(0, newline);
        const width = this.buffer.startsWith('\r\n', newline) ? 2 : 1;
        this.buffer = this.buffer.slice(newline + width);
        this.line(line);
      }
    }
    for (const check of [...this.waiters]) check();
  }

  private line(line: string): void {
    if (line === '') {
      if (this.pending.data.length > 0) {
        this.events.push({
          id: this.pending.id,
          event: this.pending.event,
          data: this.pending.data.join('\n'),
        });
      }
      this.pending = fresh();
      return;
    }
    if (line.startsWith(':')) {
      this.comments.push(line.slice(1).trim());
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') this.pending.id = value;
    else if (field === 'event') this.pending.event = value;
    else if (field === 'data') this.pending.data.push(value);
    else if (field === 'retry' && /^\d+$/.test(value)) this.retry = Number(value);
  }

  private end(): void {
    this.ended = true;
    open.delete(this);
    for (const check of [...this.waiters]) check();
  }
}

function fresh(): { id: string | undefined; event: string; data: string[] } {
  return { id: undefined, event: 'message', data: [] };
}

const open = new Set<SseClient>();

/** Closes every stream still open; call it in afterEach so jest exits cleanly. */
export function closeAllStreams(): void {
  for (const client of [...open]) client.close();
}
