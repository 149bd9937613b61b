/**
 * Catching up with the log by `GET /ops`: page by page to its end, checking first (for a log
 * opened from this browser's cache) that the op held at the last seq is the server's; if not,
 * what is held is dropped and the log read from the start. The HTTP edge (`get`) answers from
 * an array as the server's route does.
 */
import type { ZodType } from 'zod';
import { ConfirmedLog } from './confirmedLog';
import { catchUpLog } from './serverReads';

const MEETING = 'm-reads';

function op(seq: number, idPrefix = 'op') {
  return {
    id: `${idPrefix}-${seq}`,
    meetingId: MEETING,
    seq,
    actor: 'local:ines',
    clientTime: '2021-01-25T14:00:00Z',
    serverTime: '2021-01-25T14:00:01Z',
    type: 'note.add',
    payload: { id: `n-${idPrefix}-${seq}`, itemId: 'i-1', text: `Note ${seq}.` },
  };
}

/** `GET /api/meetings/:id/ops?after=&limit=` over `ops`, in pages of `pageSize`. */
function opsRoute(ops: unknown[], pageSize: number) {
  const asked: number[] = [];
  const get = async <T>(path: string, schema: ZodType<T>): Promise<T> => {
    const after = Number(/after=(\d+)/.exec(path)?.[1]);
    asked.push(after);
    const page = ops.slice(after, after + pageSize);
    const last = after + page.length;
    return schema.parse({
      ops: page,
      lastSeq: ops.length,
      nextAfter: last < ops.length ? last : null,
    });
  };
  return { api: { get }, asked };
}

function catchUp(
  log: ConfirmedLog,
  api: { get: ReturnType<typeof opsRoute>['api']['get'] },
  verify: boolean,
) {
  let otherLog = 0;
  const done = catchUpLog({
    api,
    meetingId: MEETING,
    log,
    signal: new AbortController().signal,
    verify,
    isClosed: () => false,
    apply: (entries) => log.append(entries),
    onOtherLog: () => {
      otherLog += 1;
      log.reset();
    },
  });
  return done.then(() => otherLog);
}

const serverLog = Array.from({ length: 25 }, (_, index) => op(index + 1));

describe('catching up with the log', () => {
  it('reads it page by page to the end', async () => {
    const { api, asked } = opsRoute(serverLog, 10);
    const log = new ConfirmedLog(MEETING);
    await catchUp(log, api, false);
    expect(log.seq).toBe(25);
    expect(asked).toEqual([0, 10, 20]);
  });

  it('checks a cached log’s last op and goes on after it when it is the server’s', async () => {
    const log = new ConfirmedLog(MEETING);
    await catchUp(log, opsRoute(serverLog.slice(0, 12), 100).api, false);
    const { api, asked } = opsRoute(serverLog, 10);
    expect(await catchUp(log, api, true)).toBe(0);
    expect(log.seq).toBe(25);
    expect(asked).toEqual([11, 21]);
  });

  it('drops a cached log that is not the server’s and reads the server’s from the start', async () => {
    const log = new ConfirmedLog(MEETING);
    await catchUp(
      log,
      opsRoute(
        serverLog.slice(0, 12).map((o) => op(o.seq, 'old')),
        100,
      ).api,
      false,
    );
    const { api, asked } = opsRoute(serverLog, 10);
    expect(await catchUp(log, api, true)).toBe(1);
    expect(log.seq).toBe(25);
    expect(log.has('old-3')).toBe(false);
    expect(log.has('op-3')).toBe(true);
    expect(asked).toEqual([11, 0, 10, 20]);
  });

  it('stops at an op it cannot read, keeping those before it, without reading again', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const broken = [
        ...serverLog.slice(0, 4),
        { ...op(5), payload: { text: 5 } },
        ...serverLog.slice(5),
      ];
      const log = new ConfirmedLog(MEETING);
      const { api, asked } = opsRoute(broken, 4);
      await catchUp(log, api, false);
      expect(log.seq).toBe(4);
      // The next page moves nothing on: the catch-up ends (the stream resumes) rather than loop.
      expect(asked).toEqual([0, 4]);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/could not be read/));
    } finally {
      warn.mockRestore();
    }
  });
});
