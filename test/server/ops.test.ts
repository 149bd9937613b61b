/**
 * POST /api/meetings/:id/ops as the secretary's tab uses it: a batch is all or nothing,
 * idempotent on op ids, and every refusal names what to fix.
 */
import { randomUUID } from 'node:crypto';
import { api, startTestServer, type TestServer } from '../helpers/testServer';
import { agendaItem, allOps, committeeAndMeeting, expectError, note, op, postOps } from './support';

let server: TestServer;
let baseUrl: string;
let meetingId: string;

beforeAll(async () => {
  server = await startTestServer({ DEMO_DATA: 'off' });
  baseUrl = server.baseUrl;
  ({ meetingId } = await committeeAndMeeting(baseUrl));
  expect(
    (await postOps(baseUrl, meetingId, [agendaItem(meetingId, 'item-1', 'Actions', 1)])).status,
  ).toBe(200);
});

afterAll(async () => {
  await server.close();
});

async function opCount(id = meetingId): Promise<number> {
  return (await allOps(baseUrl, id)).length;
}

describe('when the tab sends a batch of ops', () => {
  it('answers each op with its seq, in order', async () => {
    const before = await opCount();
    const ops = [note(meetingId, 'First.'), note(meetingId, 'Second.'), note(meetingId, 'Third.')];
    const response = await postOps(baseUrl, meetingId, ops);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      results: ops.map((sent, index) => ({
        id: sent.id,
        seq: before + index + 1,
        duplicate: false,
      })),
      lastSeq: before + 3,
    });
    const stored = await allOps(baseUrl, meetingId);
    expect(stored.slice(-3).map((o) => [o.id, o.seq])).toEqual(
      ops.map((sent, index) => [sent.id, before + index + 1]),
    );
  });

  it('answers a retried batch with the same seqs marked duplicate, writing nothing new', async () => {
    const ops = [note(meetingId, 'Once.'), note(meetingId, 'Only once.')];
    const first = await postOps(baseUrl, meetingId, ops);
    const countAfterFirst = await opCount();
    const retry = await postOps(baseUrl, meetingId, ops);
    expect(retry.status).toBe(200);
    expect(retry.body.results).toEqual(
      first.body.results.map((r: { id: string; seq: number }) => ({ ...r, duplicate: true })),
    );
    expect(await opCount()).toBe(countAfterFirst);
  });

  it('writes only the new ops of a batch that mixes retried and new ones', async () => {
    const old = note(meetingId, 'Sent before.');
    const seq = (await postOps(baseUrl, meetingId, [old])).body.lastSeq;
    const fresh = note(meetingId, 'Sent now.');
    const response = await postOps(baseUrl, meetingId, [old, fresh]);
    expect(response.body).toEqual({
      results: [
        { id: old.id, seq, duplicate: true },
        { id: fresh.id, seq: seq + 1, duplicate: false },
      ],
      lastSeq: seq + 1,
    });
  });

  it('writes an op sent twice in one batch once', async () => {
    const twice = note(meetingId, 'Twice in a batch.');
    const before = await opCount();
    const response = await postOps(baseUrl, meetingId, [twice, twice]);
    expect(response.body.results).toEqual([
      { id: twice.id, seq: before + 1, duplicate: false },
      { id: twice.id, seq: before + 1, duplicate: true },
    ]);
    expect(await opCount()).toBe(before + 1);
  });
});

