/**
 * The tab's HTTP client for the Minutebook API: JSON in and out, the host's authentication
 * headers on every request, and one error type. The server answers every error as
 * `{code, message, requestId}`; that becomes an `ApiError` with the HTTP status. A request that
 * never got an answer (no network, DNS, refused connection, timeout) is `status: 0, code: 'network'`.
 * Every answer is parsed with the caller's schema (zod): one that does not match is
 * `code: 'invalid_response'`, never a value of the wrong shape.
 */
import { z, type ZodType } from 'zod';

export interface ApiErrorInit {
  status: number;
  code: string;
  message: string;
  requestId?: string | null;
  details?: unknown;
}

export class ApiError extends Error {
  /** The HTTP status, or 0 when no answer arrived. */
  readonly status: number;
  /** The server's code (`meeting_final`, `validation_failed`…), or `network`, `aborted`, `invalid_response`, `auth_unavailable`. */
  readonly code: string;
  /** The server's request id, to quote when reporting a fault; null when there was no answer. */
  readonly requestId: string | null;
  /** The server's `details` (e.g. `{problems: [{path, message}]}` for `validation_failed`). */
  readonly details: unknown;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId ?? null;
    this.details = init.details;
  }

  /** True when the request never reached the server or never got an answer. */
  get isNetwork(): boolean {
    return this.code === 'network';
  }
}

export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Give up after this long without an answer (default: the client's `timeoutMs`). */
  timeoutMs?: number;
}

export interface ApiClient {
  readonly baseUrl: string;
  /** The answer parsed with `schema`; an empty answer is parsed as `undefined`. */
  get<T>(path: string, schema: ZodType<T>, options?: RequestOptions): Promise<T>;
  post<T>(path: string, body: unknown, schema: ZodType<T>, options?: RequestOptions): Promise<T>;
  patch<T>(path: string, body: unknown, schema: ZodType<T>, options?: RequestOptions): Promise<T>;
  /**
   * A GET whose body is read as it arrives (Server-Sent Events): resolves with the response once
   * a 2xx status and headers have arrived; the timeout covers only that wait. Aborting `signal`
   * ends the body.
   */
  openStream(path: string, options?: RequestOptions): Promise<Response>;
}

