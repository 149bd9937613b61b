/**
 * The Graph client every resource module uses: `@microsoft/microsoft-graph-client` v3 built with
 * `Client.initWithMiddleware({ middleware })` and our own chain (see graphMiddleware.ts), plus
 * `send()`, which returns the status, headers and parsed body of a success and throws one
 * GraphRequestError for anything else.
 *
 * - Requests to the base URL go through the SDK's `GraphRequest` (raw response). Absolute URLs
 *   under the base URL (`@odata.nextLink`) are made relative first: the SDK only understands
 *   absolute https URLs, and the sandbox serves http.
 * - Any other URL (a pre-authenticated upload URL) goes through the same chain directly, so it is
 *   retried and timed out the same way, but never gets our Authorization header.
 * - Query values must be percent-encoded by the caller (see `query()`): the SDK treats a path that
 *   contains a raw "https://" anywhere, even in $filter, as an absolute URL.
 * - `stats.roundTrips` counts HTTP exchanges, retries included (for the benchmark).
 *
 * Permissions: none of its own.
 */
import { Client, HTTPMessageHandler, ResponseType } from '@microsoft/microsoft-graph-client';
import type { Context, GraphRequest } from '@microsoft/microsoft-graph-client';
import { MiddlewareControl } from '@microsoft/microsoft-graph-client/lib/src/middleware/MiddlewareControl';
import { GraphRequestError } from './GraphRequestError';
import { GraphRequestPolicy } from './GraphRequestPolicy';
import {
  AuthMiddleware,
  RetryMiddleware,
  TransportMiddleware,
  isUnderBase,
  type RoundTripCounter,
} from './graphMiddleware';
import {
  DEFAULT_RETRY_SETTINGS,
  defaultSleep,
  parseRetryAfter,
  type RetrySettings,
  type Sleep,
} from './retryPolicy';

export const DEFAULT_GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface GraphClientOptions {
  /** Returns a Graph access token; called once per attempt (MSAL caches). */
  getToken: () => Promise<string>;
  /** Default `https://graph.microsoft.com/v1.0`; the sandbox's `http://127.0.0.1:<port>/v1.0`. */
  baseUrl?: string;
  /** Per attempt. Default 30 s. */
  timeoutMs?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxRetryAfterMs?: number;
  sleep?: Sleep;
  random?: () => number;
  now?: () => number;
}

export interface GraphRequestSpec {
  method: HttpMethod;
  /** Relative to the base URL (`/me/messages?...`) or absolute. */
  url: string;
  headers?: Record<string, string>;
  /** A plain object is sent as JSON; a string or bytes as they are. */
  body?: unknown;
  signal?: AbortSignal;
  /** Marks a POST safe to repeat after a timeout or 504 (e.g. a $batch of GETs). */
  idempotent?: boolean;
  timeoutMs?: number;
}

export interface GraphResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, text, or undefined for an empty body. */
  body: unknown;
  requestId: string;
  /** "METHOD /path", for messages. */
  label: string;
}

