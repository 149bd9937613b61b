/**
 * The outbox in IndexedDB (fake-indexeddb): ops stay in the order they were made, per meeting,
 * across a reload; refused ops are kept apart with their reason; the confirmed log is cached.
 */
import 'fake-indexeddb/auto';
import type { Committee } from '../../src/domain/committee';
import { opsg41Committee } from '../fixtures/opsg41';
import type { OutgoingOperation } from '../../src/tab/sync/MeetingSession';
import { createOutbox, deleteOutboxDatabase, type Outbox } from '../../src/tab/sync/Outbox';

/** A committee as the server answers it: the settings with its id and version. */
const COMMITTEE: Committee = {
  ...opsg41Committee(),
  id: 'c-1',
  tenantId: 'local',
  version: 1,
  createdAt: '2021-01-01T00:00:00Z',
  updatedAt: '2021-01-01T00:00:00Z',
};

let dbName: string;
let outbox: Outbox;
let counter = 0;

beforeEach(() => {
  counter += 1;
  dbName = `outbox-test-${counter}`;
  outbox = createOutbox({ dbName });
});

afterEach(async () => {
  outbox.close();
  await deleteOutboxDatabase(dbName);
});

function note(meetingId: string, id: string, text = `Note ${id}.`): OutgoingOperation {
  return {
    id,
    meetingId,
    clientTime: '2021-01-25T13:20:00Z',
    type: 'note.add',
    payload: { id: `n-${id}`, itemId: 'i-1', text },
  };
}

describe('the outbox', () => {
  it('gives each meeting’s pending ops in the order they were added, across a reload', async () => {
    // Ids chosen so that key order and insertion order differ.
    for (const id of ['z1', 'a2', 'm3']) await outbox.add(note('m-1', id));
    await outbox.add(note('m-2', 'b1'));
    await outbox.add(note('m-1', 'c4'));
    expect((await outbox.pending('m-1')).map((op) => op.id)).toEqual(['z1', 'a2', 'm3', 'c4']);
    expect((await outbox.pending('m-2')).map((op) => op.id)).toEqual(['b1']);

    outbox.close();
    outbox = createOutbox({ dbName });
    await outbox.add(note('m-1', 'b5'));
    expect((await outbox.pending('m-1')).map((op) => op.id)).toEqual([
      'z1',
      'a2',
      'm3',
      'c4',
      'b5',
    ]);
    expect(await outbox.pending('m-1')).toContainEqual(note('m-1', 'a2'));
  });

  it('has the op durably stored when add resolves', async () => {
    await outbox.add(note('m-1', 'x1'));
    // Another connection (another tab, or the page after a crash) sees it.
    const other = createOutbox({ dbName });
    expect((await other.pending('m-1')).map((op) => op.id)).toEqual(['x1']);
    other.close();
  });

  it('removes acknowledged ops', async () => {
    for (const id of ['a', 'b', 'c']) await outbox.add(note('m-1', id));
    await outbox.remove(['a', 'c', 'not-there']);
    expect((await outbox.pending('m-1')).map((op) => op.id)).toEqual(['b']);
    await outbox.remove([]);
  });

  it('keeps refused ops apart, with the reason, until removed', async () => {
    for (const id of ['a', 'b', 'c']) await outbox.add(note('m-1', id));
    await outbox.refuse(['b'], { code: 'meeting_final', message: 'The meeting is final.' });
    expect((await outbox.pending('m-1')).map((op) => op.id)).toEqual(['a', 'c']);
    const refused = await outbox.refused('m-1');
    expect(refused).toEqual([
      {
        op: note('m-1', 'b'),
        code: 'meeting_final',
        message: 'The meeting is final.',
        refusedAt: expect.any(String),
      },
    ]);
    await outbox.remove(['b']);
    expect(await outbox.refused('m-1')).toEqual([]);
  });

  it('caches the confirmed log and the meeting per meeting', async () => {
    const stored = (seq: number, meetingId = 'm-1') => ({
      seq,
      raw: {
        ...note(meetingId, `s${seq}`),
        actor: 'local:ines',
        seq,
        serverTime: '2021-01-25T13:20:01Z',
      },
    });
    await outbox.appendLog('m-1', [stored(2), stored(1)]);
    await outbox.appendLog('m-1', [stored(3)]);
    await outbox.appendLog('m-2', [stored(1, 'm-2')]);
    const log = await outbox.readLog('m-1');
    expect(log.map((entry) => entry.seq)).toEqual([1, 2, 3]);
    // Read back as the server sent it, and parsed: the fold gets a typed op.
    expect(log[0]).toEqual({ id: 's1', seq: 1, op: stored(1).raw, raw: stored(1).raw });
    await outbox.replaceLog('m-1', [stored(1)]);
    expect((await outbox.readLog('m-1')).map((entry) => entry.seq)).toEqual([1]);
    expect(await outbox.readLog('m-2')).toHaveLength(1);

    expect(await outbox.readMeeting('m-1')).toBeNull();
    await outbox.writeMeeting('m-1', { committee: COMMITTEE, actor: 'local:ines' });
    expect(await outbox.readMeeting('m-1')).toEqual({ committee: COMMITTEE, actor: 'local:ines' });
  });

  it('leaves out a damaged cached op, meeting or unsent change with a warning, never throwing', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const good = {
        seq: 1,
        raw: {
          ...note('m-1', 'g1'),
          actor: 'local:ines',
          seq: 1,
          serverTime: '2021-01-25T13:20:01Z',
        },
      };
      const badPayload = {
        seq: 2,
        raw: { ...good.raw, id: 'g2', seq: 2, payload: { id: 'n-x', itemId: 'i-1', text: 42 } },
      };
      const noSeq = { seq: 3, raw: { id: 'g3', type: 'note.add' } };
      await outbox.appendLog('m-1', [good, badPayload, noSeq]);
      expect((await outbox.readLog('m-1')).map((entry) => entry.id)).toEqual(['g1']);

      await outbox.writeMeeting('m-1', {
        committee: { ...COMMITTEE, categories: 'none' } as never,
        actor: 'local:ines',
      });
      expect(await outbox.readMeeting('m-1')).toBeNull();

      await outbox.add(note('m-1', 'ok'));
      await outbox.add({ ...note('m-1', 'broken'), payload: { id: 'n-b', text: '' } } as never);
      expect((await outbox.pending('m-1')).map((op) => op.id)).toEqual(['ok']);
      expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([
        expect.stringMatching(/cached op is damaged.*g2/),
        expect.stringMatching(/cached op is damaged/),
        expect.stringMatching(/cached meeting is damaged.*categories/),
        expect.stringMatching(/unsent change broken cannot be sent/),
      ]);
    } finally {
      warn.mockRestore();
    }
  });

  it('fails clearly once closed, and where there is no IndexedDB', async () => {
    outbox.close();
    await expect(outbox.pending('m-1')).rejects.toThrow(/closed/);

    const scope = globalThis as { indexedDB?: unknown };
    const saved = Object.getOwnPropertyDescriptor(scope, 'indexedDB');
    Object.defineProperty(scope, 'indexedDB', { value: undefined, configurable: true });
    try {
      const none = createOutbox({ dbName: 'no-idb' });
      await expect(none.add(note('m-1', 'a'))).rejects.toThrow(/IndexedDB is not available/);
    } finally {
      if (saved) Object.defineProperty(scope, 'indexedDB', saved);
    }
  });
});