export interface ApiClientOptions {
  /** Prefix of every path, e.g. `https://minutebook.example.com`; '' for the tab's own origin. */
  baseUrl?: string;
  /** The host's authentication headers (`HostPort.authHeaders`), asked for on every request. */
  authHeaders: () => Promise<Record<string, string>>;
  fetch?: typeof fetch;
  /** Default time to wait for an answer, in ms (30 s). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
  // Called as a plain function: browsers refuse `fetch` called on another object.
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const defaultTimeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const urlOf = (path: string) => (/^https?:\/\//i.test(path) ? path : `${baseUrl}${path}`);

  async function send(
    method: string,
    path: string,
    body: unknown,
    requestOptions: RequestOptions,
    accept: string,
  ): Promise<{ response: Response; done: () => void; stopTimer: () => void }> {
    let auth: Record<string, string>;
    try {
      auth = await options.authHeaders();
    } catch (error) {
      throw new ApiError({
        status: 0,
        code: 'auth_unavailable',
        message: `Could not get the sign-in token: ${describe(error)}`,
      });
    }
    const headers: Record<string, string> = { accept, ...auth, ...requestOptions.headers };
    let payload: string | undefined;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }

    const controller = new AbortController();
    const outer = requestOptions.signal;
    if (outer?.aborted) throw aborted();
    const onOuterAbort = () => controller.abort();
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    const timeoutMs = requestOptions.timeoutMs ?? defaultTimeout;
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const stopTimer = () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    };
    const done = () => {
      stopTimer();
      outer?.removeEventListener('abort', onOuterAbort);
    };

    try {
      const response = await doFetch(urlOf(path), {
        method,
        headers,
        body: payload,
        signal: controller.signal,
        credentials: 'same-origin',
      });
      return { response, done, stopTimer };
    } catch (error) {
      done();
      if (timedOut) throw noAnswer(timeoutMs);
      if (outer?.aborted) throw aborted();
      throw new ApiError({
        status: 0,
        code: 'network',
        message: `The server could not be reached: ${describe(error)}`,
      });
    }

    function noAnswer(ms: number): ApiError {
      return new ApiError({
        status: 0,
        code: 'network',
        message: `The server did not answer within ${Math.round(ms / 1000)} s.`,
      });
    }
  }

  async function json<T>(
    method: string,
    path: string,
    body: unknown,
    schema: ZodType<T>,
    requestOptions: RequestOptions = {},
  ): Promise<T> {
    const { response, done } = await send(method, path, body, requestOptions, 'application/json');
    try {
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        if (requestOptions.signal?.aborted) throw aborted();
        throw new ApiError({
          status: 0,
          code: 'network',
          message: `The answer was cut off: ${describe(error)}`,
        });
      }
      if (!response.ok) throw errorFrom(response, text);
      let data: unknown;
      try {
        data = text === '' ? undefined : (JSON.parse(text) as unknown);
      } catch {
        throw new ApiError({
          status: response.status,
          code: 'invalid_response',
          message: `The server's answer to ${method} ${path} is not JSON.`,
          requestId: response.headers.get('x-request-id'),
        });
      }
      const parsed = schema.safeParse(data);
      if (parsed.success) return parsed.data;
      throw new ApiError({
        status: response.status,
        code: 'invalid_response',
        message: `The server's answer to ${method} ${path} is not what this tab expects (${describeIssue(parsed.error)}); reload the tab, as the server may have been updated.`,
        requestId: response.headers.get('x-request-id'),
      });
    } finally {
      done();
    }
  }

  return {
    baseUrl,
    get: (path, schema, requestOptions) => json('GET', path, undefined, schema, requestOptions),
    post: (path, body, schema, requestOptions) => json('POST', path, body, schema, requestOptions),
    patch: (path, body, schema, requestOptions) =>
      json('PATCH', path, body, schema, requestOptions),
    async openStream(path, requestOptions = {}) {
      const { response, done, stopTimer } = await send(
        'GET',
        path,
        undefined,
        requestOptions,
        'text/event-stream',
      );
      // The timeout covers the wait for the headers; the body lasts until `signal` ends it.
      stopTimer();
      if (response.ok && response.body) return response;
      try {
        const text = response.ok ? '' : await response.text().catch(() => '');
        throw response.ok
          ? new ApiError({
              status: response.status,
              code: 'invalid_response',
              message: 'The event stream has no body.',
              requestId: response.headers.get('x-request-id'),
            })
          : errorFrom(response, text);
      } finally {
        done();
      }
    },
  };
}

/** The error body of the API's contract; any field may be missing (a proxy's answer). */
const errorBodySchema = z
  .object({
    code: z.string().optional().catch(undefined),
    message: z.string().optional().catch(undefined),
    requestId: z.string().optional().catch(undefined),
    details: z.unknown().optional(),
  })
  .catch({});

/** The server's `{code, message, requestId}`, or what can be said from the status alone. */
function errorFrom(response: Response, text: string): ApiError {
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON (a proxy's page): fall back on the status.
  }
  const body = errorBodySchema.parse(json);
  return new ApiError({
    status: response.status,
    code: body.code ?? `http_${response.status}`,
    message:
      body.message ?? `The server answered ${response.status} ${response.statusText}`.trim() + '.',
    requestId: body.requestId ?? response.headers.get('x-request-id'),
    details: body.details,
  });
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'it is not valid';
  const where = issue.path.map(String).join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}

function aborted(): ApiError {
  return new ApiError({ status: 0, code: 'aborted', message: 'The request was cancelled.' });
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
