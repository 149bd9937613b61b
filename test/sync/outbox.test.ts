/**
 * The outbox in IndexedDB (fake-indexeddb): ops stay in the order they were made, per meeting,
 * across a reload; refused ops are kept apart with their reason; the confirmed log is cached.
 */
import 'fake-indexeddb/auto';
import type { StoredOperation } from '../../src/domain/operation';
import type { OutgoingOperation } from '../../src/tab/sync/MeetingSession';
import { createOutbox, deleteOutboxDatabase, type Outbox } from '../../src/tab/sync/Outbox';

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
    const stored = (seq: number): StoredOperation => ({
      ...(note('m-1', `s${seq}`) as StoredOperation),
      actor: 'local:ines',
      seq,
      serverTime: '2021-01-25T13:20:01Z',
    });
    await outbox.appendLog('m-1', [stored(2), stored(1)]);
    await outbox.appendLog('m-1', [stored(3)]);
    await outbox.appendLog('m-2', [{ ...stored(1), meetingId: 'm-2' }]);
    expect((await outbox.readLog('m-1')).map((op) => op.seq)).toEqual([1, 2, 3]);
    await outbox.replaceLog('m-1', [stored(1)]);
    expect((await outbox.readLog('m-1')).map((op) => op.seq)).toEqual([1]);
    expect(await outbox.readLog('m-2')).toHaveLength(1);

    expect(await outbox.readMeeting('m-1')).toBeNull();
    const committee = { id: 'c-1', code: 'OPSG' } as never;
    await outbox.writeMeeting('m-1', { committee, actor: 'local:ines' });
    expect(await outbox.readMeeting('m-1')).toEqual({ committee, actor: 'local:ines' });
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
