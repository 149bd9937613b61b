/**
 * The tab's API client against the real server: JSON answers, the server's errors as ApiError
 * with their request id, and "no answer" as a network error.
 */
import net from 'node:net';
import { z } from 'zod';
import { ApiError, createApiClient } from '../../src/tab/sync/ApiClient';
import { committeeSchema, meSchema as ME } from '../../src/tab/sync/wire';
import { startTestServer, type TestServer } from '../helpers/testServer';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ DEMO_DATA: 'off' });
});

afterAll(async () => {
  await server.close();
});

const client = (headers: Record<string, string> = { 'x-minutebook-user': 'grace' }) =>
  createApiClient({ baseUrl: server.baseUrl, authHeaders: async () => headers });

async function deadPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const ANYTHING = z.unknown();

describe('the API client', () => {
  it('sends the host’s headers and parses JSON', async () => {
    await expect(client().get('/api/me', ME)).resolves.toEqual({ userId: 'local:grace' });
  });

  it('posts and patches JSON bodies', async () => {
    const created = await client().post(
      '/api/committees',
      {
        name: 'Operations Group',
        code: 'OPSG',
        categories: [{ id: 'large', name: 'Large Suppliers' }],
        classification: { level: 'WHITE', notice: 'Shared with Code Parties only.' },
      },
      committeeSchema,
    );
    const patched = await client().patch(
      `/api/committees/${created.id}`,
      { name: 'Operations Group (renamed)' },
      committeeSchema,
    );
    expect(patched.name).toBe('Operations Group (renamed)');
  });

  it('refuses an answer that does not match the schema, as invalid_response', async () => {
    const failure = await client()
      .get('/api/me', z.object({ userId: z.number() }))
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 200, code: 'invalid_response', name: 'ApiError' });
    expect((failure as ApiError).message).toMatch(
      /^The server's answer to GET \/api\/me is not what this tab expects \(userId: /,
    );
  });

  it('turns the server’s error body into an ApiError with status, code and request id', async () => {
    const failure = await client()
      .get('/api/meetings/none', ANYTHING)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 404, code: 'not_found', name: 'ApiError' });
    expect((failure as ApiError).message).toMatch(/There is no meeting "none"/);
    expect((failure as ApiError).requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps the validation details', async () => {
    const failure = (await client()
      .post('/api/committees', { name: '' }, ANYTHING)
      .catch((error: unknown) => error)) as ApiError;
    expect(failure).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((failure.details as { problems: unknown[] }).problems.length).toBeGreaterThan(0);
  });

  it('reports a server that cannot be reached as status 0, code network', async () => {
    const port = await deadPort();
    const offline = createApiClient({
      baseUrl: `http://127.0.0.1:${port}`,
      authHeaders: async () => ({}),
    });
    await expect(offline.get('/api/me', ME)).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('reports a fetch that throws, and a server that never answers, as network errors', async () => {
    const throwing = createApiClient({
      authHeaders: async () => ({}),
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(throwing.post('/x', {}, ANYTHING)).rejects.toMatchObject({
      status: 0,
      code: 'network',
    });

    const silent = createApiClient({
      authHeaders: async () => ({}),
      timeoutMs: 20,
      fetch: (_input, init) =>
        new Promise((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
        ),
    });
    await expect(silent.get('/x', ANYTHING)).rejects.toMatchObject({
      status: 0,
      code: 'network',
      message: expect.stringMatching(/did not answer/),
    });
  });

  it('tells a cancelled request from a network failure', async () => {
    const controller = new AbortController();
    const pending = client().get('/api/me', ME, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ status: 0, code: 'aborted' });
  });

  it('reports a failing sign-in without calling the server', async () => {
    let calls = 0;
    const noToken = createApiClient({
      authHeaders: async () => {
        throw new Error('consent required');
      },
      fetch: async () => {
        calls += 1;
        return new Response('{}');
      },
    });
    await expect(noToken.get('/api/me', ME)).rejects.toMatchObject({
      status: 0,
      code: 'auth_unavailable',
    });
    expect(calls).toBe(0);
  });

  it('opens a stream and reports a refused one as an ApiError', async () => {
    await expect(client().openStream('/api/meetings/none/stream')).rejects.toMatchObject({
      status: 404,
      code: 'not_found',
    });
  });
});
