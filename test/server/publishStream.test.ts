/**
 * The publish run's event stream never writes after its end, and honours close: a follower that
 * takes nothing while the run ends (its socket held, as a slow client's would be) gets nothing
 * written after the end — no heartbeat, no notice — and, once it reads again, the whole run and its
 * end; a follower that leaves mid-run is written nothing more. A run another server instance
 * executes is watched in the store: its stream stays open while that run goes on, and ends with
 * the run's real end. Watched at the edge: the server-side response's own write and end.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PublishRunState } from '../../src/contract/graphApi';
import { seedDemoData } from '../../src/server/seedDemoData';
import type { PublishRunRecord } from '../../src/store';
import { api, startTestServer, type TestServer } from '../helpers/testServer';
import { DEMO_MEETING_ID, SECRETARY } from './graphSupport';
import { closeAllStreams, SseClient } from './sse';

jest.setTimeout(60_000);

const HEARTBEAT_MS = 100;
const publishUrl = `/api/meetings/${DEMO_MEETING_ID}/publish`;

let server: TestServer;
let uncaught: Error[];
const onUncaught = (error: Error) => uncaught.push(error);

beforeEach(async () => {
  uncaught = [];
  process.on('uncaughtException', onUncaught);
  server = await startTestServer(
    { DEMO_DATA: 'off', SSE_HEARTBEAT_MS: String(HEARTBEAT_MS) },
    // Every Graph request takes a while: the run lasts well beyond the first heartbeats.
    { graph: 'sandbox', sandboxFaults: { latencyMs: 40 } },
  );
  if (!(await seedDemoData(server.committees, server.meetings))) {
    throw new Error('The demo data was not created on a fresh store.');
  }
});

afterEach(async () => {
  closeAllStreams();
  await server.close();
  process.off('uncaughtException', onUncaught);
});

interface WatchedStream {
  response: ServerResponse;
  /** Set with `hold`: lets the client take what was written. */
  release: () => void;
  /** Calls of write or end after the response was ended (ERR_STREAM_WRITE_AFTER_END). */
  afterEnd: number;
  /** Calls of write or end after the response closed. */
  afterClose: number;
  writes: number;
  ended: boolean;
  closed: boolean;
}

type WriteFn = (chunk: unknown, encoding: unknown, done: (error?: Error | null) => void) => void;
type WritevFn = (chunks: unknown, done: (error?: Error | null) => void) => void;

/**
 * The server's side of a connection whose client takes nothing: the socket's writes are held
 * (never handed to the network, their callbacks not called) until `release()`, as when a slow
 * client's TCP window is full. What is written meanwhile waits in the socket's buffer.
 */
function holdSocket(socket: NonNullable<ServerResponse['socket']>): { release(): void } {
  const writable = socket as unknown as { _write: WriteFn; _writev?: WritevFn | null };
  const write = writable._write;
  const writev = writable._writev;
  let held: (() => void) | null = null;
  writable._write = (chunk, encoding, done) => {
    held = () => write.call(socket, chunk, encoding, done);
  };
  if (writev) writable._writev = (chunks, done) => (held = () => writev.call(socket, chunks, done));
  return {
    release() {
      writable._write = write;
      if (writev) writable._writev = writev;
      const next = held;
      held = null;
      next?.();
    },
  };
}

/** Watches the server-side response of every publish stream; `hold` holds its socket at once. */
function watchStreams(options: { hold: boolean }): WatchedStream[] {
  const streams: WatchedStream[] = [];
  server.app.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (!request.url?.endsWith('/stream')) return;
    const watched: WatchedStream = {
      response,
      release: () => undefined,
      afterEnd: 0,
      afterClose: 0,
      writes: 0,
      ended: false,
      closed: false,
    };
    streams.push(watched);
    response.once('close', () => (watched.closed = true));
    const write = response.write.bind(response) as (...args: unknown[]) => boolean;
    const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
    response.write = ((...args: unknown[]) => {
      if (watched.ended) watched.afterEnd += 1;
      if (watched.closed) watched.afterClose += 1;
      watched.writes += 1;
      const result = write(...args);
      // Once the head and the first line are out (Node sends a write on the next tick), the
      // client takes nothing.
      const socket = response.socket;
      if (options.hold && watched.writes === 1 && socket) {
        process.nextTick(() => (watched.release = holdSocket(socket).release));
      }
      return result;
    }) as ServerResponse['write'];
    response.end = ((...args: unknown[]) => {
      if (watched.ended) watched.afterEnd += 1;
      if (watched.closed) watched.afterClose += 1;
      watched.ended = true;
      return end(...args);
    }) as ServerResponse['end'];
  });
  return streams;
}

async function startPublish(): Promise<string> {
  const started = await api(server.baseUrl, 'POST', publishUrl, { user: SECRETARY, body: {} });
  expect(started.status).toBe(202);
  return started.body.runId as string;
}

