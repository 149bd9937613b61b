/**
 * The confirmed log folds ops in seq order with the domain's own fold, skips what it has, stops
 * at a gap, takes the seq of an op it cannot read, and folds to what the server's fold gives.
 */
import { foldOperations } from '../../domain/foldOperations';
import { meetingView } from '../../domain/meetingView';
import {
  MEETING_ID,
  opsg41Committee,
  opsg41Operations,
  sequence,
} from '../../../test/fixtures/opsg41';
import { ConfirmedLog, isWholeLog } from './confirmedLog';
import { parseLogEntry, type LogEntry } from './wire';

const log = sequence(opsg41Operations());
const entries: LogEntry[] = log.map((op) => {
  const parsed = parseLogEntry(JSON.parse(JSON.stringify(op)));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
});
const committee = opsg41Committee();

describe('ConfirmedLog', () => {
  it('folds a whole log to the state the server’s fold gives', () => {
    const confirmed = new ConfirmedLog(MEETING_ID);
    expect(confirmed.append(entries)).toEqual({ fresh: entries, gap: false });
    expect(confirmed.seq).toBe(log.length);
    expect(confirmed.lastOpId).toBe(log.at(-1)?.id);
    expect(meetingView(confirmed.state, committee)).toEqual(
      meetingView(foldOperations(MEETING_ID, log), committee),
    );
  });

  it('skips what it already has (a replayed stream), so nothing is applied twice', () => {
    const confirmed = new ConfirmedLog(MEETING_ID);
    confirmed.append(entries.slice(0, 30));
    const again = confirmed.append(entries.slice(0, 40));
    expect(again.fresh.map((entry) => entry.seq)).toEqual(entries.slice(30, 40).map((e) => e.seq));
    expect(again.gap).toBe(false);
    confirmed.append(entries);
    expect(meetingView(confirmed.state, committee)).toEqual(
      meetingView(foldOperations(MEETING_ID, log), committee),
    );
  });

  it('stops at a gap: the ops before it are applied, it and those after are not', () => {
    const confirmed = new ConfirmedLog(MEETING_ID);
    const result = confirmed.append([...entries.slice(0, 5), ...entries.slice(6, 10)]);
    expect(result.gap).toBe(true);
    expect(result.fresh).toHaveLength(5);
    expect(confirmed.seq).toBe(5);
    expect(confirmed.has(entries[5]!.id)).toBe(false);
    expect(confirmed.has(entries[6]!.id)).toBe(false);
    // The missing op mends it.
    expect(confirmed.append(entries.slice(5, 10)).gap).toBe(false);
    expect(confirmed.seq).toBe(10);
  });

  it('takes the seq of an op type it does not know, changing nothing else', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const confirmed = new ConfirmedLog(MEETING_ID);
      confirmed.append(entries.slice(0, 3));
      const before = meetingView(confirmed.state, committee);
      const future = parseLogEntry({ ...log[3], seq: 4, type: 'poll.start', payload: {} });
      expect(future).toMatchObject({ ok: true, value: { op: null } });
      if (!future.ok) return;
      expect(confirmed.append([future.value]).gap).toBe(false);
      expect(confirmed.seq).toBe(4);
      expect({ ...meetingView(confirmed.state, committee), seq: 3 }).toEqual(before);
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
    }
  });

  it('forgets everything on reset', () => {
    const confirmed = new ConfirmedLog(MEETING_ID);
    confirmed.append(entries.slice(0, 3));
    confirmed.reset();
    expect(confirmed.seq).toBe(0);
    expect(confirmed.lastOpId).toBeNull();
    expect(confirmed.has(entries[0]!.id)).toBe(false);
    expect(confirmed.append(entries.slice(0, 1)).fresh).toHaveLength(1);
  });

  it('tells a whole cached log from one with a hole', () => {
    expect(isWholeLog(entries)).toBe(true);
    expect(isWholeLog([])).toBe(false);
    expect(isWholeLog(entries.slice(1))).toBe(false);
    expect(isWholeLog([...entries.slice(0, 3), ...entries.slice(4)])).toBe(false);
  });
});

describe('parseLogEntry', () => {
  it('refuses an op whose payload its type does not allow, or with no seq', () => {
    expect(parseLogEntry({ ...log[0], payload: { nonsense: true } })).toMatchObject({ ok: false });
    const { seq: _seq, ...withoutSeq } = log[0]!;
    expect(parseLogEntry(withoutSeq)).toMatchObject({ ok: false, reason: /seq/ });
    expect(parseLogEntry('not an op')).toMatchObject({ ok: false });
  });
});
