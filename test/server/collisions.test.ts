/**
 * Issue 9, item 5: meetings and committees that collide. A committee's meetings each hold their
 * own reference (409 duplicate_reference on create, on a PATCH that renumbers, and on the op
 * that does the same); a tenant's committees each their own code (409 duplicate_code on create
 * and on PATCH). An owner can archive a meeting: it keeps its log, leaves lists, takes no more
 * ops, and frees its reference only if it was never published.
 */
import { randomUUID } from 'node:crypto';
import { api, startTestServer, type TestServer } from '../helpers/testServer';
import { allOps, expectError, grantRoles, note, op, postOps, smallCommittee } from './support';

let server: TestServer;
let baseUrl: string;

beforeAll(async () => {
  server = await startTestServer({ DEMO_DATA: 'off' });
  baseUrl = server.baseUrl;
});

afterAll(async () => {
  await server.close();
});

async function committee(code: string, name = 'Operations Group'): Promise<string> {
  const response = await api(baseUrl, 'POST', '/api/committees', {
    body: { ...smallCommittee(undefined, code), name },
  });
  expect(response.status).toBe(201);
  return response.body.id as string;
}

async function meeting(committeeId: string, number: string, date = '2021-01-25') {
  return api(baseUrl, 'POST', '/api/meetings', { body: { committeeId, number, date } });
}

describe('committee codes', () => {
  it('refuses a second committee with a code the tenant has (any case), naming the other', async () => {
    await committee('DUPC', 'Delivery Group');
    const count = (await server.store.listCommittees('local')).length;
    const response = await api(baseUrl, 'POST', '/api/committees', {
      body: smallCommittee(undefined, 'dupc'),
    });
    expect(expectError(response, 409, 'duplicate_code').message).toBe(
      'Another committee of your organisation, "Delivery Group", already uses the code DUPC; give this committee another code (meeting references and action IDs are made from it).',
    );
    expect((await server.store.listCommittees('local')).length).toBe(count);
  });

  it('refuses a PATCH that takes another committee’s code, and keeps its own', async () => {
    await committee('TAKEN');
    const id = await committee('MINE');
    const response = await api(baseUrl, 'PATCH', `/api/committees/${id}`, {
      body: { code: 'Taken' },
    });
    expectError(response, 409, 'duplicate_code');
    const read = await api(baseUrl, 'GET', `/api/committees/${id}`);
    expect(read.body).toMatchObject({ code: 'MINE', version: 1 });
    // Its own code in another case is still its own.
    expect(
      (await api(baseUrl, 'PATCH', `/api/committees/${id}`, { body: { code: 'mine' } })).status,
    ).toBe(200);
  });
});

describe('meeting references', () => {
  it('refuses a second meeting 41 on the same date in a committee', async () => {
    const id = await committee('REFA');
    expect((await meeting(id, '41')).status).toBe(201);
    const second = await meeting(id, '41');
    expect(expectError(second, 409, 'duplicate_reference').message).toMatch(
      /^Operations Group already has a meeting REFA_41_2501 \(meeting "[^"]+"\); open that meeting, or give this one another number or date\.$/,
    );
    expect(
      (await api(baseUrl, 'GET', `/api/meetings?committeeId=${id}`)).body.meetings,
    ).toHaveLength(1);
    // Another date, or another committee, is another reference.
    expect((await meeting(id, '41', '2021-02-25')).status).toBe(201);
  });

  it('refuses a PATCH that renumbers onto another meeting’s reference, and the op that does it', async () => {
    const id = await committee('REFB');
    await meeting(id, '41');
    const other = (await meeting(id, '42')).body.meeting.id as string;
    const patched = await api(baseUrl, 'PATCH', `/api/meetings/${other}`, {
      body: { number: '41' },
    });
    expect(expectError(patched, 409, 'duplicate_reference').message).toMatch(
      /^Operations Group already has a meeting REFB_41_2501 .*; choose another number, date or reference\.$/,
    );
    const asOp = op(other, 'meeting.update', { reference: 'REFB_41_2501' });
    expectError(await postOps(baseUrl, other, [asOp]), 409, 'duplicate_reference');
    const view = await api(baseUrl, 'GET', `/api/meetings/${other}`);
    expect(view.body.meeting).toMatchObject({ number: '42', reference: 'REFB_42_2501' });
    expect(view.body.seq).toBe(1);
  });
});

