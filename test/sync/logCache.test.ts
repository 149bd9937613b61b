/**
 * The log cache over the real outbox database (fake-indexeddb): confirmed ops gathered into one
 * write, read back only as a whole log with its meeting, replaced when the server's log is
 * another one, and a failed write costing only the offline copy, never the session.
 */
import 'fake-indexeddb/auto';
import type { Committee } from '../../src/domain/committee';
import { LogCache } from '../../src/tab/sync/logCache';
import type { Outbox } from '../../src/tab/sync/Outbox';
import { parseLogEntry, type LogEntry } from '../../src/tab/sync/wire';
import { opsg41Committee } from '../fixtures/opsg41';
import { freshOutbox } from './support';

const MEETING = 'm-cache';
const COMMITTEE: Committee = {
  ...opsg41Committee(),
  id: 'c-1',
  tenantId: 'local',
  version: 1,
  createdAt: '2021-01-01T00:00:00Z',
  updatedAt: '2021-01-01T00:00:00Z',
};

function entry(seq: number, text = `Note ${seq}.`): LogEntry {
  const parsed = parseLogEntry({
    id: `op-${seq}`,
    meetingId: MEETING,
    seq,
    actor: 'local:ines',
    clientTime: '2021-01-25T14:00:00Z',
    serverTime: '2021-01-25T14:00:01Z',
    type: 'note.add',
    payload: { id: `n-${seq}`, itemId: 'i-1', text },
  });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

/** The outbox, counting the log writes that reach it. */
function counted(outbox: Outbox) {
  const writes: string[] = [];
  const port = {
    readLog: outbox.readLog,
    readMeeting: outbox.readMeeting,
    writeMeeting: outbox.writeMeeting,
    appendLog: (meetingId: string, entries: Parameters<Outbox['appendLog']>[1]) => {
      writes.push(`append ${entries.map((e) => e.seq).join(',')}`);
      return outbox.appendLog(meetingId, entries);
    },
    replaceLog: (meetingId: string, entries: Parameters<Outbox['replaceLog']>[1]) => {
      writes.push(`replace ${entries.map((e) => e.seq).join(',')}`);
      return outbox.replaceLog(meetingId, entries);
    },
  };
  return { port, writes };
}

const outboxes: Outbox[] = [];
afterEach(() => {
  for (const outbox of outboxes.splice(0)) outbox.close();
});

function opened() {
  const { outbox } = freshOutbox();
  outboxes.push(outbox);
  return outbox;
}

describe('the log cache', () => {
  it('gathers confirmed ops into one write and reads them back with the meeting', async () => {
    const outbox = opened();
    const { port, writes } = counted(outbox);
    const cache = new LogCache(port, MEETING);
    expect(await cache.read()).toBeNull();
    cache.saveMeeting(COMMITTEE, 'local:ines');
    cache.append([entry(1), entry(2)]);
    cache.append([entry(3)]);
    await cache.flush();
    expect(writes).toEqual(['append 1,2,3']);

    const again = new LogCache(outbox, MEETING);
    const copy = await again.read();
    expect(copy?.meeting).toEqual({ committee: COMMITTEE, actor: 'local:ines' });
    expect(copy?.entries.map((e) => [e.seq, e.op?.type])).toEqual([
      [1, 'note.add'],
      [2, 'note.add'],
      [3, 'note.add'],
    ]);
  });

  it('does not offer a log with a hole in it, nor one without its meeting', async () => {
    const outbox = opened();
    const cache = new LogCache(outbox, MEETING);
    cache.append([entry(1), entry(3)]);
    cache.saveMeeting(COMMITTEE, null);
    await cache.flush();
    expect(await cache.read()).toBeNull();

    const other = opened();
    const noMeeting = new LogCache(other, MEETING);
    noMeeting.append([entry(1)]);
    await noMeeting.flush();
    expect(await noMeeting.read()).toBeNull();
  });

  it('drops a damaged cached op with a warning, so the log is not used', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const outbox = opened();
      const cache = new LogCache(outbox, MEETING);
      cache.saveMeeting(COMMITTEE, null);
      const damaged = { ...entry(2), raw: { ...(entry(2).raw as object), payload: { text: 7 } } };
      cache.append([entry(1), damaged, entry(3)]);
      await cache.flush();
      expect(await cache.read()).toBeNull();
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/cached op is damaged/));
    } finally {
      warn.mockRestore();
    }
  });

  it('replaces the cached log when the server’s log turned out to be another one', async () => {
    const outbox = opened();
    const { port, writes } = counted(outbox);
    const cache = new LogCache(port, MEETING);
    cache.saveMeeting(COMMITTEE, null);
    cache.append([entry(1, 'Old.'), entry(2, 'Old.')]);
    await cache.flush();
    cache.append([entry(3, 'Dropped: from the old log.')]);
    cache.replace();
    cache.append([entry(1, 'New.')]);
    await cache.flush();
    expect(writes).toEqual(['append 1,2', 'replace 1']);
    const copy = await cache.read();
    expect(copy?.entries.map((e) => (e.op?.payload as { text: string }).text)).toEqual(['New.']);
  });

  it('costs only the offline copy when a write fails, and writes what waits on close', async () => {
    const outbox = opened();
    const cache = new LogCache(outbox, MEETING);
    cache.saveMeeting(COMMITTEE, null);
    cache.append([entry(1)]);
    await cache.close();
    cache.append([entry(2)]);
    await cache.flush();
    expect((await outbox.readLog(MEETING)).map((e) => e.seq)).toEqual([1]);

    outbox.close();
    const broken = new LogCache(outbox, MEETING);
    broken.append([entry(2)]);
    broken.saveMeeting(COMMITTEE, null);
    await expect(broken.flush()).resolves.toBeUndefined();
    await expect(broken.read()).resolves.toBeNull();
  });
});