describe('when a batch holds something the server must refuse', () => {
  let before: number;

  beforeEach(async () => {
    before = await opCount();
  });

  afterEach(async () => {
    // Whatever was refused, nothing of the batch reached the log.
    expect(await opCount()).toBe(before);
  });

  it('refuses the whole batch for one empty note text, naming ops[2].payload.text', async () => {
    const ops = [note(meetingId, 'Good.'), note(meetingId, 'Also good.'), note(meetingId, '   ')];
    const body = expectError(await postOps(baseUrl, meetingId, ops), 400, 'validation_failed');
    expect(body.message).toMatch(/^ops\[2\]\.payload\.text: /);
    expect(body.details?.problems?.[0]?.path).toBe('ops[2].payload.text');
  });

  it('refuses an unknown op type, naming ops[0].type', async () => {
    const ops = [op(meetingId, 'agenda.explode', { id: 'item-1' }), note(meetingId, 'Fine.')];
    const body = expectError(await postOps(baseUrl, meetingId, ops), 400, 'validation_failed');
    expect(body.message).toMatch(/^ops\[0\]\.type: "agenda\.explode" is not an operation type/);
  });

  it('refuses an op addressed to another meeting than the URL', async () => {
    const ops = [note(meetingId, 'Fine.'), note('some-other-meeting', 'Misaddressed.')];
    const body = expectError(await postOps(baseUrl, meetingId, ops), 400, 'validation_failed');
    expect(body.message).toMatch(/^ops\[1\]\.meetingId: /);
  });

  it("refuses a decision verb that is not in the committee's list", async () => {
    const decision = op(meetingId, 'decision.add', {
      id: `d-${randomUUID()}`,
      itemId: 'item-1',
      verb: 'RESOLVED',
      text: 'to meet again.',
    });
    const body = expectError(
      await postOps(baseUrl, meetingId, [note(meetingId, 'Fine.'), decision]),
      400,
      'validation_failed',
    );
    expect(body.message).toMatch(/^ops\[1\]\.payload\.verb: "RESOLVED" is not one of/);
    expect(body.message).toContain('NOTED');
  });

  it('refuses an over-long note as 400 naming its field, not as too many ops', async () => {
    const ops = [note(meetingId, 'Fine.'), note(meetingId, 'x'.repeat(20_001))];
    const body = expectError(await postOps(baseUrl, meetingId, ops), 400, 'validation_failed');
    expect(body.message).toBe('ops[1].payload.text: must be at most 20000 characters.');
  });

  it('refuses a field the op type does not have', async () => {
    const ops = [op(meetingId, 'note.add', { id: 'n-x', itemId: 'item-1', text: 'x', colour: 1 })];
    const body = expectError(await postOps(baseUrl, meetingId, ops), 400, 'validation_failed');
    expect(body.message).toMatch(/^ops\[0\]\.payload/);
  });

  it('refuses a batch of no ops', async () => {
    const body = expectError(await postOps(baseUrl, meetingId, []), 400, 'validation_failed');
    expect(body.message).toMatch(/^ops: must contain at least one operation/);
  });

  it('refuses a body that is not {"ops": [...]}', async () => {
    const response = await api(baseUrl, 'POST', `/api/meetings/${meetingId}/ops`, {
      body: [note(meetingId, 'A bare array.')],
    });
    expectError(response, 400, 'validation_failed');
  });

  it('refuses 501 ops with 413 too_many_ops', async () => {
    const ops = Array.from({ length: 501 }, (_, index) => note(meetingId, `Note ${index}.`));
    const body = expectError(await postOps(baseUrl, meetingId, ops), 413, 'too_many_ops');
    expect(body.message).toContain('500');
  });

  it('refuses a text/plain body with 415 unsupported_media_type', async () => {
    const response = await api(baseUrl, 'POST', `/api/meetings/${meetingId}/ops`, {
      rawBody: JSON.stringify({ ops: [note(meetingId, 'As text.')] }),
      headers: { 'content-type': 'text/plain' },
    });
    expectError(response, 415, 'unsupported_media_type');
  });

  it('refuses malformed JSON with 400 invalid_json', async () => {
    const response = await api(baseUrl, 'POST', `/api/meetings/${meetingId}/ops`, {
      rawBody: '{"ops": [ {"id": ',
      headers: { 'content-type': 'application/json' },
    });
    expectError(response, 400, 'invalid_json');
  });
});

describe('when two meetings use the same op id', () => {
  it('treats an op id used in another meeting as a different op: ids are scoped to their meeting', async () => {
    const other = (await committeeAndMeeting(baseUrl)).meetingId;
    const shared = randomUUID();
    expect(
      (
        await postOps(baseUrl, other, [
          op(other, 'agenda.add', { id: 'a', title: 'A', order: 1 }, shared),
        ])
      ).status,
    ).toBe(200);
    const before = await opCount(meetingId);
    const response = await postOps(baseUrl, meetingId, [
      { ...note(meetingId, 'Not a clash.'), id: shared },
    ]);
    expect(response.status).toBe(200);
    expect(response.body.results).toEqual([{ id: shared, seq: before + 1, duplicate: false }]);
    expect(await opCount(other)).toBe(2);
  });
});

describe('when ops are sent to a meeting that does not exist', () => {
  it('answers 404 not_found', async () => {
    const body = expectError(
      await postOps(baseUrl, 'no-such-meeting', [note('no-such-meeting', 'Lost.')]),
      404,
      'not_found',
    );
    expect(body.message).toContain('no-such-meeting');
    expectError(await api(baseUrl, 'GET', '/api/meetings/no-such-meeting'), 404, 'not_found');
    expectError(await api(baseUrl, 'GET', '/api/meetings/no-such-meeting/ops'), 404, 'not_found');
  });
});

describe('when the body is larger than BODY_LIMIT_BYTES', () => {
  let small: TestServer;

  beforeAll(async () => {
    small = await startTestServer({ DEMO_DATA: 'off', BODY_LIMIT_BYTES: '2048' });
  });

  afterAll(async () => {
    await small.close();
  });

  it('answers 413 body_too_large and writes nothing', async () => {
    const { meetingId: id } = await committeeAndMeeting(small.baseUrl);
    const fits = await postOps(small.baseUrl, id, [note(id, 'Short enough.')]);
    expect(fits.status).toBe(200);
    const response = await postOps(small.baseUrl, id, [note(id, 'x'.repeat(3000))]);
    const body = expectError(response, 413, 'body_too_large');
    expect(body.message).toContain('fewer operations');
    expect((await allOps(small.baseUrl, id)).length).toBe(2);
  });
});
