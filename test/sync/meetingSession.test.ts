/**
 * The tab's meeting session against the real server: it loads and folds the log as the server
 * does, follows the stream, shows changes at once, keeps them in IndexedDB until the server has
 * them, sends each exactly once whatever the network does, and never drops refused text.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { DEMO_COMMITTEE_ID } from '../../src/demo/demoCommittee';
import { DEMO_MEETING_ID, DEMO_SECRETARY, seedDemoData } from '../../src/server/seedDemoData';
import { manualConnectivity } from '../../src/tab/sync/connectivity';
import type { MeetingSnapshot } from '../../src/tab/sync/MeetingSession';
import { AFTER_FINAL_MESSAGE } from '../../src/tab/sync/opSender';
import { createOutbox } from '../../src/tab/sync/Outbox';
import { openMeetingSession } from '../../src/tab/sync/openMeetingSession';
import { api, startTestServer, type TestServer } from '../helpers/testServer';
import { allOps, postOps } from '../server/support';
import { apiFor, controlledFetch, eventually, freshOutbox, Opened, SECRETARY } from './support';

let server: TestServer;
let baseUrl: string;
const opened = new Opened();
const ITEM = 'i-5';

beforeEach(async () => {
  server = await startTestServer({ DEMO_DATA: 'off' });
  baseUrl = server.baseUrl;
  expect(await seedDemoData(server.committees, server.meetings)).toBe(true);
  // "fiona" is a second person capturing: a note-taker of the demo committee.
  await server.committees.grants.change(DEMO_SECRETARY, DEMO_COMMITTEE_ID, {
    changes: [{ userId: 'local:fiona', displayName: 'Fiona', role: 'noteTaker' }],
  });
});

afterEach(async () => {
  opened.closeAll();
  // A session closed while its fetch was still connecting can leave the server a socket on
  // which no request will ever come, and http.Server.close() waits for such a socket until its
  // headers timeout: sweep every connection away while the server closes.
  const closing = server.close();
  const sweep = setInterval(() => server.app.server.closeAllConnections(), 20);
  try {
    await closing;
  } finally {
    clearInterval(sweep);
  }
});

async function serverView() {
  const answer = await api(baseUrl, 'GET', `/api/meetings/${DEMO_MEETING_ID}`, {
    headers: SECRETARY,
  });
  expect(answer.status).toBe(200);
  return answer.body;
}

async function serverLastSeq(): Promise<number> {
  return (await serverView()).seq as number;
}

function noteTexts(snapshot: MeetingSnapshot): string[] {
  return snapshot.view.notes.map((note) => note.text);
}

/** How many times each op id is in the server's log. */
async function storedCounts(ids: readonly string[]): Promise<number[]> {
  const ops = await allOps(baseUrl, DEMO_MEETING_ID, SECRETARY);
  return ids.map((id) => ops.filter((op) => op.id === id).length);
}

async function openDemo(fetchImpl: typeof fetch = fetch, extra = {}) {
  const { outbox, dbName } = freshOutbox();
  opened.outbox(outbox);
  const session = await opened.session({
    meetingId: DEMO_MEETING_ID,
    api: apiFor(baseUrl, fetchImpl),
    outbox,
    ...extra,
  });
  return { session, outbox, dbName };
}

describe('opening a meeting', () => {
  it('folds the whole log into the view the server gives for the meeting', async () => {
    const { session } = await openDemo();
    const snapshot = session.current();
    expect(snapshot.view).toEqual(await serverView());
    expect(snapshot.lastSeq).toBe(await serverLastSeq());
    expect(snapshot.committee.code).toBe('OPSG');
    expect(snapshot.status).toEqual({ state: 'saved' });
    expect(snapshot.pendingOpIds.size).toBe(0);
    expect(snapshot.refused).toEqual([]);
  });

  it('reads the log page by page and learns the user from /api/me', async () => {
    const fetcher = controlledFetch();
    const { session } = await openDemo(fetcher.fetch);
    const pages = fetcher.requests.filter((request) => request.url.includes('/ops?after='));
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages[0]?.url).toContain('after=0');
    expect(fetcher.requests.some((request) => request.url.endsWith('/api/me'))).toBe(true);
    // The user's note shows with the author the server will give it.
    await session.submit('note.add', { id: 'n-me', itemId: ITEM, text: 'Mine.' });
    const mine = session.current().view.notes.find((note) => note.id === 'n-me');
    expect(mine?.author).toBe('local:ines.carvalho');
  });

  it('refuses to open a meeting that does not exist', async () => {
    const { outbox } = freshOutbox();
    opened.outbox(outbox);
    await expect(
      openMeetingSession({ meetingId: 'no-such-meeting', api: apiFor(baseUrl), outbox }),
    ).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });
});

