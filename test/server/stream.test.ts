/**
 * GET /api/meetings/:id/stream: the tabs of everyone in the meeting follow the log live, and a
 * tab that loses its connection resumes with Last-Event-ID and misses nothing.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { closeAllStreams, SseClient } from './sse';
import { committeeAndMeeting, expectError, grantRoles, note, postOps, UUID } from './support';

let server: TestServer;
let baseUrl: string;

beforeAll(async () => {
  server = await startTestServer({ DEMO_DATA: 'off' });
  baseUrl = server.baseUrl;
});

afterEach(() => {
  closeAllStreams();
});

afterAll(async () => {
  closeAllStreams();
  await server.close();
});

const streamUrl = (meetingId: string, query = '') =>
  `${baseUrl}/api/meetings/${meetingId}/stream${query}`;

const lastSeq = (client: SseClient) => client.seqs().at(-1) ?? 0;

/** Resolves once the server has dropped every subscription to the meeting. */
async function noSubscribersLeft(meetingId: string): Promise<void> {
  for (
    let tries = 0;
    tries < 100 && server.feed.subscriberCount('local', meetingId) > 0;
    tries += 1
  ) {
    await sleep(10);
  }
  expect(server.feed.subscriberCount('local', meetingId)).toBe(0);
}

describe('when a tab follows a meeting', () => {
  it('receives the ops posted after it connected, in seq order, as `op` events with id = seq', async () => {
    const { meetingId } = await committeeAndMeeting(baseUrl);
    const client = await SseClient.connect(streamUrl(meetingId));
    expect(client.status).toBe(200);
    expect(client.response.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(client.response.headers['cache-control']).toContain('no-cache');
    await client.waitFor((c) => lastSeq(c) === 1, 'the creation op');
    expect(client.retry).toBe(2000);

    const sent = [];
    for (let batch = 0; batch < 3; batch += 1) {
      const ops = [note(meetingId, `Batch ${batch}, first.`), note(meetingId, `Batch ${batch}.`)];
      expect((await postOps(baseUrl, meetingId, ops)).status).toBe(200);
      sent.push(...ops);
    }
    await client.waitFor((c) => lastSeq(c) === 7, 'seq 7');
    expect(client.seqs()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(client.events.every((event) => event.event === 'op')).toBe(true);
    expect(client.events.map((event) => event.id)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    const received = client.events.slice(1).map((event) => JSON.parse(event.data));
    expect(received.map((o: { id: string }) => o.id)).toEqual(sent.map((o) => o.id));
    expect(received[0]).toMatchObject({ meetingId, type: 'note.add', actor: 'local:secretary' });
  });

  it('sends every op to every tab following the meeting', async () => {
    const { meetingId } = await committeeAndMeeting(baseUrl);
    const tabs = await Promise.all([1, 2, 3].map(() => SseClient.connect(streamUrl(meetingId))));
    await postOps(baseUrl, meetingId, [note(meetingId, 'For everyone.')]);
    for (const tab of tabs) await tab.waitFor((c) => lastSeq(c) === 2, 'seq 2');
    expect(tabs.map((tab) => tab.seqs())).toEqual([
      [1, 2],
      [1, 2],
      [1, 2],
    ]);
  });
});

describe('when a tab loses its connection while the meeting goes on', () => {
  it('resumes with Last-Event-ID and gets exactly the ops it missed, across many drops and two posters', async () => {
    const { committeeId, meetingId } = await committeeAndMeeting(baseUrl);
    await grantRoles(baseUrl, committeeId, {
      'ines.carvalho': 'noteTaker',
      'jonah.marsh': 'noteTaker',
    });
    const POSTERS = 2;
    const PER_POSTER = 100;
    const BATCH = 4;
    const finalSeq = 1 + POSTERS * PER_POSTER;
    const acked = new Map<string, number>();
    let highestAcked = 1;
    let posting = true;

    const poster = async (name: string) => {
      for (let sent = 0; sent < PER_POSTER; sent += BATCH) {
        const ops = Array.from({ length: BATCH }, (_, i) =>
          note(meetingId, `${name}: note ${sent + i}.`),
        );
        const response = await postOps(baseUrl, meetingId, ops, { user: name });
        expect(response.status).toBe(200);
        for (const result of response.body.results as { id: string; seq: number }[]) {
          acked.set(result.id, result.seq);
          highestAcked = Math.max(highestAcked, result.seq);
        }
        await sleep(8);
      }
    };

    // One tab never drops, to compare with.
    const steady = await SseClient.connect(streamUrl(meetingId));
    const posters = Promise.all([poster('ines.carvalho'), poster('jonah.marsh')]).finally(() => {
      posting = false;
    });

    const received: { id: string | undefined; seq: number; opId: string }[] = [];
    let drops = 0;
    let resumedWithGap = 0;
    let resumedWhilePosting = 0;
    let last = 0;
    while (last < finalSeq) {
      const headers: Record<string, string> = {};
      if (last > 0) {
        headers['last-event-id'] = String(last);
        if (highestAcked > last) resumedWithGap += 1;
        if (posting) resumedWhilePosting += 1;
      }
      const client = await SseClient.connect(streamUrl(meetingId), headers);
      expect(client.status).toBe(200);
      const quota = 15 + ((drops * 7) % 20);
      await client.waitFor(
        (c) => c.events.length >= quota || lastSeq(c) === finalSeq,
        `${quota} events after seq ${last}`,
        10_000,
      );
      client.close();
      for (const event of client.events) {
        const data = JSON.parse(event.data) as { seq: number; id: string };
        received.push({ id: event.id, seq: data.seq, opId: data.id });
      }
      last = received.at(-1)?.seq ?? last;
      if (last < finalSeq) {
        drops += 1;
        await sleep(20);
      }
    }
    await posters;

    const everySeq = Array.from({ length: finalSeq }, (_, index) => index + 1);
    expect(received.map((event) => event.seq)).toEqual(everySeq);
    expect(received.every((event) => event.id === String(event.seq))).toBe(true);
    expect(drops).toBeGreaterThanOrEqual(3);
    expect(resumedWithGap).toBeGreaterThanOrEqual(2);
    expect(resumedWhilePosting).toBeGreaterThanOrEqual(2);
    // Each acknowledged op arrived at the seq its poster was told.
    const streamed = new Map(received.map((event) => [event.opId, event.seq]));
    for (const [opId, seq] of acked) expect(streamed.get(opId)).toBe(seq);

    await steady.waitFor((c) => lastSeq(c) === finalSeq, `seq ${finalSeq} on the steady tab`);
    expect(steady.seqs()).toEqual(everySeq);
    steady.close();
    await noSubscribersLeft(meetingId);
  });
});

describe('when a tab asks to start after a given seq', () => {
  let meetingId: string;

  beforeAll(async () => {
    ({ meetingId } = await committeeAndMeeting(baseUrl));
    const ops = Array.from({ length: 6 }, (_, i) => note(meetingId, `Note ${i}.`));
    await postOps(baseUrl, meetingId, ops);
  });

  it('starts after ?after=N', async () => {
    const client = await SseClient.connect(streamUrl(meetingId, '?after=3'));
    await client.waitFor((c) => lastSeq(c) === 7, 'seq 7');
    expect(client.seqs()).toEqual([4, 5, 6, 7]);
  });

  it('prefers Last-Event-ID to ?after=, as a reconnecting EventSource sends both', async () => {
    const client = await SseClient.connect(streamUrl(meetingId, '?after=1'), {
      'last-event-id': '5',
    });
    await client.waitFor((c) => lastSeq(c) === 7, 'seq 7');
    expect(client.seqs()).toEqual([6, 7]);
  });

  it('sends nothing it already has when resuming at the last seq, then the next op live', async () => {
    const client = await SseClient.connect(streamUrl(meetingId), { 'last-event-id': '7' });
    await sleep(100);
    expect(client.events).toEqual([]);
    await postOps(baseUrl, meetingId, [note(meetingId, 'Live.')]);
    await client.waitFor((c) => lastSeq(c) === 8, 'seq 8');
    expect(client.seqs()).toEqual([8]);
  });

  it('refuses a Last-Event-ID that is not a seq with 400 JSON', async () => {
    const client = await SseClient.connect(streamUrl(meetingId), { 'last-event-id': 'abc' });
    await client.waitFor((c) => c.isEnded, 'the end of the answer');
    expect(client.status).toBe(400);
    expect(JSON.parse(client.errorBody)).toMatchObject({ code: 'invalid_request' });
  });
});

describe('when the stream is idle', () => {
  let quick: TestServer;

  beforeAll(async () => {
    quick = await startTestServer({ DEMO_DATA: 'off', SSE_HEARTBEAT_MS: '200' });
  });

  afterAll(async () => {
    closeAllStreams();
    await quick.close();
  });

  it('sends comment heartbeats every SSE_HEARTBEAT_MS, and no events', async () => {
    const { meetingId } = await committeeAndMeeting(quick.baseUrl);
    const client = await SseClient.connect(`${quick.baseUrl}/api/meetings/${meetingId}/stream`);
    await client.waitFor((c) => lastSeq(c) === 1, 'the creation op');
    const started = Date.now();
    await client.waitFor((c) => c.comments.length >= 3, 'three heartbeats', 3000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(client.comments.slice(0, 3)).toEqual(['heartbeat', 'heartbeat', 'heartbeat']);
    expect(client.seqs()).toEqual([1]);
  });
});

describe('when a tab asks to follow a meeting that does not exist', () => {
  it('answers 404 not_found as JSON, not an event stream', async () => {
    const client = await SseClient.connect(streamUrl('no-such-meeting'));
    await client.waitFor((c) => c.isEnded, 'the end of the answer');
    expect(client.status).toBe(404);
    expect(client.response.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(client.errorBody);
    expect(body).toMatchObject({ code: 'not_found' });
    expect(body.requestId).toMatch(UUID);
    expect(server.feed.subscriberCount('local', 'no-such-meeting')).toBe(0);
  });

  it('is the same answer as for any other request about it', async () => {
    const response = await fetch(streamUrl('no-such-meeting'));
    const body = await response.json();
    expectError({ status: response.status, headers: response.headers, body }, 404, 'not_found');
  });
});
