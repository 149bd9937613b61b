/**
 * A meeting whose log is over 10 MiB (600 notes of 19,000 characters, all valid) streamed to
 * clients that read normally, slowly, not at all, or leave partway: each gets every op once, in
 * seq order (across reconnections with Last-Event-ID where it was cut off), the server holds no
 * more than a socket buffer for any of them, and it stays healthy throughout: /healthz answers,
 * other streams keep flowing, the process lives. (Before this was fixed, the first such stream
 * ended the process with ERR_STREAM_WRITE_AFTER_END.)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { note, postOps } from './support';
import { readStream, readToEnd, seqsOf, type StreamEvent } from './streamClients';
import { ownCommitteeAndMeeting } from './streamServer';

const NOTES = 600;
const NOTE_LENGTH = 19_000;
const BATCH = 100;
/** The creation op, then the notes. */
const FINAL_SEQ = 1 + NOTES;
const everySeq = Array.from({ length: FINAL_SEQ }, (_, index) => index + 1);

async function seedLargeLog(baseUrl: string): Promise<string> {
  const { meetingId } = await ownCommitteeAndMeeting(baseUrl);
  for (let start = 0; start < NOTES; start += BATCH) {
    const ops = Array.from({ length: BATCH }, (_, index) => {
      const number = String(start + index).padStart(4, '0');
      return note(meetingId, `Note ${number}: ${'x'.repeat(NOTE_LENGTH - 20)}.`);
    });
    const response = await postOps(baseUrl, meetingId, ops);
    if (response.status !== 200) throw new Error(`seeding: ${response.status}`);
  }
  return meetingId;
}

/** Every server-side response of a stream, to see how much it buffers. */
function watchStreamResponses(server: TestServer): { maxBuffered: () => number; stop: () => void } {
  const responses = new Set<ServerResponse>();
  let max = 0;
  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    if (request.url?.includes('/stream')) responses.add(response);
  };
  server.app.server.on('request', onRequest);
  const sampler = setInterval(() => {
    for (const response of responses) max = Math.max(max, response.writableLength);
  }, 5);
  return {
    maxBuffered: () => max,
    stop: () => {
      clearInterval(sampler);
      server.app.server.off('request', onRequest);
    },
  };
}

/** Keeps asking /healthz and following a small meeting while `during` runs; all must answer. */
async function staysHealthy<T>(server: TestServer, during: Promise<T>): Promise<T> {
  const { meetingId: small } = await ownCommitteeAndMeeting(server.baseUrl);
  let running = true;
  const health: number[] = [];
  const checks = (async () => {
    let posted = 1;
    while (running) {
      health.push((await fetch(`${server.baseUrl}/healthz`)).status);
      // Another meeting's stream keeps flowing: a new op arrives on it.
      const [reading, answer] = await Promise.all([
        readStream(`${server.baseUrl}/api/meetings/${small}/stream`, {
          headers: { 'last-event-id': String(posted) },
          untilSeq: posted + 1,
        }),
        sleep(20).then(() => postOps(server.baseUrl, small, [note(small, 'Elsewhere.')])),
      ]);
      expect(answer.status).toBe(200);
      posted += 1;
      expect(seqsOf(reading.events)).toEqual([posted]);
      await sleep(50);
    }
  })();
  try {
    return await during;
  } finally {
    running = false;
    await checks;
    expect(health.length).toBeGreaterThan(0);
    expect(health.every((status) => status === 200)).toBe(true);
  }
}

function expectEveryOpOnceInOrder(events: readonly StreamEvent[]): void {
  expect(seqsOf(events)).toEqual(everySeq);
  expect(events.map((event) => event.id)).toEqual(everySeq.map(String));
  const bytes = events.reduce((total, event) => total + Buffer.byteLength(event.data), 0);
  expect(bytes).toBeGreaterThan(10 * 1024 * 1024);
}