describe('two people in the same meeting', () => {
  it('each sees the other’s change', async () => {
    const { session: first } = await openDemo();
    const { session: second } = await openDemo();
    await first.submit('note.add', { id: 'n-live', itemId: ITEM, text: 'Seen by both.' });
    expect(noteTexts(first.current())).toContain('Seen by both.');
    await eventually(
      () => noteTexts(second.current()).includes('Seen by both.'),
      'the note in the second session',
    );
    await eventually(() => first.current().status.state === 'saved', 'the first to save');
    expect(first.current().view).toEqual(await serverView());
    expect(second.current().view).toEqual(await serverView());
  });

  it('notifies listeners once per batch, not once per op', async () => {
    const { session } = await openDemo();
    const snapshots: MeetingSnapshot[] = [];
    session.subscribe((snapshot) => snapshots.push(snapshot));
    const ops = Array.from({ length: 200 }, (_, index) => ({
      id: randomUUID(),
      meetingId: DEMO_MEETING_ID,
      clientTime: '2021-01-25T14:00:00Z',
      type: 'note.add',
      payload: { id: `n-bulk-${index}`, itemId: ITEM, text: `Bulk note ${index}.` },
    }));
    expect((await postOps(baseUrl, DEMO_MEETING_ID, ops, { user: 'fiona' })).status).toBe(200);
    const last = await serverLastSeq();
    await eventually(() => snapshots.at(-1)?.lastSeq === last, 'the last bulk op');
    expect(snapshots.length).toBeLessThan(ops.length);
    // The snapshot is stable between changes (useSyncExternalStore needs that).
    expect(session.current()).toBe(session.current());
    expect(session.current()).toBe(snapshots.at(-1));
  });
});

describe('raising an action', () => {
  it('is pending without a number until the server orders it, then is OPSG 41/07', async () => {
    const { session } = await openDemo();
    await session.submit('action.raise', {
      id: 'a-new',
      itemId: ITEM,
      text: 'The CDS to report back.',
      ownerIds: ['cds'],
    });
    const pending = session.current();
    expect(pending.pendingActionIds.has('a-new')).toBe(true);
    expect(pending.view.actions.find((action) => action.id === 'a-new')?.text).toBe(
      'The CDS to report back.',
    );
    expect(pending.status).toEqual({ state: 'saving', pending: 1 });

    await eventually(() => session.current().pendingActionIds.size === 0, 'the acknowledgement');
    const confirmed = session.current();
    expect(confirmed.view.actions.find((action) => action.id === 'a-new')?.actionId).toBe(
      'OPSG 41/07',
    );
    expect(confirmed.status).toEqual({ state: 'saved' });
    expect(confirmed.view).toEqual(await serverView());
  });

  it('says Saved only once the op is in the confirmed log, its number final', async () => {
    const fetcher = controlledFetch();
    // No stream, and no catch-up by GET /ops for the test's length: the POST's answer alone.
    const { session } = await openDemo(fetcher.fetch, { streamLagMs: 600_000 });
    fetcher.dropStreams(true);
    const seen: MeetingSnapshot[] = [];
    session.subscribe((snapshot) => seen.push(snapshot));
    const id = await session.submit('action.raise', {
      id: 'a-saved',
      itemId: ITEM,
      text: 'The CDS to confirm the window.',
      ownerIds: ['cds'],
    });
    await eventually(() => session.current().pendingOpIds.size === 0, 'the acknowledgement');
    expect(await storedCounts([id])).toEqual([1]);
    // The server has it, but the tab has not seen it in the log: not Saved, no number yet.
    const acknowledged = session.current();
    expect(acknowledged.status).toEqual({ state: 'saving', pending: 1 });
    expect(acknowledged.pendingActionIds.has('a-saved')).toBe(true);

    fetcher.unblockStreams();
    session.syncNow();
    await eventually(() => session.current().status.state === 'saved', 'saved');
    expect(session.current().view.actions.find((action) => action.id === 'a-saved')).toMatchObject({
      actionId: 'OPSG 41/07',
    });
    // Every snapshot that said Saved showed the final number.
    for (const snapshot of seen.filter((entry) => entry.status.state === 'saved')) {
      expect(snapshot.pendingActionIds.size).toBe(0);
      expect(snapshot.view.actions.find((action) => action.id === 'a-saved')?.actionId).toBe(
        'OPSG 41/07',
      );
    }
  });

  it('gets its number from GET /ops when the stream does not bring it', async () => {
    const fetcher = controlledFetch();
    fetcher.dropStreams(true);
    const { session } = await openDemo(fetcher.fetch, { streamLagMs: 30 });
    await session.submit('action.raise', {
      id: 'a-lag',
      itemId: ITEM,
      text: 'The DCC to confirm.',
      ownerIds: ['cds'],
    });
    await eventually(() => session.current().pendingActionIds.size === 0, 'the catch-up');
    expect(session.current().view.actions.at(-1)).toMatchObject({
      id: 'a-lag',
      actionId: 'OPSG 41/07',
    });
    expect(session.current().lastSeq).toBe(await serverLastSeq());
  });
});

