/**
 * AUTH_MODE=teams over HTTP: every /api request needs a Teams SSO token for our API from an
 * allowed tenant, ops carry the user's Entra object id, and one tenant never sees another's
 * committees or meetings. Entra ID is stood in for by a local JWKS and locally made keys.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { api, startTestServer, type ApiResponse, type TestServer } from '../helpers/testServer';
import { CLIENT_ID, issuerFor, startFakeEntra, type FakeEntra } from './jwks';
import { closeAllStreams, SseClient } from './sse';
import {
  allOps,
  committeeAndMeeting,
  expectError,
  grantRoles,
  note,
  postOps,
  smallCommittee,
} from './support';

const TENANT_A = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const TENANT_B = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const STRANGER_TENANT = '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d';
const ADA = '6fa459ea-ee8a-4ca4-894e-db77e160355e';
const GRACE = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const BOB = '16fd2706-8baf-433b-82eb-8c7fada847da';
const GRAPH_AUDIENCE = '00000003-0000-0000-c000-000000000000';

let entra: FakeEntra;
let server: TestServer;
let baseUrl: string;

function teamsEnv(jwksUrl: string): Record<string, string> {
  return {
    AUTH_MODE: 'teams',
    TEAMS_APP_CLIENT_ID: CLIENT_ID,
    ALLOWED_TENANTS: `${TENANT_A}, ${TENANT_B}`,
    ENTRA_JWKS_URL: jwksUrl,
    // GRAPH_MODE=graph is the Teams mode's default; these tests never call Graph.
    TEAMS_APP_CLIENT_SECRET: 'not-used-by-these-tests',
  };
}

beforeAll(async () => {
  entra = await startFakeEntra();
  server = await startTestServer(teamsEnv(entra.jwksUrl));
  baseUrl = server.baseUrl;
});

afterEach(() => {
  closeAllStreams();
});

afterAll(async () => {
  closeAllStreams();
  await server.close();
  await entra.close();
});

async function signedIn(tid: string, oid: string): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await entra.token(tid, oid)}` };
}

describe('when a user of an allowed tenant signs in from the Teams tab', () => {
  it('knows who they are on GET /api/me', async () => {
    const response = await api(baseUrl, 'GET', '/api/me', {
      headers: await signedIn(TENANT_A, ADA),
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      tenantId: TENANT_A,
      userId: ADA,
      displayName: `User ${ADA.slice(0, 4)}`,
      authMode: 'teams',
      graph: { mode: 'graph', inspectorUrl: null },
    });
  });

  it('creates a committee and a meeting, and the ops carry their Entra object id', async () => {
    const ada = await signedIn(TENANT_A, ADA);
    const { committeeId, meetingId } = await committeeAndMeeting(baseUrl, ada);
    expect(
      (await postOps(baseUrl, meetingId, [note(meetingId, 'By Ada.')], { headers: ada })).status,
    ).toBe(200);
    const grace = await signedIn(TENANT_A, GRACE);
    const byGrace = note(meetingId, 'By Grace, a colleague in the same tenant.');
    // A colleague needs a role on the committee, given by its owner by her Entra object id.
    expectError(await postOps(baseUrl, meetingId, [byGrace], { headers: grace }), 403, 'forbidden');
    await grantRoles(baseUrl, committeeId, { [GRACE]: 'noteTaker' }, { headers: ada });
    expect((await postOps(baseUrl, meetingId, [byGrace], { headers: grace })).status).toBe(200);
    const ops = await allOps(baseUrl, meetingId, ada);
    expect(ops.map((o) => o.actor)).toEqual([ADA, ADA, GRACE]);
    expect(ops[2]?.id).toBe(byGrace.id);
  });

  it('still answers /healthz without a token', async () => {
    const response = await fetch(`${baseUrl}/healthz`);
    expect(response.status).toBe(200);
  });
});

describe('when a request carries no token the server can trust', () => {
  const cases: [string, string, () => Promise<Record<string, string>>][] = [
    [
      'a token issued for Microsoft Graph',
      'token_wrong_audience',
      async () => bearer(await entra.token(TENANT_A, ADA, { aud: GRAPH_AUDIENCE })),
    ],
    [
      'a token from the v1.0 issuer',
      'token_wrong_issuer',
      async () =>
        bearer(await entra.token(TENANT_A, ADA, { iss: `https://sts.windows.net/${TENANT_A}/` })),
    ],
    [
      "a tenant A token with tenant B's issuer",
      'token_wrong_issuer',
      async () => bearer(await entra.token(TENANT_A, ADA, { iss: issuerFor(TENANT_B) })),
    ],
    [
      'a token that expired five minutes ago',
      'token_expired',
      async () =>
        bearer(
          await entra.token(TENANT_A, ADA, {
            iat: seconds(-4000),
            nbf: seconds(-4000),
            exp: seconds(-300),
          }),
        ),
    ],
    [
      'a token valid only in five minutes',
      'token_not_yet_valid',
      async () => bearer(await entra.token(TENANT_A, ADA, { nbf: seconds(300) })),
    ],
    [
      'an unsigned token (alg none)',
      'token_algorithm_not_allowed',
      async () => bearer(entra.unsignedToken(TENANT_A, ADA)),
    ],
    [
      'a token signed by a key Entra does not publish',
      'token_unknown_key',
      async () => bearer(await entra.strangerToken(TENANT_A, ADA, 'not-published')),
    ],
    [
      'a token forged under the published key id',
      'token_signature_invalid',
      async () => bearer(await entra.strangerToken(TENANT_A, ADA, 'entra-key-1')),
    ],
    [
      'a token from a tenant that is not allowed',
      'token_tenant_not_allowed',
      async () => bearer(await entra.token(STRANGER_TENANT, ADA)),
    ],
    [
      'a token without the access_as_user scope',
      'token_scope_missing',
      async () => bearer(await entra.token(TENANT_A, ADA, { scp: 'User.Read openid' })),
    ],
    [
      'a token without a user object id',
      'token_claims_missing',
      async () => bearer(await entra.token(TENANT_A, ADA, { oid: undefined })),
    ],
    ['a request with no Authorization header', 'token_missing', async () => ({})],
    [
      'a local user name instead of a token',
      'token_missing',
      async () => ({ 'x-minutebook-user': 'ines.carvalho' }),
    ],
  ];

  it.each(cases)('refuses %s with 401 %s and creates nothing', async (_story, code, headers) => {
    const committee = smallCommittee();
    const response = await api(baseUrl, 'POST', '/api/committees', {
      body: committee,
      headers: await headers(),
    });
    expectError(response, 401, code);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    const check = await api(baseUrl, 'GET', `/api/committees/${String(committee.id)}`, {
      headers: await signedIn(TENANT_A, ADA),
    });
    expect(check.status).toBe(404);
  });

  it('names the tenant that is not allowed', async () => {
    const response = await api(baseUrl, 'GET', '/api/me', {
      headers: bearer(await entra.token(STRANGER_TENANT, ADA)),
    });
    expect(expectError(response, 401, 'token_tenant_not_allowed').message).toContain(
      STRANGER_TENANT,
    );
  });
});

describe("when Entra ID's signing keys cannot be fetched", () => {
  let cut: TestServer;

  beforeAll(async () => {
    const nobody = http.createServer();
    await new Promise<void>((resolve) => nobody.listen(0, '127.0.0.1', resolve));
    const { port } = nobody.address() as AddressInfo;
    await new Promise((resolve) => nobody.close(resolve));
    cut = await startTestServer(teamsEnv(`http://127.0.0.1:${port}/keys`));
  });

  afterAll(async () => {
    await cut.close();
  });

  it('answers 503 jwks_unavailable rather than blaming the token', async () => {
    const response = await api(cut.baseUrl, 'GET', '/api/me', {
      headers: await signedIn(TENANT_A, ADA),
    });
    expectError(response, 503, 'jwks_unavailable');
    expect(response.headers.get('www-authenticate')).toBeNull();
  });
});

describe("when a user of tenant B goes looking for tenant A's meeting", () => {
  let ada: Record<string, string>;
  let bob: Record<string, string>;
  let committeeA: string;
  let meetingA: string;
  let meetingB: string;

  beforeAll(async () => {
    ada = await signedIn(TENANT_A, ADA);
    bob = await signedIn(TENANT_B, BOB);
    ({ committeeId: committeeA, meetingId: meetingA } = await committeeAndMeeting(baseUrl, ada));
    await postOps(baseUrl, meetingA, [note(meetingA, 'Confidential to tenant A.')], {
      headers: ada,
    });
    ({ meetingId: meetingB } = await committeeAndMeeting(baseUrl, bob));
  });

  /** B's answer about A's meeting is the one for a meeting that does not exist at all. */
  function expectInvisible(response: ApiResponse, what: string): void {
    const body = expectError(response, 404, 'not_found');
    expect(body.message).toBe(`There is no ${what}.`);
  }

  it('gets 404 for its state, its ops and changes to it, and A keeps its log', async () => {
    const before = await allOps(baseUrl, meetingA, ada);
    const thing = `meeting "${meetingA}"`;
    expectInvisible(
      await api(baseUrl, 'GET', `/api/meetings/${meetingA}`, { headers: bob }),
      thing,
    );
    expectInvisible(
      await api(baseUrl, 'GET', `/api/meetings/${meetingA}/ops`, { headers: bob }),
      thing,
    );
    expectInvisible(
      await postOps(baseUrl, meetingA, [note(meetingA, 'From B.')], { headers: bob }),
      thing,
    );
    expectInvisible(
      await api(baseUrl, 'PATCH', `/api/meetings/${meetingA}`, {
        body: { title: 'Hijacked' },
        headers: bob,
      }),
      thing,
    );
    expect(await allOps(baseUrl, meetingA, ada)).toEqual(before);
  });

  it('cannot follow its stream', async () => {
    const client = await SseClient.connect(`${baseUrl}/api/meetings/${meetingA}/stream`, bob);
    await client.waitFor((c) => c.isEnded, 'the end of the answer');
    expect(client.status).toBe(404);
    expect(JSON.parse(client.errorBody)).toMatchObject({ code: 'not_found' });
    expect(server.feed.subscriberCount(TENANT_B, meetingA)).toBe(0);
    expect(server.feed.subscriberCount(TENANT_A, meetingA)).toBe(0);
  });

  it("gets 404 for A's committee and cannot hold a meeting in it", async () => {
    const thing = `committee "${committeeA}"`;
    expectInvisible(
      await api(baseUrl, 'GET', `/api/committees/${committeeA}`, { headers: bob }),
      thing,
    );
    expectInvisible(
      await api(baseUrl, 'PATCH', `/api/committees/${committeeA}`, {
        body: { name: 'Ours' },
        headers: bob,
      }),
      thing,
    );
    expectInvisible(
      await api(baseUrl, 'POST', '/api/meetings', {
        body: { committeeId: committeeA, number: '1', date: '2021-01-25' },
        headers: bob,
      }),
      thing,
    );
    const read = await api(baseUrl, 'GET', `/api/committees/${committeeA}`, { headers: ada });
    expect(read.body).toMatchObject({ name: 'Operations Group', version: 1 });
  });

  it("lists only its own meetings and committees, never A's", async () => {
    const meetings = await api(baseUrl, 'GET', '/api/meetings', { headers: bob });
    const ids = meetings.body.meetings.map((m: { id: string }) => m.id);
    expect(ids).toContain(meetingB);
    expect(ids).not.toContain(meetingA);
    const committees = await api(baseUrl, 'GET', '/api/committees', { headers: bob });
    expect(committees.body.committees.map((c: { id: string }) => c.id)).not.toContain(committeeA);
    expect(
      committees.body.committees.every((c: { tenantId: string }) => c.tenantId === TENANT_B),
    ).toBe(true);
    const listA = await api(baseUrl, 'GET', '/api/meetings', { headers: ada });
    expect(listA.body.meetings.map((m: { id: string }) => m.id)).not.toContain(meetingB);
  });

  it("may use the same committee id as A without touching A's committee", async () => {
    const same = await api(baseUrl, 'POST', '/api/committees', {
      body: { ...smallCommittee(committeeA), name: 'Tenant B Group' },
      headers: bob,
    });
    expect(same.status).toBe(201);
    expect(same.body.tenantId).toBe(TENANT_B);
    const read = await api(baseUrl, 'GET', `/api/committees/${committeeA}`, { headers: ada });
    expect(read.body).toMatchObject({ name: 'Operations Group', tenantId: TENANT_A });
  });
});

function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

function seconds(offset: number): number {
  return Math.floor(Date.now() / 1000) + offset;
}