describe('a meeting whose log is over 10 MiB', () => {
  let server: TestServer;
  let meetingId: string;
  let streamUrl: string;

  beforeAll(async () => {
    server = await startTestServer({ DEMO_DATA: 'off' });
    meetingId = await seedLargeLog(server.baseUrl);
    streamUrl = `${server.baseUrl}/api/meetings/${meetingId}/stream`;
  });

  afterAll(async () => {
    await server.close();
  });

  it('is read in full by a client that reads normally, every op once and in seq order', async () => {
    const reading = await staysHealthy(server, readStream(streamUrl, { untilSeq: FINAL_SEQ }));
    expect(reading.status).toBe(200);
    expect(reading.ended).toBe('stopped');
    expectEveryOpOnceInOrder(reading.events);
  });

  it('is read in full by a client that reads a little at a time, the server buffering no more than the socket takes', async () => {
    const watch = watchStreamResponses(server);
    try {
      const reading = await staysHealthy(
        server,
        readStream(streamUrl, {
          untilSeq: FINAL_SEQ,
          initialPauseMs: 1500,
          pauseBetweenChunksMs: 2,
        }),
      );
      expect(reading.ended).toBe('stopped');
      expectEveryOpOnceInOrder(reading.events);
    } finally {
      watch.stop();
    }
    // Backpressure: the socket's own buffer (16 KiB) and one event, never the log.
    expect(watch.maxBuffered()).toBeGreaterThan(0);
    expect(watch.maxBuffered()).toBeLessThan(256 * 1024);
  });

  it('lets a client leave mid-catch-up: its stream stops, the server serves the next one', async () => {
    const partial = await readStream(streamUrl, { stopAfterEvents: 50 });
    expect(partial.ended).toBe('stopped');
    expect(seqsOf(partial.events)).toEqual(everySeq.slice(0, 50));
    for (let tries = 0; tries < 200; tries += 1) {
      if (server.feed.subscriberCount('local', meetingId) === 0) break;
      await sleep(10);
    }
    expect(server.feed.subscriberCount('local', meetingId)).toBe(0);
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
    // And resuming where it left off gets exactly the rest.
    const rest = await readStream(streamUrl, {
      headers: { 'last-event-id': '50' },
      untilSeq: FINAL_SEQ,
    });
    expect(seqsOf(rest.events)).toEqual(everySeq.slice(50));
  });
});

describe('a client that takes nothing', () => {
  let strict: TestServer;
  let meetingId: string;
  let streamUrl: string;

  beforeAll(async () => {
    // Cut off after two heartbeat periods without taking anything: 2 × 200 ms here.
    strict = await startTestServer({ DEMO_DATA: 'off', SSE_HEARTBEAT_MS: '200' });
    meetingId = await seedLargeLog(strict.baseUrl);
    streamUrl = `${strict.baseUrl}/api/meetings/${meetingId}/stream`;
  });

  afterAll(async () => {
    await strict.close();
  });

  /** Resolves once the server holds no subscription to the meeting; rejects after `tries`. */
  async function serverLetGo(tries = 500): Promise<void> {
    for (let tried = 0; tried < tries; tried += 1) {
      if (strict.feed.subscriberCount('local', meetingId) === 0) return;
      await sleep(10);
    }
    throw new Error('the server still follows the meeting for a client that takes nothing');
  }

  it('is let go by the server while it still reads nothing; reading on, it resumes with Last-Event-ID and gets every op exactly once, in order', async () => {
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = readStream(streamUrl, { holdUntil: held });
    const letGo = (async () => {
      for (let tried = 0; strict.feed.subscriberCount('local', meetingId) === 0; tried += 1) {
        if (tried > 500) throw new Error('the stream never started');
        await sleep(10);
      }
      await serverLetGo();
    })();
    await staysHealthy(strict, letGo.finally(release));
    const stalled = await first;
    expect(stalled.ended).toBe('aborted');
    // What was in flight arrives, in order, and resuming after it gets exactly the rest.
    expect(seqsOf(stalled.events)).toEqual(everySeq.slice(0, stalled.events.length));
    const { events } = await readToEnd(streamUrl, FINAL_SEQ, {
      after: stalled.events,
      pauseBetweenChunksMs: 1,
    });
    expectEveryOpOnceInOrder(events);
    expect((await fetch(`${strict.baseUrl}/healthz`)).status).toBe(200);
  });
});
