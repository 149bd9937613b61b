/**
 * Ops the server acknowledged wait here until the confirmed log has them: that is what stands
 * between "the server has it" and "Saved". When the stream does not bring them within the lag,
 * the log is read (`catchUp`), and again while some are still missing. The clock is faked.
 */
import { AwaitingConfirmation, type ConfirmedLogView } from './awaitingConfirmation';
import type { OutgoingOperation } from './MeetingSession';

const LAG_MS = 1000;

function note(id: string): OutgoingOperation {
  return {
    id,
    meetingId: 'm-1',
    clientTime: '2021-01-25T14:00:00Z',
    type: 'note.add',
    payload: { id: `n-${id}`, itemId: 'i-1', text: 'Noted.' },
  };
}

/** A confirmed log reduced to what the waiting list reads: its seq and which ops it has. */
class Log implements ConfirmedLogView {
  seq = 0;
  private readonly ids = new Set<string>();

  has(opId: string): boolean {
    return this.ids.has(opId);
  }

  confirm(...opIds: string[]): void {
    for (const id of opIds) {
      this.ids.add(id);
      this.seq += 1;
    }
  }
}

const answer = (entries: [string, number][]) => ({
  results: entries.map(([id, seq]) => ({ id, seq, duplicate: false })),
  lastSeq: Math.max(...entries.map(([, seq]) => seq)),
});

let log: Log;
let catchUps: number;
let awaiting: AwaitingConfirmation;

beforeEach(() => {
  jest.useFakeTimers();
  log = new Log();
  catchUps = 0;
  awaiting = new AwaitingConfirmation(
    log,
    async () => {
      catchUps += 1;
    },
    LAG_MS,
  );
});

afterEach(() => {
  awaiting.close();
  jest.useRealTimers();
});

describe('ops awaiting confirmation', () => {
  it('wait with the seqs the server gave them until the log has them', () => {
    awaiting.acknowledged(
      [note('a'), note('b')],
      answer([
        ['a', 1],
        ['b', 2],
      ]),
    );
    expect(awaiting.ops().map((entry) => [entry.op.id, entry.seq])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    log.confirm('a');
    awaiting.settle();
    expect(awaiting.ops().map((entry) => entry.op.id)).toEqual(['b']);
    log.confirm('b');
    awaiting.settle();
    expect(awaiting.size).toBe(0);
  });

  it('do not wait when the log brought them before the answer came', () => {
    log.confirm('a');
    awaiting.acknowledged([note('a')], answer([['a', 1]]));
    expect(awaiting.size).toBe(0);
    jest.advanceTimersByTime(LAG_MS);
    expect(catchUps).toBe(0);
  });

  it('have the log read when the stream does not bring them within the lag, again while missing', async () => {
    awaiting.acknowledged([note('a')], answer([['a', 1]]));
    await jest.advanceTimersByTimeAsync(LAG_MS - 1);
    expect(catchUps).toBe(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(catchUps).toBe(1);
    await jest.advanceTimersByTimeAsync(LAG_MS);
    expect(catchUps).toBe(2);
    log.confirm('a');
    awaiting.settle();
    await jest.advanceTimersByTimeAsync(5 * LAG_MS);
    expect(catchUps).toBe(2);
  });

  it('leave the log alone when the stream brings them in time, and stop on close', async () => {
    awaiting.acknowledged([note('a')], answer([['a', 1]]));
    log.confirm('a');
    awaiting.settle();
    await jest.advanceTimersByTimeAsync(LAG_MS);
    expect(catchUps).toBe(0);

    awaiting.acknowledged([note('b')], answer([['b', 2]]));
    awaiting.close();
    await jest.advanceTimersByTimeAsync(5 * LAG_MS);
    expect(catchUps).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });
});
