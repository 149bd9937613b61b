/**
 * Every error of every kind leaves the server in the API's shape: JSON `{code, message,
 * requestId}`, the message a sentence that says what to do, the request id also in
 * `x-request-id` — whether the refusal comes from a route, the router (404, 405, a bad %-escape,
 * a segment over the router's limit), the body parser (empty, not JSON, too large, not JSON at
 * all) or Node's HTTP parser (a malformed request line, headers too large, a request that never
 * finishes). Each request is written byte for byte on a socket, as an attacker would.
 */
import { startTestServer, type TestServer } from '../helpers/testServer';
import { rawRequest, sendRaw, type RawAnswer } from './rawHttp';
import { SENTENCE, UUID } from './support';

const USER = { 'x-minutebook-user': 'ines.carvalho' };
const JSON_TYPE = { 'content-type': 'application/json' };

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    DEMO_DATA: 'off',
    BODY_LIMIT_BYTES: '2048',
    REQUEST_TIMEOUT_MS: '1000',
  });
});

afterAll(async () => {
  await server.close();
});

function expectApiError(answer: RawAnswer, status: number, code: string): void {
  const body = answer.json as { code?: unknown; message?: unknown; requestId?: unknown };
  expect({ status: answer.status, code: body?.code }).toEqual({ status, code });
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  expect(Object.keys(body).sort()).toEqual(['code', 'message', 'requestId']);
  expect(body.message).toMatch(SENTENCE);
  expect(body.requestId).toMatch(UUID);
  expect(answer.headers['x-request-id']).toBe(body.requestId);
}

interface Hostile {
  name: string;
  /** The request, written as it goes on the wire. */
  request: (baseUrl: string) => string;
  status: number;
  code: string;
  message?: RegExp;
}

const request = rawRequest;

const HOSTILE: Hostile[] = [
  {
    name: 'a path no route takes',
    request: (base) => request(base, 'GET', '/api/nowhere', USER),
    status: 404,
    code: 'not_found',
  },
  {
    name: 'a 5,000-character path, quoted only in part',
    request: (base) => request(base, 'GET', `/${'a'.repeat(5000)}`, USER),
    status: 404,
    code: 'not_found',
  },
  {
    name: 'a method the path does not take',
    request: (base) => request(base, 'DELETE', '/api/meetings', USER),
    status: 405,
    code: 'method_not_allowed',
    message: /^\/api\/meetings does not take DELETE; use GET, HEAD, POST\.$/,
  },
  {
    name: 'OPTIONS, which no route takes',
    request: (base) => request(base, 'OPTIONS', '/api/committees', USER),
    status: 405,
    code: 'method_not_allowed',
  },
  {
    name: 'PUT on a GET-only route, without a body',
    request: (base) => request(base, 'PUT', '/healthz'),
    status: 405,
    code: 'method_not_allowed',
  },
  {
    name: 'a path parameter over the router limit',
    request: (base) => request(base, 'GET', `/api/meetings/${'m'.repeat(101)}`, USER),
    status: 414,
    code: 'uri_too_long',
  },
  {
    name: 'a malformed %-escape',
    request: (base) => request(base, 'GET', '/api/meetings/%zz', USER),
    status: 400,
    code: 'bad_url',
  },
  {
    name: 'a %-escape that is not UTF-8',
    request: (base) => request(base, 'GET', '/api/meetings/a%E0%A4%A', USER),
    status: 400,
    code: 'bad_url',
  },
  {
    name: 'an empty JSON body',
    request: (base) => request(base, 'POST', '/api/committees', { ...USER, ...JSON_TYPE }, ''),
    status: 400,
    code: 'invalid_json',
    message: /^The body is empty; send a JSON object/,
  },
  {
    name: 'a body that is not JSON',
    request: (base) =>
      request(base, 'POST', '/api/committees', { ...USER, ...JSON_TYPE }, '{"name":'),
    status: 400,
    code: 'invalid_json',
    message: /not valid JSON/,
  },
  {
    name: 'a body of another type',
    request: (base) =>
      request(base, 'POST', '/api/committees', { ...USER, 'content-type': 'text/plain' }, 'x'),
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'a body over BODY_LIMIT_BYTES',
    request: (base) =>
      request(
        base,
        'POST',
        '/api/committees',
        { ...USER, ...JSON_TYPE },
        JSON.stringify({ name: 'x'.repeat(4000) }),
      ),
    status: 413,
    code: 'body_too_large',
  },
  {
    name: 'a body shorter than its Content-Length, which never finishes',
    request: (base) =>
      `POST /api/committees HTTP/1.1\r\nhost: ${new URL(base).host}\r\nx-minutebook-user: a\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"name":`,
    status: 408,
    code: 'request_timeout',
  },
  {
    name: 'headers that never finish',
    request: (base) => `GET /healthz HTTP/1.1\r\nhost: ${new URL(base).host}\r\nx-slow: 1`,
    status: 408,
    code: 'request_timeout',
  },
  {
    name: 'an unknown method',
    request: (base) => request(base, 'FOO', '/api/meetings', USER),
    status: 400,
    code: 'bad_request',
  },
  {
    name: 'a request line that is not HTTP',
    request: () => 'GARBAGE\r\n\r\n',
    status: 400,
    code: 'bad_request',
  },
  {
    name: 'both Content-Length and chunked encoding (request smuggling)',
    request: (base) =>
      request(
        base,
        'POST',
        '/api/committees',
        { ...USER, ...JSON_TYPE, 'transfer-encoding': 'chunked', 'content-length': '2' },
        '0\r\n\r\n',
      ),
    status: 400,
    code: 'bad_request',
  },
  {
    name: 'a malformed chunk size',
    request: (base) =>
      request(
        base,
        'POST',
        '/api/committees',
        { ...USER, ...JSON_TYPE, 'transfer-encoding': 'chunked' },
        'zz\r\n{}\r\n0\r\n\r\n',
      ),
    status: 400,
    code: 'bad_request',
  },
  {
    name: 'headers over 16 KB',
    request: (base) => request(base, 'GET', '/healthz', { 'x-big': 'b'.repeat(20_000) }),
    status: 431,
    code: 'headers_too_large',
  },
  {
    name: 'HTTP/1.1 without a Host header',
    request: () => 'GET /healthz HTTP/1.1\r\nconnection: close\r\n\r\n',
    status: 403,
    code: 'bad_host',
  },
  {
    name: 'a %-escaped /api path, which must not skip sign-in checks',
    request: (base) =>
      request(
        base,
        'POST',
        '/%61pi/committees',
        { ...JSON_TYPE, origin: 'https://evil.example' },
        '{}',
      ),
    status: 403,
    code: 'bad_origin',
  },
];

