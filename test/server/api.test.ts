/**
 * The HTTP API in local mode, as the secretary's tab and the committee admin use it:
 * health, committees (with ETag/If-Match), meetings and who is acting.
 */
import { randomUUID } from 'node:crypto';
import { api, startTestServer, type TestServer } from '../helpers/testServer';
import {
  allOps,
  committeeAndMeeting,
  expectError,
  grantRoles,
  note,
  postOps,
  smallCommittee,
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

describe('when a load balancer checks the server', () => {
  it('answers GET /healthz with 200 {"status":"ok"}', async () => {
    const response = await fetch(`${baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});

describe('when a request names a route that does not exist', () => {
  it('answers 404 not_found as JSON naming the route', async () => {
    const body = expectError(await api(baseUrl, 'GET', '/api/nothing-here'), 404, 'not_found');
    expect(body.message).toContain('/api/nothing-here');
  });
});

describe('when the admin sets up a committee', () => {
  const id = `opsg-${randomUUID()}`;

  it('creates it with 201, a Location and ETag "v1"', async () => {
    const response = await api(baseUrl, 'POST', '/api/committees', {
      body: smallCommittee(id, 'ADMIN'),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/api/committees/${id}`);
    expect(response.headers.get('etag')).toBe('"v1"');
    expect(response.body).toMatchObject({
      id,
      tenantId: 'local',
      version: 1,
      code: 'ADMIN',
      myRole: 'owner',
    });
    // Defaults are filled in by the server.
    expect(response.body.decisionVerbs).toContain('NOTED');
    expect(response.body.meetingReferenceFormat).toBe('{code}_{number}_{DDMM}');
  });

  it('reads it back with its ETag and finds it in the list', async () => {
    const read = await api(baseUrl, 'GET', `/api/committees/${id}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"v1"');
    expect(read.body).toMatchObject({ id, name: 'Operations Group', version: 1 });
    const list = await api(baseUrl, 'GET', '/api/committees');
    expect(list.status).toBe(200);
    expect(list.body.committees.map((c: { id: string }) => c.id)).toContain(id);
  });

  it('refuses a second committee with the same id as already_exists', async () => {
    const response = await api(baseUrl, 'POST', '/api/committees', {
      body: smallCommittee(id, 'ADMIN2'),
    });
    expectError(response, 409, 'already_exists');
  });

  it('changes a setting with PATCH and If-Match "v1", answering ETag "v2"', async () => {
    const response = await api(baseUrl, 'PATCH', `/api/committees/${id}`, {
      body: { name: 'Operations Group (renamed)' },
      headers: { 'if-match': '"v1"' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"v2"');
    expect(response.body).toMatchObject({ name: 'Operations Group (renamed)', version: 2 });
    const read = await api(baseUrl, 'GET', `/api/committees/${id}`);
    expect(read.body.name).toBe('Operations Group (renamed)');
    expect(read.body.members).toHaveLength(2);
  });

  it('refuses a PATCH made from a stale copy (If-Match "v1") with 412 version_conflict', async () => {
    const response = await api(baseUrl, 'PATCH', `/api/committees/${id}`, {
      body: { name: 'Lost update' },
      headers: { 'if-match': '"v1"' },
    });
    expectError(response, 412, 'version_conflict');
    const read = await api(baseUrl, 'GET', `/api/committees/${id}`);
    expect(read.body).toMatchObject({ name: 'Operations Group (renamed)', version: 2 });
  });

  it('refuses an If-Match that is not an ETag', async () => {
    const response = await api(baseUrl, 'PATCH', `/api/committees/${id}`, {
      body: { name: 'x' },
      headers: { 'if-match': 'yesterday' },
    });
    expectError(response, 400, 'invalid_request');
  });

  it('refuses to drop a member and says to deactivate them instead', async () => {
    const response = await api(baseUrl, 'PATCH', `/api/committees/${id}`, {
      body: { members: [{ id: 'm-cole', name: 'Harriet Cole', categoryId: 'chair' }] },
    });
    const body = expectError(response, 400, 'validation_failed');
    expect(body.message).toContain('members/m-marsh');
    expect(body.message).toContain('"active": false');
    expect(body.details?.problems).toEqual([
      { path: 'members/m-marsh', message: 'was removed; deactivate it instead' },
    ]);
    const read = await api(baseUrl, 'GET', `/api/committees/${id}`);
    expect(read.body.version).toBe(2);
    expect(read.body.members).toHaveLength(2);
  });

  it('accepts deactivating that member instead', async () => {
    const members = [
      { id: 'm-cole', name: 'Harriet Cole', categoryId: 'chair' },
      { id: 'm-marsh', name: 'Fiona Marsh', categoryId: 'large', active: false },
    ];
    const response = await api(baseUrl, 'PATCH', `/api/committees/${id}`, { body: { members } });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"v3"');
    expect(response.body.members[1]).toMatchObject({ id: 'm-marsh', active: false });
  });

  it('refuses a member in an unknown category, naming the field path', async () => {
    const body = smallCommittee();
    body.members = [
      { id: 'm-cole', name: 'Harriet Cole', categoryId: 'chair' },
      { id: 'm-ghost', name: 'Nobody', categoryId: 'no-such-category' },
    ];
    const error = expectError(
      await api(baseUrl, 'POST', '/api/committees', { body }),
      400,
      'validation_failed',
    );
    expect(error.message).toMatch(/^members\[1\]\.categoryId: /);
    expect(error.message).toContain('no-such-category');
    const list = await api(baseUrl, 'GET', '/api/committees');
    expect(list.body.committees.map((c: { id: string }) => c.id)).not.toContain(body.id);
  });

  it('answers 404 for a committee that does not exist', async () => {
    expectError(await api(baseUrl, 'GET', '/api/committees/no-such-committee'), 404, 'not_found');
  });
});

describe('when the secretary creates a meeting', () => {
  let committeeId: string;
  const meetingId = `meeting-${randomUUID()}`;

  beforeAll(async () => {
    const response = await api(baseUrl, 'POST', '/api/committees', {
      body: smallCommittee(undefined, 'OPSG'),
    });
    committeeId = response.body.id as string;
  });

  it('creates it with 201 and the reference made from the committee format', async () => {
    const response = await api(baseUrl, 'POST', '/api/meetings', {
      body: { id: meetingId, committeeId, number: '41', date: '2021-01-25' },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/api/meetings/${meetingId}`);
    expect(response.body.meeting).toMatchObject({
      id: meetingId,
      committeeId,
      number: '41',
      reference: 'OPSG_41_2501',
      title: 'Operations Group Meeting',
      date: '2021-01-25',
      status: 'draft',
      lastSeq: 1,
    });
  });

  it('answers a retried create with the same id by 200 and the same meeting, writing nothing', async () => {
    const response = await api(baseUrl, 'POST', '/api/meetings', {
      body: { id: meetingId, committeeId, number: '41', date: '2021-01-25' },
    });
    expect(response.status).toBe(200);
    expect(response.body.meeting).toMatchObject({ id: meetingId, reference: 'OPSG_41_2501' });
    expect(await allOps(baseUrl, meetingId)).toHaveLength(1);
  });

  it('lists it under {"meetings": [...]} with id, reference, title and date', async () => {
    const response = await api(baseUrl, 'GET', `/api/meetings?committeeId=${committeeId}`);
    expect(response.status).toBe(200);
    expect(response.body.meetings).toEqual([
      expect.objectContaining({
        id: meetingId,
        reference: 'OPSG_41_2501',
        title: 'Operations Group Meeting',
        date: '2021-01-25',
      }),
    ]);
  });

  it('lists the most recent meeting first', async () => {
    await api(baseUrl, 'POST', '/api/meetings', {
      body: { committeeId, number: '43', date: '2021-03-22' },
    });
    const response = await api(baseUrl, 'GET', `/api/meetings?committeeId=${committeeId}`);
    expect(response.body.meetings.map((m: { reference: string }) => m.reference)).toEqual([
      'OPSG_43_2203',
      'OPSG_41_2501',
    ]);
  });

  it('renews the reference when PATCH changes the number', async () => {
    const response = await api(baseUrl, 'PATCH', `/api/meetings/${meetingId}`, {
      body: { number: '42' },
    });
    expect(response.status).toBe(200);
    expect(response.body.lastSeq).toBe(2);
    const view = await api(baseUrl, 'GET', `/api/meetings/${meetingId}`);
    expect(view.body.meeting).toMatchObject({ number: '42', reference: 'OPSG_42_2501' });
    const list = await api(baseUrl, 'GET', `/api/meetings?committeeId=${committeeId}`);
    expect(list.body.meetings.map((m: { reference: string }) => m.reference)).toContain(
      'OPSG_42_2501',
    );
  });

  it('refuses an impossible date, naming the field', async () => {
    const response = await api(baseUrl, 'POST', '/api/meetings', {
      body: { committeeId, number: '44', date: '2021-02-30' },
    });
    expect(expectError(response, 400, 'validation_failed').message).toMatch(/^date: /);
  });

  it('answers 404 when the committee does not exist', async () => {
    const response = await api(baseUrl, 'POST', '/api/meetings', {
      body: { committeeId: 'no-such-committee', number: '41', date: '2021-01-25' },
    });
    expectError(response, 404, 'not_found');
  });
});

describe('when people pick who they are in local mode', () => {
  let meetingId: string;

  beforeAll(async () => {
    let committeeId: string;
    ({ committeeId, meetingId } = await committeeAndMeeting(baseUrl));
    await grantRoles(baseUrl, committeeId, {
      'ines.carvalho': 'noteTaker',
      'jonah.marsh@csec.example': 'noteTaker',
    });
  });

  it('records ops from x-minutebook-user as actor local:<user>, whatever actor the body claims', async () => {
    const sent = { ...note(meetingId, 'Recorded by Ines.'), actor: 'local:mallory' };
    const response = await postOps(baseUrl, meetingId, [sent], { user: 'ines.carvalho' });
    expect(response.status).toBe(200);
    const stored = (await allOps(baseUrl, meetingId)).find((o) => o.id === sent.id);
    expect(stored?.actor).toBe('local:ines.carvalho');
  });

  it('takes the user from the minutebook_user cookie too', async () => {
    const sent = note(meetingId, 'Recorded by Jonah.');
    const response = await postOps(baseUrl, meetingId, [sent], {
      headers: { cookie: 'theme=dark; minutebook_user=jonah.marsh%40csec.example' },
    });
    expect(response.status).toBe(200);
    const stored = (await allOps(baseUrl, meetingId)).find((o) => o.id === sent.id);
    expect(stored?.actor).toBe('local:jonah.marsh@csec.example');
  });

  it('falls back to "secretary" when nobody is picked', async () => {
    const sent = note(meetingId, 'Recorded by nobody in particular.');
    await postOps(baseUrl, meetingId, [sent]);
    const stored = (await allOps(baseUrl, meetingId)).find((o) => o.id === sent.id);
    expect(stored?.actor).toBe('local:secretary');
  });

  it('says who the caller is on GET /api/me', async () => {
    const response = await api(baseUrl, 'GET', '/api/me', { user: 'ines.carvalho' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      tenantId: 'local',
      userId: 'local:ines.carvalho',
      displayName: 'ines.carvalho',
      authMode: 'local',
      // This test server has no Graph sandbox (npm start has one: mode "sandbox", /_sandbox).
      graph: { mode: 'none', inspectorUrl: null },
    });
  });

  it('refuses a picked user name with forbidden characters as 401', async () => {
    const response = await api(baseUrl, 'GET', '/api/me', { user: 'ines carvalho<script>' });
    expectError(response, 401, 'token_malformed');
  });
});

describe('when Teams or an administrator follows the links in the app manifest', () => {
  it.each(['/privacy', '/terms'])('serves %s as a page', async (path) => {
    const response = await fetch(`${server.baseUrl}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('Minutebook');
  });
});
