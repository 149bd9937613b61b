/**
 * A meeting's life over HTTP: the folded state with action IDs, paging through the log, the
 * approval path draft → circulated → final and the lock, and the whole OPSG-41-like meeting
 * captured through the API exactly as the tab would send it.
 */
import { randomUUID } from 'node:crypto';
import { CaptureScript } from '../../src/demo/CaptureScript';
import { DEMO_COMMITTEE_ID, demoCommitteeSettings } from '../../src/demo/demoCommittee';
import { captureDemoMeeting, DEMO_MEETING } from '../../src/demo/demoMeeting';
import { api, startTestServer, type TestServer } from '../helpers/testServer';
import {
  agendaItem,
  allOps,
  committeeAndMeeting,
  expectError,
  note,
  op,
  postOps,
  setStatus,
} from './support';

let server: TestServer;
let baseUrl: string;

beforeAll(async () => {
  server = await startTestServer({ DEMO_DATA: 'off' });
  baseUrl = server.baseUrl;
});

afterAll(async () => {
  await server.close();
});

const raise = (meetingId: string, text: string, extra: Record<string, unknown> = {}) =>
  op(meetingId, 'action.raise', {
    id: `action-${randomUUID()}`,
    itemId: 'item-1',
    text,
    ownerIds: ['cds'],
    ...extra,
  });