describe('archiving a meeting', () => {
  it('is for owners only', async () => {
    const id = await committee('ARCA');
    const meetingId = (await meeting(id, '41')).body.meeting.id as string;
    await grantRoles(baseUrl, id, { 'nate.taker': 'noteTaker' });
    const refused = await api(baseUrl, 'POST', `/api/meetings/${meetingId}/archive`, {
      body: {},
      user: 'nate.taker',
    });
    expect(expectError(refused, 403, 'forbidden').message).toMatch(
      /^Only an owner of Operations Group can archive meetings/,
    );
    expect((await server.store.getMeeting('local', meetingId))?.archivedAt).toBeNull();
  });

  it('keeps its log, takes it out of lists, refuses ops, and frees a never-published reference', async () => {
    const id = await committee('ARCB');
    const meetingId = (await meeting(id, '41')).body.meeting.id as string;
    await grantRoles(baseUrl, id, { 'fiona.marsh': 'member' });
    expect((await postOps(baseUrl, meetingId, [note(meetingId, 'Before.')])).status).toBe(200);
    const archived = await api(baseUrl, 'POST', `/api/meetings/${meetingId}/archive`, { body: {} });
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ referenceFreed: true, meeting: { id: meetingId } });
    expect(Number.isNaN(Date.parse(archived.body.meeting.archivedAt))).toBe(false);

    const listed = await api(baseUrl, 'GET', `/api/meetings?committeeId=${id}`);
    expect(listed.body.meetings).toEqual([]);
    const withArchived = await api(
      baseUrl,
      'GET',
      `/api/meetings?committeeId=${id}&includeArchived=1`,
    );
    expect(withArchived.body.meetings.map((m: { id: string }) => m.id)).toEqual([meetingId]);
    expectError(
      await api(baseUrl, 'GET', `/api/meetings?committeeId=${id}&includeArchived=1`, {
        user: 'fiona.marsh',
      }),
      403,
      'forbidden',
    );

    const refused = await postOps(baseUrl, meetingId, [note(meetingId, 'After.')]);
    expect(expectError(refused, 409, 'meeting_archived').message).toBe(
      'Meeting ARCB_41_2501 was archived, so it takes no more changes; its log is kept and can still be read.',
    );
    expectError(
      await api(baseUrl, 'PATCH', `/api/meetings/${meetingId}`, { body: { title: 'Late' } }),
      409,
      'meeting_archived',
    );
    expect((await allOps(baseUrl, meetingId)).map((entry) => entry.type)).toEqual([
      'meeting.update',
      'note.add',
    ]);
    expect((await api(baseUrl, 'GET', `/api/meetings/${meetingId}`)).status).toBe(200);

    // Never published: its reference is free for the meeting that replaces it.
    expect((await meeting(id, '41')).status).toBe(201);
  });
});

describe('archiving a meeting that was published', () => {
  /** A publish run of the meeting, as the publisher records it, with one step in `status`. */
  async function recordPublish(meetingId: string, status: 'done' | 'failed') {
    const runId = randomUUID();
    const at = '2021-01-26T10:00:00.000Z';
    await server.store.createPublishRun({
      runId,
      tenantId: 'local',
      meetingId,
      publishNo: 1,
      meetingSeq: 1,
      status: status === 'done' ? 'done' : 'failed',
      startedAt: at,
      updatedAt: at,
      report: null,
      leaseHolder: null,
      leaseUntil: null,
    });
    await server.store.recordPublishSteps([
      {
        runId,
        tenantId: 'local',
        meetingId,
        key: `doc:${meetingId}`,
        kind: 'document.upload',
        status,
        result: status === 'done' ? { itemId: 'item-1' } : null,
        error: status === 'done' ? null : { code: 'graph_failed', message: 'Refused.' },
        attempts: 1,
        updatedAt: at,
      },
    ]);
  }

  it('keeps its reference held once any publish step was done', async () => {
    const id = await committee('ARCC');
    const meetingId = (await meeting(id, '41')).body.meeting.id as string;
    await recordPublish(meetingId, 'done');
    const archived = await api(baseUrl, 'POST', `/api/meetings/${meetingId}/archive`, { body: {} });
    expect(archived.body).toMatchObject({ referenceFreed: false });
    expectError(await meeting(id, '41'), 409, 'duplicate_reference');
    // Nor can it be published again.
    expectError(
      await api(baseUrl, 'POST', `/api/meetings/${meetingId}/publish`, { body: {} }),
      409,
      'meeting_archived',
    );
  });

  it('frees it when no publish step was ever done (a run that only failed)', async () => {
    const id = await committee('ARCD');
    const meetingId = (await meeting(id, '41')).body.meeting.id as string;
    await recordPublish(meetingId, 'failed');
    const archived = await api(baseUrl, 'POST', `/api/meetings/${meetingId}/archive`, { body: {} });
    expect(archived.body).toMatchObject({ referenceFreed: true });
    expect((await meeting(id, '41')).status).toBe(201);
  });
});
