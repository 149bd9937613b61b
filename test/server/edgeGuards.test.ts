/**
 * Local mode and hostile web pages, over real HTTP. A page the secretary has open elsewhere can
 * make the browser send requests to 127.0.0.1, and a page whose DNS name rebinds to 127.0.0.1
 * can even read the answers; neither may reach the API. So local mode answers only to loopback
 * host names, no mode accepts a state-changing request from another origin, and every POST
 * carries JSON (a form or a bare cross-site `fetch` cannot send that without asking first).
 */
import { api, startTestServer, type TestServer } from '../helpers/testServer';
import { rawRequest, sendRaw, type RawAnswer } from './rawHttp';
import { committeeAndMeeting, expectError, smallCommittee, SENTENCE, UUID } from './support';

const USER = { 'x-minutebook-user': 'ines.carvalho' };
const JSON_TYPE = { 'content-type': 'application/json' };

function expectRefusal(answer: RawAnswer, status: number, code: string): void {
  const body = answer.json as { code: string; message: string; requestId: string };
  expect({ status: answer.status, code: body?.code }).toEqual({ status, code });
  expect(body.message).toMatch(SENTENCE);
  expect(body.requestId).toMatch(UUID);
  expect(answer.headers['x-request-id']).toBe(body.requestId);
}

