/**
 * When a stream ends, every one of its writers stops: the catch-up loop reads no further page,
 * the feed listener and the heartbeat write nothing, and nothing at all is written to the
 * response after it closed (the cause of ERR_STREAM_WRITE_AFTER_END, which ended the process).
 * Watched at the edge: the server-side response's own write and end, and the store's calls.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { MemoryStore, SlowStore } from '../../src/store';
import { closeAllStreams, SseClient } from './sse';
import { note, postOps } from './support';
import { ownCommitteeAndMeeting, startServerOn, type ServerOnStore } from './streamServer';

let slow: SlowStore;
let server: ServerOnStore;

beforeEach(async () => {
  slow = new SlowStore(new MemoryStore());
  server = await startServerOn(slow, { SSE_HEARTBEAT_MS: '100' });
});

afterEach(async () => {
  closeAllStreams();
  slow.release();
  await server.close();
});

/** Counts what is written to each stream response after its 'close'. */
function watchWritesAfterClose(): { afterClose: () => number; closed: () => number } {
  let afterClose = 0;
  let closed = 0;
  server.app.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (!request.url?.includes('/stream')) return;
    let isClosed = false;
    response.once('close', () => {
      isClosed = true;
      closed += 1;
    });
    const write = response.write.bind(response) as (...args: unknown[]) => boolean;
    const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
    response.write = ((...args: unknown[]) => {
      if (isClosed) afterClose += 1;
      return write(...args);
    }) as ServerResponse['write'];
    response.end = ((...args: unknown[]) => {
      if (isClosed) afterClose += 1;
      return end(...args);
    }) as ServerResponse['end'];
  });
  return { afterClose: () => afterClose, closed: () => closed };
}

it('reads no further page, writes nothing and stops its heartbeat once the client has left mid-catch-up', async () => {
  const { meetingId } = await ownCommitteeAndMeeting(server.baseUrl);
  for (let batch = 0; batch < 5; batch += 1) {
    const ops = Array.from({ length: 100 }, (_, index) =>
      note(meetingId, `Note ${batch}-${index}.`),
    );
    expect((await postOps(server.baseUrl, meetingId, ops)).status).toBe(200);
  }
  const watch = watchWritesAfterClose();
  // The stream's first page read is held; the client leaves while it is in flight.
  slow.hold('readOperations', 1);
  const client = await SseClient.connect(`${server.baseUrl}/api/meetings/${meetingId}/stream`);
  await slow.whenHeld('readOperations');
  const readsBefore = slow.callCount('readOperations');
  client.close();
  for (let tries = 0; tries < 200 && watch.closed() === 0; tries += 1) await sleep(10);
  expect(watch.closed()).toBe(1);
  expect(server.feed.subscriberCount('local', meetingId)).toBe(0);

  // The held page arrives after the end: the stream reads no next page (nothing else reads).
  slow.release('readOperations');
  await sleep(300);
  expect(slow.callCount('readOperations')).toBe(readsBefore);
  // Live ops keep coming and heartbeats would be due every 100 ms: nothing is written.
  expect(
    (await postOps(server.baseUrl, meetingId, [note(meetingId, 'After the end.')])).status,
  ).toBe(200);
  await sleep(300);
  expect(watch.afterClose()).toBe(0);
  expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
});
