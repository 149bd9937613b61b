/**
 * The stream follower on its own, with the HTTP edge (`openStream`) answered by streams the test
 * writes to, and the clock faked: each connection resumes after the last confirmed seq; a stream
 * that ends is reopened after the backoff; a gap or an unreadable event reopens it at once, but
 * not twice running; a silent stream is taken for dead; `close` stops it all.
 */
import type { RequestOptions } from './ApiClient';
import { StreamFollower } from './streamFollower';
import type { LogEntry } from './wire';

const MEETING = 'm-stream';
const BACKOFF_MS = 1000;
const SILENCE_MS = 45_000;

/** One connection: what was asked for, and the body the test writes. */
interface Connection {
  path: string;
  lastEventId: string | undefined;
  write(text: string): void;
  end(): void;
  aborted: boolean;
}

function server() {
  const connections: Connection[] = [];
  const encoder = new TextEncoder();
  return {
    connections,
    openStream: async (path: string, options: RequestOptions = {}): Promise<Response> => {
      let controller!: ReadableStreamDefaultController<Uint8Array>;
      const body = new ReadableStream<Uint8Array>({
        start: (c) => {
          controller = c;
        },
      });
      const connection: Connection = {
        path,
        lastEventId: options.headers?.['last-event-id'],
        write: (text) => controller.enqueue(encoder.encode(text)),
        end: () => controller.close(),
        aborted: false,
      };
      // As fetch does: aborting the request errors its body.
      options.signal?.addEventListener('abort', () => {
        connection.aborted = true;
        try {
          controller.error(new Error('aborted'));
        } catch {
          // Already closed.
        }
      });
      connections.push(connection);
      return new Response(body, { status: 200 });
    },
  };
}

function opEvent(seq: number): string {
  const op = {
    id: `op-${seq}`,
    meetingId: MEETING,
    seq,
    actor: 'local:ines',
    clientTime: '2021-01-25T14:00:00Z',
    serverTime: '2021-01-25T14:00:01Z',
    type: 'note.add',
    payload: { id: `n-${seq}`, itemId: 'i-1', text: `Note ${seq}.` },
  };
  return `id: ${seq}\nevent: op\ndata: ${JSON.stringify(op)}\n\n`;
}

/** A follower over a log that takes what continues it and says false at a gap. */
function follow(fake: ReturnType<typeof server>) {
  let seq = 0;
  const received: number[] = [];
  const follower = new StreamFollower({
    api: fake,
    url: `/api/meetings/${MEETING}/stream`,
    lastSeq: () => seq,
    onEntries: (entries: LogEntry[]) => {
      for (const entry of entries) {
        if (entry.seq !== seq + 1) return false;
        seq = entry.seq;
        received.push(entry.seq);
      }
      return true;
    },
    retry: { initialMs: BACKOFF_MS, maxMs: BACKOFF_MS },
    random: () => 1,
    silenceMs: SILENCE_MS,
  });
  follower.start();
  return { follower, received };
}

/** Lets promises and stream reads run, with the clock moved on by `ms`. */
const passing = (ms = 0) => jest.advanceTimersByTimeAsync(ms);

beforeEach(() => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
});

afterEach(() => {
  jest.useRealTimers();
});

describe('the stream follower', () => {
  it('resumes after the last confirmed seq and hands over the ops, ignoring heartbeats', async () => {
    const fake = server();
    const { follower, received } = follow(fake);
    await passing();
    expect(fake.connections.map((c) => [c.path, c.lastEventId])).toEqual([
      [`/api/meetings/${MEETING}/stream?after=0`, '0'],
    ]);
    fake.connections[0]!.write(`${opEvent(1)}: heartbeat\n\n${opEvent(2)}`);
    await passing();
    expect(received).toEqual([1, 2]);
    follower.close();
  });

  it('reopens a stream that ended after the backoff, from where it got to', async () => {
    const fake = server();
    const { follower, received } = follow(fake);
    await passing();
    fake.connections[0]!.write(opEvent(1));
    fake.connections[0]!.end();
    await passing(BACKOFF_MS - 1);
    expect(fake.connections).toHaveLength(1);
    await passing(1);
    expect(fake.connections.map((c) => c.path)).toEqual([
      `/api/meetings/${MEETING}/stream?after=0`,
      `/api/meetings/${MEETING}/stream?after=1`,
    ]);
    fake.connections[1]!.write(opEvent(2));
    await passing();
    expect(received).toEqual([1, 2]);
    follower.close();
  });

  it('reopens at once after a gap, but waits the backoff after a second gap running', async () => {
    const fake = server();
    const { follower, received } = follow(fake);
    await passing();
    fake.connections[0]!.write(`${opEvent(1)}${opEvent(3)}`);
    await passing();
    expect(received).toEqual([1]);
    expect(fake.connections.map((c) => [c.aborted, c.path.endsWith('after=1')])).toEqual([
      [true, false],
      [false, true],
    ]);
    fake.connections[1]!.write(opEvent(3));
    await passing();
    expect(fake.connections).toHaveLength(2);
    await passing(BACKOFF_MS);
    expect(fake.connections).toHaveLength(3);
    fake.connections[2]!.write(`${opEvent(2)}${opEvent(3)}`);
    await passing();
    expect(received).toEqual([1, 2, 3]);
    follower.close();
  });

  it('keeps what came before an unreadable event and resumes before it', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const fake = server();
      const { follower, received } = follow(fake);
      await passing();
      fake.connections[0]!.write(`${opEvent(1)}id: 2\nevent: op\ndata: {"id":"op-2"}\n\n`);
      await passing();
      expect(received).toEqual([1]);
      expect(fake.connections.map((c) => c.path.slice(-7))).toEqual(['after=0', 'after=1']);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/could not be read/));
      follower.close();
    } finally {
      warn.mockRestore();
    }
  });

  it('takes a stream silent for the silence period for dead, and opens another', async () => {
    const fake = server();
    const { follower } = follow(fake);
    await passing();
    await passing(SILENCE_MS - 1);
    fake.connections[0]!.write(': heartbeat\n\n');
    await passing(SILENCE_MS - 1);
    expect(fake.connections[0]!.aborted).toBe(false);
    await passing(1);
    expect(fake.connections[0]!.aborted).toBe(true);
    await passing(BACKOFF_MS);
    expect(fake.connections).toHaveLength(2);
    follower.close();
  });

  it('wakes from the backoff at once when asked, and stops everything on close', async () => {
    const fake = server();
    const { follower } = follow(fake);
    await passing();
    fake.connections[0]!.end();
    await passing();
    follower.wake();
    await passing();
    expect(fake.connections).toHaveLength(2);
    follower.close();
    await passing();
    expect(fake.connections[1]!.aborted).toBe(true);
    await follower.stopped();
    await passing(10 * BACKOFF_MS);
    expect(fake.connections).toHaveLength(2);
    expect(jest.getTimerCount()).toBe(0);
  });
});
