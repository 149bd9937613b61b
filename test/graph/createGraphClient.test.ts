/**
 * The Graph client's middleware over real HTTP: retries, Retry-After, timeouts, the bearer token
 * going to Graph and never to upload URLs, and the one error shape.
 */
import { createGraphClient, type GraphClient } from '../../src/graph/createGraphClient';
import { GraphRequestError } from '../../src/graph/GraphRequestError';
import {
  graphError,
  recordingSleep,
  startFakeGraphServer,
  type FakeGraphServer,
} from './fakeGraphServer';

const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.sandbox-token.';

let server: FakeGraphServer;

beforeEach(async () => {
  server = await startFakeGraphServer();
});

afterEach(async () => {
  await server.close();
});

function client(overrides: Partial<Parameters<typeof createGraphClient>[0]> = {}): {
  graph: GraphClient;
  waits: number[];
} {
  const { sleep, waits } = recordingSleep();
  const graph = createGraphClient({
    getToken: () => Promise.resolve(TOKEN),
    baseUrl: server.baseUrl,
    sleep,
    random: () => 0.5,
    ...overrides,
  });
  return { graph, waits };
}

describe('when Graph throttles with Retry-After in seconds', () => {
  it('waits that long and repeats the request', async () => {
    server.script((_, index) =>
      index === 0
        ? {
            status: 429,
            headers: { 'Retry-After': '7' },
            body: graphError('TooManyRequests', 'Slow down'),
          }
        : { status: 200, body: { id: 'me' } },
    );
    const { graph, waits } = client();
    const response = await graph.send({ method: 'GET', url: '/me' });
    expect(response.body).toEqual({ id: 'me' });
    expect(waits).toEqual([7000]);
    expect(server.received.map((request) => request.url)).toEqual(['/v1.0/me', '/v1.0/me']);
    expect(graph.stats.roundTrips).toBe(2);
  });
});

describe('when Graph throttles with Retry-After as an HTTP date', () => {
  it('waits until that date', async () => {
    const now = Date.parse('2026-08-20T10:00:00Z');
    server.script((_, index) =>
      index === 0
        ? { status: 429, headers: { 'Retry-After': new Date(now + 12_000).toUTCString() } }
        : { status: 200, body: { value: [] } },
    );
    const { graph, waits } = client({ now: () => now });
    await graph.send({ method: 'GET', url: '/me/events' });
    expect(waits).toEqual([12_000]);
  });
});

describe('when Graph is unavailable', () => {
  it.each([503, 504])('repeats a GET answered %i, backing off exponentially', async (status) => {
    server.script((_, index) => (index < 2 ? { status } : { status: 200, body: { ok: true } }));
    const { graph, waits } = client({ baseDelayMs: 1000, random: () => 0 });
    await graph.send({ method: 'GET', url: '/me' });
    // Equal jitter with random() = 0: half of 1 s, then half of 2 s.
    expect(waits).toEqual([500, 1000]);
    expect(server.received).toHaveLength(3);
  });

  it('repeats a POST answered 503 (not processed) but not one answered 504 (maybe processed)', async () => {
    server.script(() => ({
      status: 504,
      body: graphError('GatewayTimeout', 'Upstream timed out'),
    }));
    const { graph } = client();
    await expect(
      graph.send({ method: 'POST', url: '/chats/19:abc@thread.v2/messages', body: {} }),
    ).rejects.toMatchObject({
      status: 504,
      outcomeUnknown: true,
    });
    expect(server.received).toHaveLength(1);

    server.script((_, index) =>
      index === 1 ? { status: 503 } : { status: 201, body: { id: '1' } },
    );
    await graph.send({ method: 'POST', url: '/chats/19:abc@thread.v2/messages', body: {} });
    expect(server.received).toHaveLength(3);
  });
});