async function runState(runId: string): Promise<PublishRunState> {
  const state = await api<PublishRunState>(server.baseUrl, 'GET', `${publishUrl}/${runId}`, {
    user: SECRETARY,
  });
  expect(state.status).toBe(200);
  return state.body;
}

async function until(condition: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let tries = 0; tries < 1_000; tries += 1) {
    if (await condition()) return;
    await sleep(20);
  }
  throw new Error(`gave up waiting for ${what}`);
}

const streamUrl = (runId: string) => `${server.baseUrl}${publishUrl}/${runId}/stream`;

it('writes nothing after the end to a follower that takes nothing while the run ends, and gives it the whole run once it reads again', async () => {
  const streams = watchStreams({ hold: true });
  const runId = await startPublish();
  const client = await SseClient.connect(streamUrl(runId), { 'x-minutebook-user': SECRETARY });
  expect(client.status).toBe(200);
  await until(() => streams.length === 1, 'the stream to open');
  const [stream] = streams as [WatchedStream];

  await until(async () => (await runState(runId)).status !== 'running', 'the run to end');
  await until(() => stream.ended, 'the stream to be ended');
  // Heartbeats would be due several times over while the client takes nothing.
  await sleep(HEARTBEAT_MS * 4);
  expect(stream.closed).toBe(false);
  expect(stream.afterEnd).toBe(0);
  expect(uncaught).toEqual([]);

  // The client reads again: everything written before the end arrives, then the stream closes.
  stream.release();
  await client.waitFor((sse) => sse.isEnded, 'the stream to close', 10_000);
  const end = client.events.find((event) => event.event === 'end');
  expect(JSON.parse(end?.data ?? '{}')).toMatchObject({ runId, status: 'done' });
  const progress = client.events.filter((event) => event.event === 'progress');
  expect(progress.map((event) => event.id)).toEqual(progress.map((_, index) => String(index + 1)));
  expect(stream).toMatchObject({ afterEnd: 0, afterClose: 0 });
  expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
  expect(uncaught).toEqual([]);
});

it('writes nothing more to a follower that left mid-run, and the run goes on to its end', async () => {
  const streams = watchStreams({ hold: false });
  const runId = await startPublish();
  const client = await SseClient.connect(streamUrl(runId), { 'x-minutebook-user': SECRETARY });
  await client.waitFor(
    (sse) => sse.events.some((event) => event.event === 'progress'),
    'the first progress event',
    10_000,
  );
  client.close();
  await until(() => streams[0]?.closed === true, 'the server to see the stream close');

  await until(async () => (await runState(runId)).status !== 'running', 'the run to end');
  await sleep(HEARTBEAT_MS * 3);
  expect(streams[0]).toMatchObject({ afterClose: 0, afterEnd: 0 });
  expect((await runState(runId)).status).toBe('done');
  expect(uncaught).toEqual([]);
});

it('keeps the stream of a run another instance executes open until that run ends, then ends it with the run’s state', async () => {
  const meeting = await server.store.getMeeting('local', DEMO_MEETING_ID);
  const startedAt = new Date().toISOString();
  const run: PublishRunRecord = {
    runId: 'run-of-another-instance',
    tenantId: 'local',
    meetingId: DEMO_MEETING_ID,
    publishNo: 1,
    meetingSeq: meeting!.lastSeq,
    status: 'running',
    startedAt,
    updatedAt: startedAt,
    report: null,
    leaseHolder: 'another-instance',
    leaseUntil: new Date(Date.now() + 60_000).toISOString(),
  };
  await server.store.createPublishRun(run);

  const client = await SseClient.connect(streamUrl(run.runId), { 'x-minutebook-user': SECRETARY });
  expect(client.status).toBe(200);
  // Several looks at the store later, it still runs there: no end yet, the stream stays open.
  await client.waitFor((sse) => sse.comments.length >= 3, 'three heartbeats', 10_000);
  expect(client.events).toEqual([]);
  expect(client.isEnded).toBe(false);

  // The other instance finishes the run.
  const report = {
    status: 'done',
    runId: run.runId,
    publishNo: 1,
    completed: 3,
    total: 3,
    skipped: [],
    links: { documentUrl: null, chatMessageUrl: null, plannerTaskIds: [] },
  };
  await server.store.updatePublishRun('local', run.runId, {
    status: 'done',
    updatedAt: new Date().toISOString(),
    report,
  });
  await client.waitFor((sse) => sse.isEnded, 'the stream to end', 10_000);
  const end = client.events.find((event) => event.event === 'end');
  expect(JSON.parse(end?.data ?? '{}')).toMatchObject({
    runId: run.runId,
    status: 'done',
    completed: 3,
    total: 3,
  });
  expect(uncaught).toEqual([]);
});