describe('a hostile request', () => {
  it.each(HOSTILE.map((hostile) => [hostile.name, hostile] as const))(
    '%s is answered in the API error shape',
    async (_name, hostile) => {
      const answer = await sendRaw(server.baseUrl, hostile.request(server.baseUrl));
      expectApiError(answer, hostile.status, hostile.code);
      if (hostile.message)
        expect((answer.json as { message: string }).message).toMatch(hostile.message);
    },
  );

  it('quotes at most the start of a long path in its message', async () => {
    const answer = await sendRaw(
      server.baseUrl,
      request(server.baseUrl, 'GET', `/${'a'.repeat(5000)}`, USER),
    );
    expect((answer.json as { message: string }).message.length).toBeLessThan(300);
  });

  it('says which methods a path takes in Allow', async () => {
    const answer = await sendRaw(
      server.baseUrl,
      request(server.baseUrl, 'DELETE', '/api/meetings/some-meeting', USER),
    );
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD, PATCH');
  });

  it('leaves the server healthy', async () => {
    const answer = await sendRaw(server.baseUrl, request(server.baseUrl, 'GET', '/healthz'));
    expect({ status: answer.status, body: answer.json }).toEqual({
      status: 200,
      body: { status: 'ok' },
    });
  });
});

describe('the sign-in check', () => {
  it('applies to a route reached through %-escapes, as to the same route written plainly', async () => {
    const plain = await sendRaw(server.baseUrl, request(server.baseUrl, 'GET', '/api/me', USER));
    const escaped = await sendRaw(
      server.baseUrl,
      request(server.baseUrl, 'GET', '/%61pi/me', USER),
    );
    expect(plain.status).toBe(200);
    expect(escaped.status).toBe(200);
    expect(escaped.json).toEqual(plain.json);
    expect(escaped.json).toMatchObject({ userId: 'local:ines.carvalho' });
  });
});