describe('working offline', () => {
  it('keeps 20 ops while offline, shows them, and stores each exactly once when back', async () => {
    const fetcher = controlledFetch();
    const connectivity = manualConnectivity(true);
    const { session } = await openDemo(fetcher.fetch, { connectivity });
    fetcher.goOffline();
    connectivity.set(false);

    const ids: string[] = [];
    for (let index = 0; index < 20; index += 1) {
      ids.push(
        await session.submit('note.add', {
          id: `n-offline-${index}`,
          itemId: ITEM,
          text: `Offline note ${index}.`,
        }),
      );
    }
    await eventually(() => session.current().status.state === 'offline', 'the offline status');
    const offline = session.current();
    expect(offline.status).toEqual({ state: 'offline', pending: 20 });
    expect(offline.pendingOpIds).toEqual(new Set(ids));
    expect(noteTexts(offline)).toEqual(
      expect.arrayContaining(ids.map((_, index) => `Offline note ${index}.`)),
    );

    fetcher.goOnline();
    connectivity.set(true);
    await eventually(() => session.current().status.state === 'saved', 'everything saved');
    await eventually(
      () => session.current().lastSeq === offline.lastSeq + 20,
      'the ops in the confirmed log',
    );
    expect(await storedCounts(ids)).toEqual(ids.map(() => 1));
    expect(session.current().view).toEqual(await serverView());
    // The order they were typed in is the order they were stored in.
    const stored = (await allOps(baseUrl, DEMO_MEETING_ID, SECRETARY)).slice(-20);
    expect(stored.map((op) => op.id)).toEqual(ids);
  });

  it('retries on its own, with backoff, when the network comes back without an event', async () => {
    const fetcher = controlledFetch();
    const { session } = await openDemo(fetcher.fetch);
    fetcher.goOffline();
    const id = await session.submit('note.add', { id: 'n-quiet', itemId: ITEM, text: 'Quiet.' });
    await eventually(() => session.current().status.state === 'offline', 'offline');
    fetcher.goOnline();
    await eventually(() => session.current().status.state === 'saved', 'saved');
    expect(await storedCounts([id])).toEqual([1]);
    const posts = fetcher.requests.filter((request) => request.method === 'POST');
    expect(posts.length).toBeGreaterThanOrEqual(2);
  });

  it('resends after a reload, and stores each op once even when an answer was lost', async () => {
    const fetcher = controlledFetch();
    const { session, dbName } = await openDemo(fetcher.fetch);
    // The first batch reaches the server but its answer is lost; then the network goes.
    fetcher.loseAnswers(1);
    const first = await session.submit('note.add', { id: 'n-r1', itemId: ITEM, text: 'One.' });
    await eventually(
      () => fetcher.requests.some((request) => request.method === 'POST'),
      'the first POST',
    );
    fetcher.goOffline();
    const later: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      later.push(
        await session.submit('note.add', {
          id: `n-r-${index}`,
          itemId: ITEM,
          text: `Before the reload ${index}.`,
        }),
      );
    }
    await eventually(() => session.current().status.state === 'offline', 'offline');
    // The page is reloaded: the session and its database connection go, the data stays.
    session.close();
    const reloadedOutbox = opened.outbox(createOutbox({ dbName }));
    expect((await reloadedOutbox.pending(DEMO_MEETING_ID)).map((op) => op.id)).toEqual(
      expect.arrayContaining(later),
    );

    fetcher.goOnline();
    const reloaded = await opened.session({
      meetingId: DEMO_MEETING_ID,
      api: apiFor(baseUrl, fetcher.fetch),
      outbox: reloadedOutbox,
    });
    await eventually(() => reloaded.current().status.state === 'saved', 'saved after reload');
    expect(await storedCounts([first, ...later])).toEqual([1, 1, 1, 1, 1, 1]);
    expect(await reloadedOutbox.pending(DEMO_MEETING_ID)).toEqual([]);
    await eventually(
      () => noteTexts(reloaded.current()).includes('Before the reload 4.'),
      'the resent notes in the view',
    );
    await eventually(() => reloaded.current().pendingActionIds.size === 0, 'confirmed');
    const last = await serverLastSeq();
    await eventually(() => reloaded.current().lastSeq === last, 'the confirmed log');
    expect(reloaded.current().view).toEqual(await serverView());
  });

  it('opens from this browser’s cache when the server cannot be reached', async () => {
    const fetcher = controlledFetch();
    const { session, dbName } = await openDemo(fetcher.fetch);
    const view = session.current().view;
    const outbox = opened.outbox(createOutbox({ dbName }));
    await eventually(() => session.current().lastSeq > 0, 'loaded');
    // The cache is written shortly after the log arrives.
    for (let tries = 0; tries < 200; tries += 1) {
      if ((await outbox.readLog(DEMO_MEETING_ID)).length === view.seq) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    session.close();

    fetcher.goOffline();
    const connectivity = manualConnectivity(false);
    const offline = await opened.session({
      meetingId: DEMO_MEETING_ID,
      api: apiFor(baseUrl, fetcher.fetch),
      outbox,
      connectivity,
    });
    expect(offline.current().view).toEqual(view);
    await offline.submit('note.add', { id: 'n-cached', itemId: ITEM, text: 'From the train.' });
    expect(offline.current().status).toEqual({ state: 'offline', pending: 1 });

    fetcher.goOnline();
    connectivity.set(true);
    await eventually(
      () =>
        offline.current().status.state === 'saved' && offline.current().pendingActionIds.size === 0,
      'saved',
    );
    const last = await serverLastSeq();
    await eventually(() => offline.current().lastSeq === last, 'the log caught up');
    expect(noteTexts(offline.current())).toContain('From the train.');
    expect(offline.current().view).toEqual(await serverView());
  });

  it('sends a long queue in batches of at most 500', async () => {
    const fetcher = controlledFetch();
    const { session } = await openDemo(fetcher.fetch);
    fetcher.goOffline();
    const ids: string[] = [];
    for (let index = 0; index < 620; index += 1) {
      ids.push(
        await session.submit('note.add', {
          id: `n-many-${index}`,
          itemId: ITEM,
          text: `Queued ${index}.`,
        }),
      );
    }
    fetcher.goOnline();
    session.syncNow();
    await eventually(() => session.current().status.state === 'saved', 'saved', 15000);
    const sizes = fetcher.requests
      .filter((request) => request.method === 'POST' && request.body)
      .map((request) => (JSON.parse(request.body ?? '{}') as { ops: unknown[] }).ops.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(500);
    expect(await storedCounts(ids)).toEqual(ids.map(() => 1));
  });
});

describe('refusals', () => {
  it('keeps a change to a final meeting, with the server’s message, out of the queue', async () => {
    const { session, dbName } = await openDemo();
    const finalise = await postOps(
      baseUrl,
      DEMO_MEETING_ID,
      ['circulated', 'final'].map((status) => ({
        id: randomUUID(),
        meetingId: DEMO_MEETING_ID,
        clientTime: '2021-01-26T09:00:00Z',
        type: 'meeting.setStatus',
        payload: { status },
      })),
      { headers: SECRETARY },
    );
    expect(finalise.status).toBe(200);
    await eventually(() => session.current().view.meeting.status === 'final', 'the final status');

    const text = 'A late thought that must not be lost.';
    const id = await session.submit('note.add', { id: 'n-late', itemId: ITEM, text });
    await eventually(() => session.current().status.state === 'refused', 'the refusal');

    const direct = await postOps(baseUrl, DEMO_MEETING_ID, [
      {
        id: randomUUID(),
        meetingId: DEMO_MEETING_ID,
        clientTime: '2021-01-26T09:00:00Z',
        type: 'note.add',
        payload: { id: 'n-direct', itemId: ITEM, text: 'x' },
      },
    ]);
    const serverMessage = (direct.body as unknown as { message: string }).message;
    const snapshot = session.current();
    expect(snapshot.status).toEqual({
      state: 'refused',
      pending: 0,
      code: 'meeting_final',
      message: serverMessage,
    });
    expect(serverMessage).toMatch(/final and locked/);
    expect(snapshot.refused).toHaveLength(1);
    expect(snapshot.refused?.[0]).toMatchObject({
      code: 'meeting_final',
      op: { id, type: 'note.add', payload: { text } },
    });
    expect(noteTexts(snapshot)).not.toContain(text);
    expect(await storedCounts([id])).toEqual([0]);

    // Still there after a reload, until dismissed.
    session.close();
    const outbox = opened.outbox(createOutbox({ dbName }));
    const reloaded = await opened.session({
      meetingId: DEMO_MEETING_ID,
      api: apiFor(baseUrl),
      outbox,
    });
    expect(reloaded.current().refused.map((entry) => entry.op.payload)).toEqual([
      { id: 'n-late', itemId: ITEM, text },
    ]);
    expect(reloaded.current().status.state).toBe('refused');
    await reloaded.dismissRefused();
    expect(reloaded.current().status).toEqual({ state: 'saved' });
    expect(await outbox.refused(DEMO_MEETING_ID)).toEqual([]);
  });

  it('refuses only the invalid ops of a batch and sends the others', async () => {
    const fetcher = controlledFetch();
    const { session } = await openDemo(fetcher.fetch);
    fetcher.goOffline();
    const good1 = await session.submit('note.add', { id: 'n-ok-1', itemId: ITEM, text: 'Fine.' });
    const blank = await session.submit('note.add', { id: 'n-blank', itemId: ITEM, text: '   ' });
    const verb = await session.submit('decision.add', {
      id: 'd-bad',
      itemId: ITEM,
      verb: 'PONDERED',
      text: 'the matter.',
    });
    const good2 = await session.submit('note.add', { id: 'n-ok-2', itemId: ITEM, text: 'Also.' });
    fetcher.goOnline();
    session.syncNow();
    await eventually(
      () => session.current().status.state === 'refused' && session.current().refused.length === 2,
      'two refusals',
    );
    await eventually(() => session.current().pendingOpIds.size === 0, 'the rest sent');
    expect(await storedCounts([good1, blank, verb, good2])).toEqual([1, 0, 0, 1]);
    const refused = session.current().refused;
    expect(refused.map((entry) => [entry.op.id, entry.code])).toEqual([
      [blank, 'validation_failed'],
      [verb, 'validation_failed'],
    ]);
    expect(refused[0]?.message).toBe('text: must not be empty.');
    expect(refused[1]?.message).toMatch(/^verb: "PONDERED" is not one of the committee's/);
  });

  it('refuses only the op a status refusal names (details.opIndex) and sends the others', async () => {
    const fetcher = controlledFetch();
    const { session } = await openDemo(fetcher.fetch);
    fetcher.goOffline();
    const ids: string[] = [];
    for (let index = 0; index < 6; index += 1) {
      ids.push(
        await session.submit('note.add', { id: `n-h-${index}`, itemId: ITEM, text: `H ${index}.` }),
      );
    }
    // draft → final skips circulation: the server refuses it, naming it by details.opIndex.
    const bad = await session.submit('meeting.setStatus', { status: 'final' });
    ids.push(bad);
    for (let index = 6; index < 9; index += 1) {
      ids.push(
        await session.submit('note.add', { id: `n-h-${index}`, itemId: ITEM, text: `H ${index}.` }),
      );
    }
    fetcher.goOnline();
    session.syncNow();
    await eventually(() => session.current().pendingOpIds.size === 0, 'the queue drained');
    expect(session.current().refused.map((entry) => [entry.op.id, entry.code])).toEqual([
      [bad, 'invalid_status_transition'],
    ]);
    expect(await storedCounts(ids)).toEqual(ids.map((id) => (id === bad ? 0 : 1)));
  });

  it('keeps the changes made after the op that made the meeting final, in the same batch', async () => {
    const fetcher = controlledFetch();
    const { session } = await openDemo(fetcher.fetch);
    fetcher.goOffline();
    const before = await session.submit('note.add', { id: 'n-f-0', itemId: ITEM, text: 'In.' });
    await session.submit('meeting.setStatus', { status: 'circulated' });
    await session.submit('meeting.setStatus', { status: 'final' });
    const after = [
      await session.submit('note.add', { id: 'n-f-1', itemId: ITEM, text: 'Too late 1.' }),
      await session.submit('note.add', { id: 'n-f-2', itemId: ITEM, text: 'Too late 2.' }),
    ];
    fetcher.goOnline();
    session.syncNow();
    await eventually(() => session.current().pendingOpIds.size === 0, 'the queue drained');
    await eventually(() => session.current().view.meeting.status === 'final', 'final');
    expect(await storedCounts([before, ...after])).toEqual([1, 0, 0]);
    expect(
      session.current().refused.map((entry) => [entry.op.id, entry.code, entry.message]),
    ).toEqual(after.map((id) => [id, 'meeting_final', AFTER_FINAL_MESSAGE]));
  });
});

describe('following the stream', () => {
  it('resumes after a dropped stream from the last seq, missing nothing', async () => {
    const fetcher = controlledFetch();
    const { session } = await openDemo(fetcher.fetch);
    const before = session.current().lastSeq;
    fetcher.dropStreams(true);
    const ops = Array.from({ length: 30 }, (_, index) => ({
      id: randomUUID(),
      meetingId: DEMO_MEETING_ID,
      clientTime: '2021-01-25T14:00:00Z',
      type: 'note.add',
      payload: { id: `n-gap-${index}`, itemId: ITEM, text: `While away ${index}.` },
    }));
    for (const batch of [ops.slice(0, 10), ops.slice(10)]) {
      expect((await postOps(baseUrl, DEMO_MEETING_ID, batch, { user: 'fiona' })).status).toBe(200);
    }
    expect(session.current().lastSeq).toBe(before);
    fetcher.unblockStreams();
    const last = await serverLastSeq();
    await eventually(() => session.current().lastSeq === last, 'the missed ops');
    expect(session.current().view).toEqual(await serverView());
    const resumed = fetcher.requests.filter(
      (request) => request.headers.accept === 'text/event-stream',
    );
    expect(resumed.at(-1)?.headers['last-event-id']).toBe(String(before));
    expect(resumed.at(-1)?.url).toContain(`after=${before}`);
  });

  it('mends a lost event by resuming after the last op it has', async () => {
    const fetcher = controlledFetch();
    const { session } = await openDemo(fetcher.fetch);
    const before = session.current().lastSeq;
    fetcher.hideStreamEvent(before + 2);
    const ops = [0, 1, 2].map((index) => ({
      id: randomUUID(),
      meetingId: DEMO_MEETING_ID,
      clientTime: '2021-01-25T14:00:00Z',
      type: 'note.add',
      payload: { id: `n-lost-${index}`, itemId: ITEM, text: `Lost and found ${index}.` },
    }));
    for (const op of ops) {
      expect((await postOps(baseUrl, DEMO_MEETING_ID, [op], { user: 'fiona' })).status).toBe(200);
    }
    await eventually(() => session.current().lastSeq === before + 3, 'all three ops');
    expect(session.current().view).toEqual(await serverView());
    const streams = fetcher.requests.filter(
      (request) => request.headers.accept === 'text/event-stream',
    );
    expect(streams.at(-1)?.headers['last-event-id']).toBe(String(before + 1));
  });

  it('ignores ops it already has when a stream replays the log', async () => {
    const fetcher = controlledFetch();
    const { session } = await openDemo(fetcher.fetch);
    fetcher.replayStreams(true);
    fetcher.dropStreams();
    await eventually(
      () =>
        fetcher.requests.filter((request) => request.headers.accept === 'text/event-stream')
          .length >= 2,
      'a reconnect',
    );
    await session.submit('note.add', { id: 'n-replayed', itemId: ITEM, text: 'Only once.' });
    await eventually(() => session.current().status.state === 'saved', 'saved');
    const last = await serverLastSeq();
    await eventually(() => session.current().lastSeq === last, 'the new op');
    const view = session.current().view;
    expect(view).toEqual(await serverView());
    expect(view.notes.filter((note) => note.id === 'n-replayed')).toHaveLength(1);
  });

  it('stops its stream and timers on close', async () => {
    const { session } = await openDemo();
    session.close();
    await expect(
      session.submit('note.add', { id: 'n-closed', itemId: ITEM, text: 'Too late.' }),
    ).rejects.toThrow(/closed/);
    await eventually(
      () => server.feed.subscriberCount('local', DEMO_MEETING_ID) === 0,
      'the server to see the stream end',
    );
  });
});