export interface GraphClient {
  readonly baseUrl: string;
  /** The SDK client over our chain, for code that wants its fluent API. */
  readonly sdk: Client;
  readonly retry: Readonly<RetrySettings>;
  readonly sleep: Sleep;
  readonly now: () => number;
  readonly stats: Readonly<RoundTripCounter>;
  send(request: GraphRequestSpec): Promise<GraphResponse>;
  /** The part of `url` after the base URL ("/me?..."), or null when it is not under it. */
  relativeUrl(url: string): string | null;
  resetStats(): void;
}

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const baseUrl = (options.baseUrl ?? DEFAULT_GRAPH_BASE_URL).replace(/\/+$/, '');
  const base = new URL(baseUrl);
  const segments = base.pathname.split('/').filter(Boolean);
  const version = segments.pop() ?? '';
  const host = `${base.origin}${segments.length ? `/${segments.join('/')}` : ''}`;
  const retry: RetrySettings = {
    ...DEFAULT_RETRY_SETTINGS,
    ...definedOnly({
      maxAttempts: options.maxAttempts,
      baseDelayMs: options.baseDelayMs,
      maxDelayMs: options.maxDelayMs,
      maxRetryAfterMs: options.maxRetryAfterMs,
    }),
    random: options.random ?? Math.random,
  };
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const counter: RoundTripCounter = { roundTrips: 0 };
  const chain = [
    new RetryMiddleware(retry, sleep, now),
    new AuthMiddleware(options.getToken, base),
    new TransportMiddleware(options.timeoutMs ?? 30_000, counter),
    new HTTPMessageHandler(),
  ] as const;
  const sdk = Client.initWithMiddleware({
    middleware: [...chain],
    baseUrl: host,
    defaultVersion: version,
  });

  function relativeUrl(url: string): string | null {
    if (!/^https?:\/\//i.test(url)) return url.startsWith('/') ? url : `/${url}`;
    if (!isUnderBase(url, base)) return null;
    const target = new URL(url);
    const rest = target.pathname.slice(base.pathname.replace(/\/+$/, '').length);
    return `${rest || '/'}${target.search}`;
  }

  async function send(spec: GraphRequestSpec): Promise<GraphResponse> {
    const relative = relativeUrl(spec.url);
    const label = `${spec.method} ${relative === null ? `upload URL on ${new URL(spec.url).host}` : (relative.split('?')[0] ?? relative)}`;
    const policy = new GraphRequestPolicy({
      label,
      signal: spec.signal,
      idempotent: spec.idempotent,
      timeoutMs: spec.timeoutMs,
    });
    const headers: Record<string, string> = { ...spec.headers };
    const body = serialize(spec.body, headers);
    let response: Response;
    try {
      response =
        relative === null
          ? await sendDirect(spec.url, spec.method, headers, body, policy)
          : await sendWithSdk(relative, spec.method, headers, body, policy);
    } catch (error) {
      throw policy.failure ?? error;
    }
    return readResponse(response, label, now);
  }

  async function sendWithSdk(
    relative: string,
    method: HttpMethod,
    headers: Record<string, string>,
    body: string | Uint8Array | undefined,
    policy: GraphRequestPolicy,
  ): Promise<Response> {
    const request: GraphRequest = sdk
      .api(relative)
      .responseType(ResponseType.RAW)
      .headers(headers)
      .middlewareOptions([policy]);
    const result: unknown =
      method === 'GET'
        ? await request.get()
        : method === 'DELETE'
          ? await request.delete()
          : method === 'POST'
            ? await request.post(body)
            : method === 'PUT'
              ? await request.put(body)
              : await request.patch(body);
    if (policy.failure !== undefined) throw policy.failure;
    return result as Response;
  }

  async function sendDirect(
    url: string,
    method: HttpMethod,
    headers: Record<string, string>,
    body: string | Uint8Array | undefined,
    policy: GraphRequestPolicy,
  ): Promise<Response> {
    const context: Context = {
      request: url,
      options: { method, headers, ...(body === undefined ? {} : { body }) },
      middlewareControl: new MiddlewareControl([policy]),
    };
    await chain[0].execute(context);
    return context.response as Response;
  }

  return {
    baseUrl,
    sdk,
    retry,
    sleep,
    now,
    stats: counter,
    send,
    relativeUrl,
    resetStats: () => {
      counter.roundTrips = 0;
    },
  };
}

/** JSON for plain values (setting Content-Type when missing); strings and bytes as they are. */
function serialize(
  body: unknown,
  headers: Record<string, string>,
): string | Uint8Array | undefined {
  if (body === undefined) return undefined;
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
  // The SDK copies a Uint8Array's whole underlying buffer (not just its view); a Buffer is sent as is.
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = 'application/json';
  }
  return JSON.stringify(body);
}

async function readResponse(
  response: Response,
  label: string,
  now: () => number,
): Promise<GraphResponse> {
  const requestId = response.headers.get('request-id') ?? '';
  const text = await response.text();
  const isJson = /\bjson\b/i.test(response.headers.get('content-type') ?? '');
  let body: unknown = text === '' ? undefined : text;
  if (isJson && text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      if (response.ok) {
        throw GraphRequestError.invalidResponse('the JSON body does not parse', {
          status: response.status,
          requestId,
          request: label,
        });
      }
    }
  }
  if (response.ok)
    return { status: response.status, headers: response.headers, body, requestId, label };
  throw GraphRequestError.fromResponse(
    response.status,
    body,
    response.headers,
    label,
    parseRetryAfter(response.headers.get('retry-after'), now()),
  );
}

function definedOnly<T extends Record<string, number | undefined>>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

/**
 * A query string from OData options and parameters: keys as given (`$filter`), values
 * percent-encoded, so join URLs and `'` inside a filter cannot break the URL.
 */
export function query(params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** An OData string literal: single quotes doubled. Encode the whole query value afterwards. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** One path segment (an id with `:` or `#`), percent-encoded. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
