/**
 * The op sender on its own: the outbox (IndexedDB, fake-indexeddb) sent in the order the ops
 * were made, a 413 answered by halving the batch, refusals read from the server's structured
 * details (validation paths, `details.opIndex`, parsed rather than trusted), a refusal that names
 * no op narrowed down by halving, and retries with backoff when there is no answer. The only
 * stand-in is the HTTP edge: `post` answers as the server's append does.
 */
import 'fake-indexeddb/auto';
import type { ZodType } from 'zod';
import { ApiError } from '../../src/tab/sync/ApiClient';
import type { OutgoingOperation } from '../../src/tab/sync/MeetingSession';
import { AFTER_FINAL_MESSAGE, culpritsOf, OpSender } from '../../src/tab/sync/opSender';
import type { AppendAnswer } from '../../src/tab/sync/wire';
import { freshOutbox } from './support';

const MEETING = 'm-sender';

function note(id: string): OutgoingOperation {
  return {
    id,
    meetingId: MEETING,
    clientTime: '2021-01-25T14:00:00Z',
    type: 'note.add',
    payload: { id: `n-${id}`, itemId: 'i-1', text: `Note ${id}.` },
  };
}

type Refusal = (ids: string[]) => ApiError | null;

/** The server's `POST /ops` as far as the sender can tell: seqs in order, or a refusal. */
class OpsEndpoint {
  readonly stored: string[] = [];
  readonly requests: string[][] = [];
  refusal: Refusal = () => null;

  post = async <T>(_path: string, body: unknown, schema: ZodType<T>): Promise<T> => {
    const ids = (body as { ops: { id: string }[] }).ops.map((op) => op.id);
    this.requests.push(ids);
    const refused = this.refusal(ids);
    if (refused) throw refused;
    const results = ids.map((id) => {
      const known = this.stored.indexOf(id);
      if (known >= 0) return { id, seq: known + 1, duplicate: true };
      this.stored.push(id);
      return { id, seq: this.stored.length, duplicate: false };
    });
    return schema.parse({ results, lastSeq: this.stored.length });
  };
}

const opened: OpSender[] = [];
afterEach(() => {
  for (const sender of opened.splice(0)) sender.close();
});

