/**
 * Tests talk to the sandbox over real HTTP on 127.0.0.1:0, like Minutebook's Graph client will.
 * Every answer the sandbox gives is collected and, when the file ends, checked again against the
 * Graph types it claims (independently of the sandbox's own check), so no test can pass on a body
 * Graph could not send.
 */
import {
  startGraphSandbox,
  validateGraphPayload,
  type RunningGraphSandbox,
  type SandboxExchange,
  type StartOptions,
} from '../../src/sandbox';
import { SERVICE_CLOSED_TYPES } from '../../src/sandbox/contract/validateGraphPayload';

export const TOKEN = 'Bearer sandbox-test-token';

/** Tests read answers loosely, as JSON (as test/helpers/testServer.ts does). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

export interface GraphAnswer<T = Loose> {
  status: number;
  headers: Headers;
  body: T;
}

export interface Harness {
  sandbox: RunningGraphSandbox;
  exchanges: SandboxExchange[];
  /** A Graph call: path after /v1.0, JSON in and out, bearer token unless `token: null`. */
  graph<T = Loose>(
    method: string,
    path: string,
    options?: {
      body?: unknown;
      headers?: Record<string, string>;
      token?: string | null;
      raw?: Buffer | string;
    },
  ): Promise<GraphAnswer<T>>;
  /** Any URL (an upload URL, a nextLink), no token unless given. */
  fetchUrl<T = Loose>(url: string, init?: RequestInit): Promise<GraphAnswer<T>>;
  close(): Promise<void>;
}

async function answer<T>(response: Response): Promise<GraphAnswer<T>> {
  const text = await response.text();
  let body: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('json') && text !== '')
    body = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: body as T };
}

export async function startHarness(options: StartOptions = {}): Promise<Harness> {
  const exchanges: SandboxExchange[] = [];
  const sandbox = await startGraphSandbox({
    ...options,
    onExchange: (exchange) => exchanges.push(exchange),
  });
  return {
    sandbox,
    exchanges,
    async graph(method, path, { body, headers = {}, token = TOKEN, raw } = {}) {
      const init: RequestInit = { method, headers: { ...headers } };
      const allHeaders = init.headers as Record<string, string>;
      if (token !== null) allHeaders.Authorization = token;
      if (raw !== undefined) {
        init.body = raw;
      } else if (body !== undefined) {
        init.body = JSON.stringify(body);
        allHeaders['Content-Type'] ??= 'application/json';
      }
      return answer(await fetch(`${sandbox.graphBaseUrl}${path}`, init));
    },
    async fetchUrl(url, init = {}) {
      return answer(await fetch(url, init));
    },
    close: () => sandbox.close(),
  };
}

/** Re-checks every collected answer against the type it declared; returns the failures. */
export function invalidAnswers(exchanges: readonly SandboxExchange[]): string[] {
  const failures: string[] = [];
  for (const exchange of exchanges) {
    if (exchange.body === undefined || Buffer.isBuffer(exchange.body)) continue;
    if (!exchange.declared) {
      failures.push(`${exchange.method} ${exchange.path} answered JSON without a declared type`);
      continue;
    }
    const { type, collection } = exchange.declared;
    const body = exchange.body as Record<string, unknown>;
    const issues = collection
      ? validateGraphPayload(body.value, type, {
          collection: true,
          closedTypes: SERVICE_CLOSED_TYPES,
          direction: 'response',
        })
      : validateGraphPayload(body, type, {
          closedTypes: SERVICE_CLOSED_TYPES,
          direction: 'response',
        });
    if (
      collection &&
      Object.keys(body).some((key) => key !== 'value' && !key.startsWith('@odata.'))
    ) {
      failures.push(`${exchange.method} ${exchange.path}: collection with extra keys`);
    }
    for (const issue of issues)
      failures.push(
        `${exchange.method} ${exchange.path} (${type}): ${issue.path} ${issue.message}`,
      );
  }
  return failures;
}

/** Registers the end-of-file check that every answer validated. */
export function expectAllAnswersValid(harness: () => Harness): void {
  afterAll(() => {
    const h = harness();
    expect(h.exchanges.length).toBeGreaterThan(0);
    expect(invalidAnswers(h.exchanges)).toEqual([]);
    expect(h.sandbox.contractViolations).toEqual([]);
  });
}

/** Graph's error shape with the request ids. */
export function expectGraphError(response: GraphAnswer, status: number, code?: string): void {
  expect(response.status).toBe(status);
  const error = (response.body as { error?: Record<string, unknown> }).error;
  expect(error).toBeDefined();
  if (code !== undefined) expect(error!.code).toBe(code);
  expect(typeof error!.message).toBe('string');
  const inner = error!.innerError as Record<string, unknown>;
  expect(inner['request-id']).toEqual(response.headers.get('request-id'));
  expect(typeof inner.date).toBe('string');
  expect(inner['client-request-id']).toBeDefined();
}

/** A JSON snapshot of the published state, to prove a refusal changed nothing. */
export async function publishedState(h: Harness): Promise<unknown> {
  const response = await fetch(`${h.sandbox.url}/_sandbox/state`);
  return response.json();
}