describe('when the secretary raises actions and reads the meeting back', () => {
  it('returns the folded state with action IDs numbered in the order raised', async () => {
    const { meetingId } = await committeeAndMeeting(baseUrl, {}, 'CDSG');
    const response = await postOps(baseUrl, meetingId, [
      agendaItem(meetingId, 'item-1', 'Actions Outstanding', 1),
      raise(meetingId, 'The CDS to report back.'),
      raise(meetingId, 'The CDS to check the report.', { targetDate: '2021-02-04' }),
      op(meetingId, 'decision.add', {
        id: 'd-1',
        itemId: 'item-1',
        verb: 'NOTED',
        text: 'the update.',
      }),
    ]);
    expect(response.status).toBe(200);
    const view = await api(baseUrl, 'GET', `/api/meetings/${meetingId}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      id: meetingId,
      seq: 5,
      meeting: { reference: 'CDSG_41_2501', status: 'draft' },
      agenda: [{ id: 'item-1', number: '1', title: 'Actions Outstanding' }],
      decisions: [{ id: 'd-1', verb: 'NOTED' }],
      ignored: [],
    });
    expect(view.body.actions.map((a: { actionId: string }) => a.actionId)).toEqual([
      'CDSG 41/01',
      'CDSG 41/02',
    ]);
    expect(view.body.actions[0].owners).toEqual([{ id: 'cds', name: 'CDS' }]);
    expect(view.body.actions[1].targetDate).toBe('2021-02-04');
  });
});

describe('when the tab pages through the op log', () => {
  let meetingId: string;

  beforeAll(async () => {
    ({ meetingId } = await committeeAndMeeting(baseUrl));
    const notes = Array.from({ length: 10 }, (_, index) => note(meetingId, `Note ${index + 1}.`));
    await postOps(baseUrl, meetingId, notes);
  });

  const page = (query: string) => api(baseUrl, 'GET', `/api/meetings/${meetingId}/ops?${query}`);

  it('returns `limit` ops after `after`, and nextAfter while more remain', async () => {
    const first = await page('after=0&limit=4');
    expect(first.status).toBe(200);
    expect(first.body.ops.map((o: { seq: number }) => o.seq)).toEqual([1, 2, 3, 4]);
    expect(first.body).toMatchObject({ lastSeq: 11, nextAfter: 4 });
    const second = await page('after=4&limit=4');
    expect(second.body.ops.map((o: { seq: number }) => o.seq)).toEqual([5, 6, 7, 8]);
    expect(second.body.nextAfter).toBe(8);
    const last = await page('after=8&limit=4');
    expect(last.body.ops.map((o: { seq: number }) => o.seq)).toEqual([9, 10, 11]);
    expect(last.body.nextAfter).toBeNull();
  });

  it('returns each stored op whole: id, seq, actor, times, type and payload', async () => {
    const response = await page('after=1&limit=1');
    expect(response.body.ops[0]).toMatchObject({
      seq: 2,
      meetingId,
      actor: 'local:secretary',
      clientTime: '2021-01-25T13:20:00Z',
      type: 'note.add',
      payload: { itemId: 'item-1', text: 'Note 1.' },
    });
    expect(Date.parse(response.body.ops[0].serverTime)).not.toBeNaN();
  });

  it('returns nothing and no nextAfter once past the end', async () => {
    const response = await page('after=11');
    expect(response.body).toEqual({ ops: [], lastSeq: 11, nextAfter: null });
  });

  it.each([['after=-1'], ['after=abc'], ['limit=0'], ['limit=1001']])(
    'refuses %s with 400 invalid_request',
    async (query) => {
      expectError(await page(query), 400, 'invalid_request');
    },
  );
});

describe('when the minutes go through approval', () => {
  let meetingId: string;

  beforeAll(async () => {
    ({ meetingId } = await committeeAndMeeting(baseUrl, {}, 'APPR'));
  });

  it('refuses to go from draft straight to final with 409 invalid_status_transition', async () => {
    const body = expectError(
      await postOps(baseUrl, meetingId, [
        note(meetingId, 'A note.'),
        setStatus(meetingId, 'final'),
      ]),
      409,
      'invalid_status_transition',
    );
    expect(body.message).toContain('circulated');
    expect(await allOps(baseUrl, meetingId)).toHaveLength(1);
  });

  it('circulates the draft, then makes it final', async () => {
    const circulated = await postOps(baseUrl, meetingId, [setStatus(meetingId, 'circulated')]);
    expect(circulated.status).toBe(200);
    let view = await api(baseUrl, 'GET', `/api/meetings/${meetingId}`);
    expect(view.body.meeting.status).toBe('circulated');
    const final = await postOps(baseUrl, meetingId, [setStatus(meetingId, 'final')]);
    expect(final.status).toBe(200);
    view = await api(baseUrl, 'GET', `/api/meetings/${meetingId}`);
    expect(view.body.meeting.status).toBe('final');
    const list = await api(baseUrl, 'GET', '/api/meetings');
    expect(list.body.meetings.find((m: { id: string }) => m.id === meetingId)?.status).toBe(
      'final',
    );
  });

  it('refuses any further op with 409 meeting_final and writes nothing', async () => {
    const before = await allOps(baseUrl, meetingId);
    const body = expectError(
      await postOps(baseUrl, meetingId, [note(meetingId, 'Too late.')]),
      409,
      'meeting_final',
    );
    expect(body.message).toContain('APPR_41_2501');
    expectError(
      await postOps(baseUrl, meetingId, [setStatus(meetingId, 'draft')]),
      409,
      'meeting_final',
    );
    expectError(
      await api(baseUrl, 'PATCH', `/api/meetings/${meetingId}`, { body: { title: 'Renamed' } }),
      409,
      'meeting_final',
    );
    expect(await allOps(baseUrl, meetingId)).toEqual(before);
  });

  it('refuses a batch that makes the meeting final and then changes it, writing none of it', async () => {
    const { meetingId: other } = await committeeAndMeeting(baseUrl);
    await postOps(baseUrl, other, [setStatus(other, 'circulated')]);
    const body = expectError(
      await postOps(baseUrl, other, [setStatus(other, 'final'), note(other, 'After the end.')]),
      409,
      'meeting_final',
    );
    expect(body.message).toMatch(/^ops\[1\] comes after the op that made the meeting final/);
    expect(body.details).toEqual({ opIndex: 1 });
    expect(await allOps(baseUrl, other)).toHaveLength(2);
    const view = await api(baseUrl, 'GET', `/api/meetings/${other}`);
    expect(view.body.meeting.status).toBe('circulated');
  });

  it('names the op by its place in the request, even after ops the log already has', async () => {
    const { meetingId: other } = await committeeAndMeeting(baseUrl);
    const circulate = setStatus(other, 'circulated');
    await postOps(baseUrl, other, [circulate]);
    // The store checks only the new ops; the answer must still point at the request's ops[3].
    const retried = [
      circulate,
      note(other, 'New.'),
      setStatus(other, 'final'),
      note(other, 'Late.'),
    ];
    const body = expectError(await postOps(baseUrl, other, retried), 409, 'meeting_final');
    expect(body.details).toEqual({ opIndex: 3 });
    expect(body.message).toMatch(/^ops\[3\] /);
  });
});

describe('when the OPSG-41-like meeting is captured through the API', () => {
  const meetingId = `opsg-41-${randomUUID()}`;
  const committeeId = `${DEMO_COMMITTEE_ID}-${randomUUID()}`;
  const secretary = { 'x-minutebook-user': 'ines.carvalho' };

  beforeAll(async () => {
    const committee = await api(baseUrl, 'POST', '/api/committees', {
      body: { id: committeeId, ...demoCommitteeSettings },
      headers: secretary,
    });
    expect(committee.status).toBe(201);
    const meeting = await api(baseUrl, 'POST', '/api/meetings', {
      body: { id: meetingId, committeeId, ...DEMO_MEETING },
      headers: secretary,
    });
    expect(meeting.status).toBe(201);
    const script = new CaptureScript(meetingId, 'local:ines.carvalho', '2021-01-25T13:05:00Z');
    const bodies = captureDemoMeeting(script).requestBodies();
    for (let start = 0; start < bodies.length; start += 25) {
      const batch = await postOps(baseUrl, meetingId, bodies.slice(start, start + 25), {
        headers: secretary,
      });
      expect(batch.status).toBe(200);
    }
  });

  it('yields actions OPSG 41/01 to 41/06, three closed outstanding actions and no ignored op', async () => {
    const { status, body: view } = await api(baseUrl, 'GET', `/api/meetings/${meetingId}`, {
      headers: secretary,
    });
    expect(status).toBe(200);
    expect(view.meeting).toMatchObject({ reference: 'OPSG_41_2501', number: '41' });
    expect(view.actions.map((a: { actionId: string }) => a.actionId)).toEqual([
      'OPSG 41/01',
      'OPSG 41/02',
      'OPSG 41/03',
      'OPSG 41/04',
      'OPSG 41/05',
      'OPSG 41/06',
    ]);
    expect(
      view.outstanding.map((o: { actionRef: string; status: string }) => [o.actionRef, o.status]),
    ).toEqual([
      ['OPSG 37x/01', 'closed'],
      ['OPSG 38x/03', 'closed'],
      ['OPSG 39/07', 'closed'],
    ]);
    expect(view.agenda.map((item: { number: string }) => item.number)).toEqual([
      '1',
      '2',
      '3',
      '3.1',
      '3.2',
      '3.3',
      '4',
      '5',
      '6',
      '7',
      '8',
    ]);
    expect(view.quorum.met).toBe(true);
    expect(view.ignored).toEqual([]);
  });

  it('logs every op once, as the secretary, after the creation op', async () => {
    const ops = await allOps(baseUrl, meetingId, secretary);
    const sent = captureDemoMeeting(new CaptureScript(meetingId, 'x', '2021-01-25T13:05:00Z'));
    expect(ops.map((o) => o.seq)).toEqual(ops.map((_, index) => index + 1));
    expect(ops.slice(1).map((o) => o.id)).toEqual(sent.operations().map((o) => o.id));
    expect(new Set(ops.map((o) => o.actor))).toEqual(new Set(['local:ines.carvalho']));
  });
});