function sender(
  endpoint: OpsEndpoint,
  acknowledged: AppendAnswer[] = [],
  onChange: () => void = () => undefined,
) {
  const { outbox } = freshOutbox();
  const created: OpSender = new OpSender({
    meetingId: MEETING,
    api: endpoint,
    outbox,
    pending: [],
    refused: [],
    onAcknowledged: (_batch, answer) => acknowledged.push(answer),
    onChange,
    retry: { initialMs: 5, maxMs: 20 },
    random: () => 0,
    now: () => new Date('2021-01-25T14:00:00Z'),
  });
  opened.push(created);
  return { sender: created, outbox };
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function submitAll(target: OpSender, ids: readonly string[]): Promise<void> {
  for (const id of ids) await target.submit(note(id));
}

function refusal(code: string, status: number, details?: unknown, message = 'Refused.') {
  return new ApiError({ status, code, message, details });
}

const batch = ['a', 'b', 'c', 'd'].map(note);

describe('culpritsOf: which ops a refusal names', () => {
  it('reads validation problems by path, with the field named', () => {
    const error = refusal('validation_failed', 400, {
      problems: [{ path: 'ops[2].payload.text', message: 'must not be empty' }],
    });
    const culprits = culpritsOf(error, batch);
    expect([...(culprits ?? new Map())].map(([op, message]) => [op.id, message])).toEqual([
      ['c', 'text: must not be empty.'],
    ]);
  });

  it('reads details.opIndex of meeting_final: that op and every later one', () => {
    const error = refusal('meeting_final', 409, { opIndex: 2 }, 'ops[2] comes after…');
    const culprits = culpritsOf(error, batch);
    expect([...(culprits ?? new Map())].map(([op, message]) => [op.id, message])).toEqual([
      ['c', AFTER_FINAL_MESSAGE],
      ['d', AFTER_FINAL_MESSAGE],
    ]);
  });

  it('reads details.opIndex of any other refusal: that op, with the server’s sentence', () => {
    const error = refusal(
      'forbidden',
      403,
      { opIndex: 1, needed: 'noteTaker', held: 'member' },
      'ops[1] (note.add): Adding notes needs the note-taker role; you are a member.',
    );
    const culprits = culpritsOf(error, batch);
    expect([...(culprits ?? new Map())].map(([op, message]) => [op.id, message])).toEqual([
      ['b', 'Adding notes needs the note-taker role; you are a member.'],
    ]);
  });

  it('does not trust details it cannot parse: an opIndex that is not a whole number names nothing', () => {
    for (const opIndex of ['1', 1.5, -1, 9]) {
      expect(culpritsOf(refusal('invalid_status_transition', 409, { opIndex }), batch)).toBeNull();
    }
    expect(culpritsOf(refusal('invalid_status_transition', 409, 'nonsense'), batch)).toBeNull();
  });

  it('takes a refusal naming nothing as the whole batch’s when it concerns any batch, or one op', () => {
    const archived = culpritsOf(refusal('meeting_archived', 409, undefined, 'Archived.'), batch);
    expect(archived?.size).toBe(4);
    const single = culpritsOf(refusal('conflict', 409, undefined, 'No.'), [note('x')]);
    expect([...(single ?? new Map()).values()]).toEqual(['No.']);
    expect(culpritsOf(refusal('conflict', 409), batch)).toBeNull();
  });
});

describe('the op sender', () => {
  it('sends the ops in the order they were made, each once, and removes them from the outbox', async () => {
    const endpoint = new OpsEndpoint();
    const acknowledged: AppendAnswer[] = [];
    const { sender: target, outbox } = sender(endpoint, acknowledged);
    const ids = ['a', 'b', 'c', 'd', 'e'];
    await submitAll(target, ids);
    await until(() => endpoint.stored.length === ids.length, 'every op stored');
    await until(() => target.pending().length === 0, 'nothing pending');
    expect(endpoint.stored).toEqual(ids);
    expect(acknowledged.flatMap((answer) => answer.results.map((r) => [r.id, r.seq]))).toEqual(
      ids.map((id, index) => [id, index + 1]),
    );
    await until(async () => (await outbox.pending(MEETING)).length === 0, 'the outbox emptied');
  });

  it('halves the batch on 413 until the server takes it, keeping the order', async () => {
    const endpoint = new OpsEndpoint();
    endpoint.refusal = () => refusal('network', 0);
    const { sender: target } = sender(endpoint);
    const ids = Array.from({ length: 10 }, (_, index) => `op${index}`);
    await submitAll(target, ids);
    endpoint.refusal = (batchIds) =>
      batchIds.length > 3 ? refusal('payload_too_large', 413) : null;
    target.syncNow();
    await until(() => endpoint.stored.length === ids.length, 'every op stored');
    expect(endpoint.stored).toEqual(ids);
    expect(target.refused()).toEqual([]);
    expect(endpoint.requests.some((request) => request.length > 3)).toBe(true);
  });

  it('refuses the op named by details.opIndex and sends the others', async () => {
    const endpoint = new OpsEndpoint();
    endpoint.refusal = () => refusal('network', 0);
    const { sender: target, outbox } = sender(endpoint);
    await submitAll(target, ['a', 'b', 'c', 'd']);
    endpoint.refusal = (ids) => {
      const index = ids.indexOf('c');
      return index < 0
        ? null
        : refusal('forbidden', 403, { opIndex: index }, `ops[${index}] (note.add): Not you.`);
    };
    target.syncNow();
    await until(() => target.pending().length === 0, 'the queue drained');
    expect(endpoint.stored).toEqual(['a', 'b', 'd']);
    expect(target.refused().map((entry) => [entry.op.id, entry.code, entry.message])).toEqual([
      ['c', 'forbidden', 'Not you.'],
    ]);
    await until(
      async () => (await outbox.refused(MEETING)).map((entry) => entry.op.id).join() === 'c',
      'the refusal kept in the outbox',
    );
  });

  it('keeps the ops after a batch’s finalising op, refused with a sentence that says why', async () => {
    const endpoint = new OpsEndpoint();
    endpoint.refusal = () => refusal('network', 0);
    const { sender: target } = sender(endpoint);
    await submitAll(target, ['a', 'b', 'c', 'd']);
    // As if op b made the meeting final: c and d come after it.
    endpoint.refusal = (ids) => {
      const index = ids.indexOf('c');
      return index < 0 ? null : refusal('meeting_final', 409, { opIndex: index }, 'comes after');
    };
    target.syncNow();
    await until(() => target.pending().length === 0, 'the queue drained');
    expect(endpoint.stored).toEqual(['a', 'b']);
    expect(target.refused().map((entry) => [entry.op.id, entry.message])).toEqual([
      ['c', AFTER_FINAL_MESSAGE],
      ['d', AFTER_FINAL_MESSAGE],
    ]);
  });

  it('finds the one op a refusal does not name by halving, and sends the others', async () => {
    const endpoint = new OpsEndpoint();
    endpoint.refusal = () => refusal('network', 0);
    const { sender: target } = sender(endpoint);
    const ids = Array.from({ length: 8 }, (_, index) => `op${index}`);
    await submitAll(target, ids);
    endpoint.refusal = (batchIds) =>
      batchIds.includes('op5') ? refusal('conflict', 409, undefined, 'Not this one.') : null;
    target.syncNow();
    await until(() => target.pending().length === 0, 'the queue drained');
    expect(endpoint.stored).toEqual(ids.filter((id) => id !== 'op5'));
    expect(target.refused().map((entry) => [entry.op.id, entry.message])).toEqual([
      ['op5', 'Not this one.'],
    ]);
    expect(endpoint.requests.map((request) => request.length)).toEqual(
      expect.arrayContaining([8, 4]),
    );
  });

  it('retries with backoff when there is no answer, and says the network failed meanwhile', async () => {
    const endpoint = new OpsEndpoint();
    let failures = 3;
    endpoint.refusal = () => {
      if (failures === 0) return null;
      failures -= 1;
      return failures === 1
        ? refusal('internal_error', 503)
        : new ApiError({ status: 0, code: 'network', message: 'No network.' });
    };
    const networkStates: boolean[] = [];
    const { sender: target } = sender(endpoint, [], () =>
      networkStates.push(target.networkFailed()),
    );
    await target.submit(note('a'));
    await until(() => endpoint.stored.length === 1, 'the op stored on its own');
    // No answer, a 503, no answer, stored: the status said offline only while no answer came.
    expect(networkStates).toEqual([false, true, false, true, false]);
    expect(endpoint.requests).toHaveLength(4);
    expect(target.networkFailed()).toBe(false);
    expect(target.refused()).toEqual([]);
  });
});
