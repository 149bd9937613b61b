/**
 * The Graph sandbox's inspector (/_sandbox) belongs to local mode on loopback, and shows the
 * inspector only: no way of writing its path reaches the sandbox's Graph (/v1.0) or anything else
 * beside it. Each hostile path is written raw on a socket (`fetch` would resolve `..` itself),
 * and the sandbox's own counters show that no request reached its Graph.
 */
import { buildServer } from '../../src/server/buildServer';
import { ConfigError, loadConfig } from '../../src/server/config';
import { SqliteStore } from '../../src/store';
import { temporaryDataDir, type TestServer } from '../helpers/testServer';
import { startDemoServer } from './graphSupport';
import { rawRequest, sendRaw } from './rawHttp';
import { SENTENCE, UUID } from './support';

let server: TestServer;

beforeAll(async () => {
  server = await startDemoServer();
});

afterAll(async () => {
  await server.close();
});

const graphTraffic = () => {
  const stats = server.localGraph!.sandbox.stats.snapshot();
  return { roundTrips: stats.roundTrips, graphRequests: stats.graphRequests };
};

const get = (target: string) => sendRaw(server.baseUrl, rawRequest(server.baseUrl, 'GET', target));

describe('the inspector at /_sandbox', () => {
  it.each(['/_sandbox', '/_sandbox/', '/_sandbox/state', '/_sandbox/stats?fresh=1'])(
    'shows %s',
    async (target) => {
      const answer = await get(target);
      expect(answer.status).toBe(200);
    },
  );

  it.each([
    '/_sandbox/../v1.0/users',
    '/_sandbox/%2e%2e/v1.0/users',
    '/_sandbox/%2E%2E/v1.0/users',
    '/_sandbox/.%2e/v1.0/users',
    '/_sandbox/%2e./v1.0/users',
    '/_sandbox/./../v1.0/users',
    '/_sandbox/state/../../v1.0/users',
    '/_sandbox/..%2fv1.0%2fusers',
    '/_sandbox/%2e%2e%2fv1.0%2fusers',
    '/_sandbox/..%5cv1.0%5cusers',
    '/_sandbox/..\\v1.0\\users',
    '/_sandbox/\\..\\v1.0\\users',
    '/_sandbox//../v1.0/users',
    '/_sandbox/%00',
    '/_sandbox/state%0d%0aset-cookie:%20x=1',
    '/_sandbox/%zz',
  ])('never forwards %s, and answers 404 in the API shape', async (target) => {
    const before = graphTraffic();
    const answer = await get(target);
    const body = answer.json as { code: string; message: string; requestId: string };
    expect({ status: answer.status, code: body?.code }).toEqual({
      status: target.includes('%zz') ? 400 : 404,
      code: target.includes('%zz') ? 'bad_url' : 'not_found',
    });
    expect(body.message).toMatch(SENTENCE);
    expect(body.requestId).toMatch(UUID);
    expect(answer.headers['x-request-id']).toBe(body.requestId);
    expect(answer.headers['set-cookie']).toBeUndefined();
    expect(graphTraffic()).toEqual(before);
  });

  it.each(['/_sandbox/%252e%252e/v1.0/users', '/_sandbox/..;/v1.0/users', '/_sandbox/...'])(
    'keeps %s inside the inspector, where no page has that name',
    async (target) => {
      const before = graphTraffic();
      const answer = await get(target);
      expect(answer.status).toBe(404);
      expect(answer.text).not.toMatch(/userPrincipalName/);
      expect(graphTraffic()).toEqual(before);
    },
  );

  it('passes POSTs to the inspector only', async () => {
    const before = graphTraffic();
    const answer = await sendRaw(
      server.baseUrl,
      rawRequest(
        server.baseUrl,
        'POST',
        '/_sandbox/../v1.0/me/sendMail',
        { 'content-type': 'application/json' },
        '{}',
      ),
    );
    expect(answer.status).toBe(404);
    expect(graphTraffic()).toEqual(before);
  });
});

describe('outside local mode', () => {
  it('the inspector cannot be served at all', async () => {
    const dataDir = temporaryDataDir();
    const store = new SqliteStore(dataDir);
    try {
      const teams = loadConfig({
        AUTH_MODE: 'teams',
        TEAMS_APP_CLIENT_ID: '0f6e2f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6',
        ALLOWED_TENANTS: '7a3f6cea-7a26-4884-a06c-3b6154978ebb',
        TEAMS_APP_CLIENT_SECRET: 'not-used',
        DATA_DIR: dataDir,
      });
      expect(() =>
        buildServer(teams, store, { logger: false, localGraph: server.localGraph! }),
      ).toThrow(ConfigError);
    } finally {
      await store.close();
    }
  });
});