describe('when Graph rejects the request', () => {
  it('does not repeat a 400 and reports code, message and request id', async () => {
    server.script(() => ({
      status: 400,
      body: graphError('BadRequest', 'Invalid property "colour"'),
    }));
    const { graph, waits } = client();
    const error = await graph
      .send({ method: 'PATCH', url: '/planner/tasks/t1', body: { colour: 1 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphRequestError);
    expect(error).toMatchObject({
      status: 400,
      code: 'BadRequest',
      kind: 'bad_request',
      message: 'Invalid property "colour"',
      requestId: 'e5a3c1d2-0b4f-4f6e-9d1a-3c2b1a0f9e8d',
      request: 'PATCH /planner/tasks/t1',
    });
    expect(server.received).toHaveLength(1);
    expect(waits).toEqual([]);
  });
});

describe('when Graph keeps throttling', () => {
  it('gives up after the attempt cap with the last answer and its Retry-After', async () => {
    server.script(() => ({
      status: 429,
      headers: { 'Retry-After': '2' },
      body: graphError('TooManyRequests', 'Throttled'),
    }));
    const { graph, waits } = client({ maxAttempts: 3 });
    await expect(graph.send({ method: 'GET', url: '/me' })).rejects.toMatchObject({
      status: 429,
      kind: 'throttled',
      retryAfterMs: 2000,
    });
    expect(server.received).toHaveLength(3);
    expect(waits).toEqual([2000, 2000]);
  });

  it('does not sleep through a Retry-After longer than its limit', async () => {
    server.script(() => ({ status: 429, headers: { 'Retry-After': '600' } }));
    const { graph, waits } = client({ maxRetryAfterMs: 60_000 });
    await expect(graph.send({ method: 'GET', url: '/me' })).rejects.toMatchObject({
      retryAfterMs: 600_000,
    });
    expect(waits).toEqual([]);
  });
});

describe('when Graph does not answer in time', () => {
  it('times out each attempt and reports a timeout after the cap', async () => {
    server.script(() => ({ status: 200, body: {}, delayMs: 2000 }));
    const { graph } = client({ timeoutMs: 100, maxAttempts: 2 });
    await expect(graph.send({ method: 'GET', url: '/me' })).rejects.toMatchObject({
      status: 0,
      code: 'timeout',
    });
    expect(server.received).toHaveLength(2);
  });

  it('does not repeat a POST that timed out: it may have been carried out', async () => {
    server.script(() => ({ status: 201, body: {}, delayMs: 2000 }));
    const { graph } = client({ timeoutMs: 100 });
    const error = await graph
      .send({ method: 'POST', url: '/me/messages', body: {} })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'timeout', outcomeUnknown: true });
    expect(server.received).toHaveLength(1);
  });

  it('repeats a GET whose connection was reset', async () => {
    server.script((_, index) =>
      index === 0 ? { status: 200, reset: true } : { status: 200, body: { id: 'x' } },
    );
    const { graph } = client();
    await expect(graph.send({ method: 'GET', url: '/me' })).resolves.toMatchObject({
      body: { id: 'x' },
    });
    expect(server.received).toHaveLength(2);
  });

  it('reports a connection reset on the last attempt as a network error', async () => {
    server.script(() => ({ status: 200, reset: true }));
    const { graph } = client({ maxAttempts: 2 });
    await expect(graph.send({ method: 'GET', url: '/me' })).rejects.toMatchObject({
      status: 0,
      code: 'network',
      kind: 'network',
    });
    expect(server.received).toHaveLength(2);
  });
});

describe('when the caller cancels', () => {
  it('stops waiting for a retry and reports aborted', async () => {
    server.script(() => ({ status: 503 }));
    const controller = new AbortController();
    const graph = createGraphClient({
      getToken: () => Promise.resolve(TOKEN),
      baseUrl: server.baseUrl,
      baseDelayMs: 60_000,
    });
    setTimeout(() => controller.abort(), 50);
    await expect(
      graph.send({ method: 'GET', url: '/me', signal: controller.signal }),
    ).rejects.toMatchObject({
      code: 'aborted',
    });
    expect(server.received).toHaveLength(1);
  });
});

describe('the bearer token', () => {
  it('goes to every request under the base URL, absolute or relative', async () => {
    server.script(() => ({ status: 200, body: { value: [] } }));
    const { graph } = client();
    await graph.send({ method: 'GET', url: '/me/todo/lists' });
    await graph.send({ method: 'GET', url: `${server.baseUrl}/me/todo/lists?$skiptoken=abc` });
    expect(server.received.map((request) => request.headers.authorization)).toEqual([
      `Bearer ${TOKEN}`,
      `Bearer ${TOKEN}`,
    ]);
    expect(server.received[1]?.url).toBe('/v1.0/me/todo/lists?$skiptoken=abc');
  });

  it('never goes to a pre-authenticated upload URL on another path, even if the caller adds it', async () => {
    server.script(() => ({ status: 202, body: { nextExpectedRanges: ['5-'] } }));
    const { graph } = client();
    const uploadUrl = `${server.origin}/upload/session-7f3a?tempauth=v1.eyJhbGciOi`;
    await graph.send({
      method: 'PUT',
      url: uploadUrl,
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Range': 'bytes 0-4/10' },
      body: Buffer.from('hello'),
    });
    expect(server.received[0]?.url).toBe('/upload/session-7f3a?tempauth=v1.eyJhbGciOi');
    expect(server.received[0]?.headers.authorization).toBeUndefined();
    expect(server.received[0]?.body).toBe('hello');
  });

  it('is not sent to another host that merely shares the base path', async () => {
    const other = await startFakeGraphServer(() => ({ status: 200, body: {} }));
    try {
      const { graph } = client();
      await graph.send({ method: 'GET', url: `${other.baseUrl}/me` });
      expect(other.received[0]?.headers.authorization).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});

describe('the SDK client', () => {
  it('is built on the same chain, so its own requests carry the token and are counted', async () => {
    server.script(() => ({ status: 200, body: { displayName: 'Megan Bowen' } }));
    const { graph } = client();
    const me: unknown = await graph.sdk.api('/me').get();
    expect(me).toEqual({ displayName: 'Megan Bowen' });
    expect(server.received[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(graph.stats.roundTrips).toBe(1);
  });
});
