/**
 * Ids are scoped by tenant: two tenants may pick the same meeting and op ids (client-made ids
 * are often predictable) without learning of each other or mixing their logs and live streams.
 */
import { api, startTestServer, type TestServer } from '../helpers/testServer';
import { CLIENT_ID, startFakeEntra, type FakeEntra } from './jwks';
import { closeAllStreams, SseClient } from './sse';
import { allOps, note, postOps, smallCommittee } from './support';

const TENANT_A = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const TENANT_B = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const ADA = '6fa459ea-ee8a-4ca4-894e-db77e160355e';
const BOB = '16fd2706-8baf-433b-82eb-8c7fada847da';
const SHARED_MEETING = 'opsg-41';

let entra: FakeEntra;
let server: TestServer;

beforeAll(async () => {
  entra = await startFakeEntra();
  server = await startTestServer({
    AUTH_MODE: 'teams',
    TEAMS_APP_CLIENT_ID: CLIENT_ID,
    ALLOWED_TENANTS: `${TENANT_A},${TENANT_B}`,
    ENTRA_JWKS_URL: entra.jwksUrl,
    // GRAPH_MODE=graph is the Teams mode's default; these tests never call Graph.
    TEAMS_APP_CLIENT_SECRET: 'not-used-by-these-tests',
  });
});

afterAll(async () => {
  closeAllStreams();
  await server.close();
  await entra.close();
});

async function as(tid: string, oid: string): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await entra.token(tid, oid)}` };
}

async function meetingFor(headers: Record<string, string>): Promise<number> {
  const committee = await api(server.baseUrl, 'POST', '/api/committees', {
    body: smallCommittee('committee'),
    headers,
  });
  expect(committee.status).toBe(201);
  const meeting = await api(server.baseUrl, 'POST', '/api/meetings', {
    body: { id: SHARED_MEETING, committeeId: 'committee', number: '41', date: '2021-01-25' },
    headers,
  });
  return meeting.status;
}

describe('when two tenants choose the same committee, meeting and op ids', () => {
  it('creates both meetings, keeps their logs apart and streams each only its own ops', async () => {
    const ada = await as(TENANT_A, ADA);
    const bob = await as(TENANT_B, BOB);
    expect(await meetingFor(ada)).toBe(201);
    expect(await meetingFor(bob)).toBe(201);

    const bobsStream = await SseClient.connect(
      `${server.baseUrl}/api/meetings/${SHARED_MEETING}/stream`,
      bob,
    );
    expect(bobsStream.status).toBe(200);
    const sharedOp = { ...note(SHARED_MEETING, 'Said in tenant A.'), id: 'op-1' };
    const fromA = await postOps(server.baseUrl, SHARED_MEETING, [sharedOp], { headers: ada });
    expect(fromA.body.results).toEqual([{ id: 'op-1', seq: 2, duplicate: false }]);
    const fromB = await postOps(
      server.baseUrl,
      SHARED_MEETING,
      [{ ...note(SHARED_MEETING, 'Said in tenant B.'), id: 'op-1' }],
      { headers: bob },
    );
    expect(fromB.body.results).toEqual([{ id: 'op-1', seq: 2, duplicate: false }]);

    await bobsStream.waitFor((client) => client.seqs().includes(2), "B's own op");
    const streamed = bobsStream.events.map((event) => JSON.parse(event.data) as { actor: string });
    expect(streamed.every((op) => op.actor === BOB)).toBe(true);

    const textsOf = async (headers: Record<string, string>) =>
      (await allOps(server.baseUrl, SHARED_MEETING, headers)).flatMap((op) =>
        op.type === 'note.add' ? [(op.payload as { text: string }).text] : [],
      );
    expect(await textsOf(ada)).toEqual(['Said in tenant A.']);
    expect(await textsOf(bob)).toEqual(['Said in tenant B.']);
    const view = await api(server.baseUrl, 'GET', `/api/meetings/${SHARED_MEETING}`, {
      headers: bob,
    });
    expect(view.body.notes.map((n: { text: string }) => n.text)).toEqual(['Said in tenant B.']);
  });
});

describe('when the server closes while tabs are following a meeting', () => {
  it('ends their streams so that shutdown completes, and they can resume elsewhere', async () => {
    const local = await startTestServer({ SSE_HEARTBEAT_MS: '100' });
    const committee = await api(local.baseUrl, 'POST', '/api/committees', {
      body: smallCommittee('c'),
    });
    expect(committee.status).toBe(201);
    await api(local.baseUrl, 'POST', '/api/meetings', {
      body: { id: 'm', committeeId: 'c', number: '1', date: '2021-01-25' },
    });
    const stream = await SseClient.connect(`${local.baseUrl}/api/meetings/m/stream`);
    await stream.waitFor((client) => client.seqs().includes(1), 'the first op');

    await local.close();
    await stream.waitFor((client) => client.isEnded, 'the end of the stream');
    expect(stream.seqs()).toEqual([1]);
  });
});
