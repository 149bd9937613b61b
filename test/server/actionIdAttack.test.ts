/**
 * Issue 9, item 3: `meeting.update` with `actionIdFormat` (which PATCH refuses) was accepted as
 * an op and renumbered the meeting's actions, so that two of them read `OPSG 41/01`. Now the op
 * and the route share one rule, and an action ID once shown never changes: neither a new format
 * nor a new committee code is accepted after creation, nor a new number once actions exist.
 */
import { api, startTestServer, type TestServer } from '../helpers/testServer';
import { agendaItem, committeeAndMeeting, expectError, op, postOps } from './support';

let server: TestServer;
let meetingId: string;

beforeAll(async () => {
  server = await startTestServer({ DEMO_DATA: 'off' });
  ({ meetingId } = await committeeAndMeeting(server.baseUrl, {}, 'OPSG'));
  const raise = (id: string) =>
    op(meetingId, 'action.raise', {
      id,
      itemId: 'i-1',
      text: 'The CDS to report.',
      ownerIds: ['cds'],
    });
  const raised = await postOps(server.baseUrl, meetingId, [
    agendaItem(meetingId, 'i-1', 'Actions', 1),
    raise('a-1'),
    raise('a-2'),
  ]);
  expect(raised.status).toBe(200);
});

afterAll(async () => {
  await server.close();
});

async function actionIds(): Promise<string[]> {
  const view = await api(server.baseUrl, 'GET', `/api/meetings/${meetingId}`);
  return view.body.actions.map((action: { actionId: string }) => action.actionId);
}

async function lastSeq(): Promise<number> {
  return (await api(server.baseUrl, 'GET', `/api/meetings/${meetingId}`)).body.seq as number;
}

describe('the attack of the issue', () => {
  it('starts from two actions OPSG 41/01 and 41/02', async () => {
    expect(await actionIds()).toEqual(['OPSG 41/01', 'OPSG 41/02']);
  });

  it('fails as an op: meeting.update {actionIdFormat} is refused and nothing is written', async () => {
    const seq = await lastSeq();
    const attack = op(meetingId, 'meeting.update', { actionIdFormat: '{code} {number}/01' });
    const body = expectError(
      await postOps(server.baseUrl, meetingId, [attack]),
      400,
      'validation_failed',
    );
    expect(body.message).toMatch(/^ops\[0\]\.payload\.actionIdFormat: is set from the committee/);
    expect(await lastSeq()).toBe(seq);
    expect(await actionIds()).toEqual(['OPSG 41/01', 'OPSG 41/02']);
  });

  it('fails as PATCH too', async () => {
    const response = await api(server.baseUrl, 'PATCH', `/api/meetings/${meetingId}`, {
      body: { actionIdFormat: '{code} {number}/01' },
    });
    expectError(response, 400, 'validation_failed');
    expect(await actionIds()).toEqual(['OPSG 41/01', 'OPSG 41/02']);
  });

  it('fails with a new committee code as an op', async () => {
    const attack = op(meetingId, 'meeting.update', { committeeCode: 'XYZ' });
    expectError(await postOps(server.baseUrl, meetingId, [attack]), 400, 'validation_failed');
    expect(await actionIds()).toEqual(['OPSG 41/01', 'OPSG 41/02']);
  });
});

describe('once actions exist', () => {
  it('refuses a new number, by PATCH and by op, naming the ID it would change', async () => {
    const patched = await api(server.baseUrl, 'PATCH', `/api/meetings/${meetingId}`, {
      body: { number: '42' },
    });
    expect(expectError(patched, 400, 'validation_failed').message).toBe(
      'number: cannot change: it would turn action OPSG 41/01 into OPSG 42/01, and an action ID once shown never changes; archive this meeting and create the right one instead.',
    );
    const asOp = op(meetingId, 'meeting.update', { number: '42', reference: 'OPSG_42_2501' });
    const body = expectError(
      await postOps(server.baseUrl, meetingId, [asOp]),
      400,
      'validation_failed',
    );
    expect(body.message).toMatch(/^ops\[0\]\.payload\.number: cannot change/);
    expect(await actionIds()).toEqual(['OPSG 41/01', 'OPSG 41/02']);
  });

  it('still accepts a new date, which this committee’s action IDs do not use', async () => {
    const patched = await api(server.baseUrl, 'PATCH', `/api/meetings/${meetingId}`, {
      body: { date: '2021-01-26' },
    });
    expect(patched.status).toBe(200);
    const view = await api(server.baseUrl, 'GET', `/api/meetings/${meetingId}`);
    expect(view.body.meeting).toMatchObject({ date: '2021-01-26', reference: 'OPSG_41_2601' });
    expect(await actionIds()).toEqual(['OPSG 41/01', 'OPSG 41/02']);
  });
});
