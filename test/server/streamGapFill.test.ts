/**
 * The stream's gap fill, which the SQLite store never exercises (it answers at once): built on
 * the slow store, whose answers the test holds, the server gets feed messages while its
 * catch-up read is in flight and feed messages out of seq order. The stream must read what it
 * cannot be sure of from the store: every op arrives once, in order, with nothing lost.
 */
import { MemoryStore, SlowStore } from '../../src/store';
import { closeAllStreams, SseClient } from './sse';
import { note, postOps } from './support';
import { ownCommitteeAndMeeting, startServerOn, type ServerOnStore } from './streamServer';

let slow: SlowStore;
let server: ServerOnStore;

beforeEach(async () => {
  slow = new SlowStore(new MemoryStore());
  server = await startServerOn(slow);
});

afterEach(async () => {
  closeAllStreams();
  slow.release();
  await server.close();
});

const lastSeq = (client: SseClient) => client.seqs().at(-1) ?? 0;

describe('when ops are committed while the stream’s catch-up read is in flight', () => {
  it('reads them from the store after that read: all arrive once, in order', async () => {
    const { meetingId } = await ownCommitteeAndMeeting(server.baseUrl);
    // The stream's first read answers only when released, with what the store held when asked.
    slow.hold('readOperations', 1);
    const client = await SseClient.connect(`${server.baseUrl}/api/meetings/${meetingId}/stream`);
    expect(client.status).toBe(200);
    await slow.whenHeld('readOperations');

    const posted: string[] = [];
    for (let batch = 0; batch < 3; batch += 1) {
      const ops = [
        note(meetingId, `Batch ${batch}, one.`),
        note(meetingId, `Batch ${batch}, two.`),
      ];
      const answer = await postOps(server.baseUrl, meetingId, ops);
      expect(answer.status).toBe(200);
      posted.push(...ops.map((op) => op.id));
    }
    // The feed told the stream of all six while its read was held.
    expect(client.events).toEqual([]);
    slow.release('readOperations');

    await client.waitFor((c) => lastSeq(c) === 7, 'seq 7');
    expect(client.seqs()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(client.events.slice(1).map((event) => JSON.parse(event.data).id)).toEqual(posted);
  });
});

describe('when feed messages arrive out of seq order', () => {
  it('fills the gap from the store at once, and ignores the late message', async () => {
    const { meetingId } = await ownCommitteeAndMeeting(server.baseUrl);
    const client = await SseClient.connect(`${server.baseUrl}/api/meetings/${meetingId}/stream`);
    await client.waitFor((c) => lastSeq(c) === 1, 'the creation op');

    // A is committed (seq 2-3) but its answer, and so its feed message, is held back...
    slow.hold('appendOperations', 1);
    const first = postOps(server.baseUrl, meetingId, [
      note(meetingId, 'A1.'),
      note(meetingId, 'A2.'),
    ]);
    await slow.whenHeld('appendOperations');
    // ...so B's message (seq 4-5) comes first, with 2-3 missing.
    const second = await postOps(server.baseUrl, meetingId, [
      note(meetingId, 'B1.'),
      note(meetingId, 'B2.'),
    ]);
    expect(second.body.results.map((result) => result.seq)).toEqual([4, 5]);

    await client.waitFor((c) => lastSeq(c) === 5, 'seq 5 while A’s message is still held');
    expect(client.seqs()).toEqual([1, 2, 3, 4, 5]);

    slow.release('appendOperations');
    expect((await first).body.results.map((result) => result.seq)).toEqual([2, 3]);
    await postOps(server.baseUrl, meetingId, [note(meetingId, 'C.')]);
    await client.waitFor((c) => lastSeq(c) === 6, 'seq 6');
    expect(client.seqs()).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