describe('in local mode', () => {
  let server: TestServer;
  let port: string;

  beforeAll(async () => {
    server = await startTestServer({ DEMO_DATA: 'off' });
    port = new URL(server.baseUrl).port;
  });

  afterAll(async () => {
    await server.close();
  });

  const committeeCount = async () =>
    (
      (await api(server.baseUrl, 'GET', '/api/committees', { user: 'ines.carvalho' })).body
        .committees as unknown[]
    ).length;

  it.each(['127.0.0.1', 'localhost', '[::1]', 'LOCALHOST'])(
    'answers to the loopback host name %s, with the port',
    async (hostname) => {
      const answer = await sendRaw(
        server.baseUrl,
        rawRequest(server.baseUrl, 'GET', '/api/me', { ...USER, host: `${hostname}:${port}` }),
      );
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({ userId: 'local:ines.carvalho' });
    },
  );

  it.each([
    'rebound.example',
    'localhost.rebound.example',
    '127.0.0.1.nip.io',
    '0.0.0.0',
    '192.168.1.20',
    'localhost@rebound.example',
  ])(
    'refuses the host name %s, as a page that rebinds its DNS to 127.0.0.1 sends it',
    async (hostname) => {
      const answer = await sendRaw(
        server.baseUrl,
        rawRequest(server.baseUrl, 'GET', '/api/me', { ...USER, host: `${hostname}:${port}` }),
      );
      expectRefusal(answer, 403, 'bad_host');
    },
  );

  it('refuses a rebound page even for the pages and the health check', async () => {
    for (const target of ['/', '/healthz', '/tab/capture.html']) {
      const answer = await sendRaw(
        server.baseUrl,
        rawRequest(server.baseUrl, 'GET', target, { host: `rebound.example:${port}` }),
      );
      expectRefusal(answer, 403, 'bad_host');
    }
  });

  it('writes nothing for a rebound page that posts a committee from its own origin', async () => {
    const before = await committeeCount();
    const answer = await sendRaw(
      server.baseUrl,
      rawRequest(
        server.baseUrl,
        'POST',
        '/api/committees',
        {
          ...USER,
          ...JSON_TYPE,
          host: `rebound.example:${port}`,
          origin: `http://rebound.example:${port}`,
        },
        JSON.stringify(smallCommittee()),
      ),
    );
    expectRefusal(answer, 403, 'bad_host');
    expect(await committeeCount()).toBe(before);
  });

  it.each([
    ['another site', 'https://evil.example'],
    ['another port on this computer', 'http://127.0.0.1:1'],
    ['the other loopback name', 'http://localhost:PORT'],
    ['https on the same host', 'https://127.0.0.1:PORT'],
    ['a sandboxed frame or a file', 'null'],
  ])('refuses a committee posted from %s, and writes nothing', async (_name, origin) => {
    const before = await committeeCount();
    const answer = await sendRaw(
      server.baseUrl,
      rawRequest(
        server.baseUrl,
        'POST',
        '/api/committees',
        { ...USER, ...JSON_TYPE, origin: origin.replace('PORT', port) },
        JSON.stringify(smallCommittee()),
      ),
    );
    expectRefusal(answer, 403, 'bad_origin');
    expect(await committeeCount()).toBe(before);
  });

  it('refuses every state-changing method from another origin', async () => {
    const { committeeId, meetingId } = await committeeAndMeeting(server.baseUrl, USER);
    const hostile = { ...USER, ...JSON_TYPE, origin: 'https://evil.example' };
    for (const [method, target] of [
      ['PATCH', `/api/committees/${committeeId}`],
      ['PATCH', `/api/meetings/${meetingId}`],
      ['POST', `/api/meetings/${meetingId}/ops`],
      ['POST', `/api/meetings/${meetingId}/publish`],
      ['DELETE', `/api/meetings/${meetingId}`],
      ['PUT', `/api/meetings/${meetingId}`],
    ] as const) {
      const answer = await sendRaw(
        server.baseUrl,
        rawRequest(server.baseUrl, method, target, hostile, '{}'),
      );
      expectRefusal(answer, 403, 'bad_origin');
    }
  });

  it("accepts a committee posted from Minutebook's own page", async () => {
    const before = await committeeCount();
    const answer = await sendRaw(
      server.baseUrl,
      rawRequest(
        server.baseUrl,
        'POST',
        '/api/committees',
        { ...USER, ...JSON_TYPE, origin: server.baseUrl },
        JSON.stringify(smallCommittee()),
      ),
    );
    expect(answer.status).toBe(201);
    expect(await committeeCount()).toBe(before + 1);
  });

  it('lets any page read, which the browser keeps from it without CORS headers', async () => {
    const answer = await sendRaw(
      server.baseUrl,
      rawRequest(server.baseUrl, 'GET', '/api/me', { ...USER, origin: 'https://evil.example' }),
    );
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a body-less POST without a JSON content type, publish included', async () => {
    const { meetingId } = await committeeAndMeeting(server.baseUrl, USER);
    for (const target of [
      `/api/meetings/${meetingId}/publish`,
      `/api/meetings/${meetingId}/minutes-links`,
      '/api/committees',
    ]) {
      const bare = await sendRaw(
        server.baseUrl,
        rawRequest(server.baseUrl, 'POST', target, { ...USER, 'content-length': '0' }),
      );
      expectRefusal(bare, 415, 'unsupported_media_type');
      const form = await sendRaw(
        server.baseUrl,
        rawRequest(
          server.baseUrl,
          'POST',
          target,
          { ...USER, 'content-type': 'application/x-www-form-urlencoded' },
          'a=1',
        ),
      );
      expectRefusal(form, 415, 'unsupported_media_type');
    }
  });

  it('takes {} as the body of a POST with nothing to say, as the tab sends it', async () => {
    const { meetingId } = await committeeAndMeeting(server.baseUrl, USER);
    const response = await api(server.baseUrl, 'POST', `/api/meetings/${meetingId}/minutes-links`, {
      user: 'ines.carvalho',
      body: {},
      headers: { origin: server.baseUrl },
    });
    expect(response.status).toBe(200);
    expect(response.body.links.txt).toMatch(/^\/links\/meetings\//);
  });

  it('takes the media type with its parameters, in any case', async () => {
    const { meetingId } = await committeeAndMeeting(server.baseUrl, USER);
    const response = await api(server.baseUrl, 'POST', `/api/meetings/${meetingId}/minutes-links`, {
      user: 'ines.carvalho',
      rawBody: '{}',
      headers: { 'content-type': 'Application/JSON; charset=utf-8' },
    });
    expect(response.status).toBe(200);
  });
});

describe('in Teams mode', () => {
  const TEAMS = {
    AUTH_MODE: 'teams',
    TEAMS_APP_CLIENT_ID: '0f6e2f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6',
    ALLOWED_TENANTS: '7a3f6cea-7a26-4884-a06c-3b6154978ebb',
    TEAMS_APP_CLIENT_SECRET: 'not-used-by-these-tests',
    // Never fetched: each request here is refused, or lacks a token, before any key is needed.
    ENTRA_JWKS_URL: 'http://127.0.0.1:9/keys',
  };
  const post = (server: TestServer, headers: Record<string, string>) =>
    sendRaw(
      server.baseUrl,
      rawRequest(server.baseUrl, 'POST', '/api/committees', { ...JSON_TYPE, ...headers }, '{}'),
    );

  describe('without PUBLIC_ORIGIN', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(TEAMS);
    });
    afterAll(async () => {
      await server.close();
    });

    it('answers to any host name (the tab is served on a public one)', async () => {
      const answer = await sendRaw(
        server.baseUrl,
        rawRequest(server.baseUrl, 'GET', '/healthz', { host: 'mb.example.com' }),
      );
      expect(answer.status).toBe(200);
    });

    it('refuses a state-changing request from a page of another origin', async () => {
      expectRefusal(
        await post(server, { host: 'mb.example.com', origin: 'https://evil.example' }),
        403,
        'bad_origin',
      );
    });

    it('takes one from the origin the request was sent to, which then needs a token', async () => {
      const answer = await post(server, {
        host: 'mb.example.com',
        origin: 'https://mb.example.com',
      });
      expectRefusal(answer, 401, 'token_missing');
    });

    it('signs in a route reached through %-escapes, like the same route written plainly', async () => {
      for (const target of ['/api/committees', '/%61pi/committees', '/%61%70%69/meetings']) {
        expectRefusal(
          await sendRaw(server.baseUrl, rawRequest(server.baseUrl, 'GET', target)),
          401,
          'token_missing',
        );
      }
    });
  });

  describe('with PUBLIC_ORIGIN', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ ...TEAMS, PUBLIC_ORIGIN: 'https://mb.example.com' });
    });
    afterAll(async () => {
      await server.close();
    });

    it('takes a state-changing request from that origin only, whatever Host a proxy sets', async () => {
      expectRefusal(
        await post(server, { host: 'localhost:53000', origin: 'https://mb.example.com' }),
        401,
        'token_missing',
      );
      const refused = await post(server, {
        host: 'localhost:53000',
        origin: 'https://localhost:53000',
      });
      expectRefusal(refused, 403, 'bad_origin');
      expect((refused.json as { message: string }).message).toMatch(/https:\/\/localhost:53000/);
    });
  });
});

it('says in its answer which origin a refused page had', async () => {
  const server = await startTestServer({ DEMO_DATA: 'off' });
  try {
    const response = await api(server.baseUrl, 'POST', '/api/committees', {
      user: 'ines.carvalho',
      body: smallCommittee(),
      headers: { origin: 'https://evil.example' },
    });
    const body = expectError(response, 403, 'bad_origin');
    expect(body.message).toMatch(/^This request came from a page at "https:\/\/evil\.example"/);
  } finally {
    await server.close();
  }
});
