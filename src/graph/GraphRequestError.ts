/**
 * The one error every Graph call in Minutebook throws, whether Graph answered with an error body
 * (`{error: {code, message, innerError: {'request-id'}}}`), answered with something we cannot
 * read, or never answered (status 0: `network`, `timeout`, `aborted`).
 *
 * `code` is Graph's own code (open-ended: `itemNotFound`, `ErrorItemNotFound`, ...) or one of
 * ours for failures Graph never named; `kind` is the closed union callers switch on. Messages
 * never contain tokens or the query of a pre-authenticated upload URL.
 *
 * Permissions: none (no request of its own).
 */

export type GraphErrorKind =
  | 'network' // connection refused or reset: the request may or may not have been processed
  | 'timeout' // no answer in time: the request may or may not have been processed
  | 'aborted' // the caller cancelled
  | 'throttled' // 429, or 503 with Retry-After
  | 'unavailable' // 503, 504
  | 'unauthorized' // 401
  | 'forbidden' // 403: a missing permission, or a service limit (Planner's Maximum... codes)
  | 'not_found' // 404
  | 'conflict' // 409
  | 'precondition_failed' // 412: stale etag
  | 'bad_request' // other 4xx: our request is wrong
  | 'invalid_response' // a 2xx whose body does not have the shape we rely on
  | 'server'; // other 5xx

export interface GraphRequestErrorInit {
  status: number;
  code: string;
  message: string;
  requestId?: string | undefined;
  retryAfterMs?: number | undefined;
  /** Method and path (no query, no foreign host) of the request, for the log. */
  request?: string | undefined;
}

export class GraphRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string;
  readonly retryAfterMs: number | undefined;
  readonly request: string | undefined;
  readonly kind: GraphErrorKind;

  constructor(init: GraphRequestErrorInit) {
    super(init.message);
    this.name = 'GraphRequestError';
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId ?? '';
    this.retryAfterMs = init.retryAfterMs;
    this.request = init.request;
    this.kind = kindOf(init.status, init.code, init.retryAfterMs);
  }

  /**
   * From a Graph error response. `body` is the parsed JSON (or text) Graph sent; anything that is
   * not Graph's error shape still gives a usable error with the HTTP status.
   */
  static fromResponse(
    status: number,
    body: unknown,
    headers: { get(name: string): string | null },
    request?: string,
    retryAfterMs?: number,
  ): GraphRequestError {
    const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
    const inner = error && isRecord(error.innerError) ? error.innerError : undefined;
    const code = typeof error?.code === 'string' && error.code ? error.code : `http_${status}`;
    const graphMessage = typeof error?.message === 'string' ? error.message : '';
    const requestId =
      (typeof inner?.['request-id'] === 'string' ? inner['request-id'] : undefined) ??
      headers.get('request-id') ??
      headers.get('client-request-id') ??
      '';
    return new GraphRequestError({
      status,
      code,
      message:
        graphMessage || `Microsoft Graph answered ${status}${request ? ` to ${request}` : ''}.`,
      requestId,
      retryAfterMs,
      request,
    });
  }

  /** The request never got an answer. */
  static transport(
    code: 'network' | 'timeout' | 'aborted',
    request: string | undefined,
    detail?: string,
  ): GraphRequestError {
    const what = request ? ` (${request})` : '';
    const messages = {
      network: `Could not reach Microsoft Graph${what}${detail ? `: ${detail}` : ''}. It may or may not have done the work; look before repeating a write.`,
      timeout: `Microsoft Graph did not answer in time${what}. It may or may not have done the work; look before repeating a write.`,
      aborted: `The request to Microsoft Graph was cancelled${what}.`,
    } as const;
    return new GraphRequestError({ status: 0, code, message: messages[code], request });
  }

  /** A 2xx answer whose body we cannot use. */
  static invalidResponse(
    detail: string,
    context: { status?: number; requestId?: string; request?: string } = {},
  ): GraphRequestError {
    return new GraphRequestError({
      status: context.status ?? 0,
      code: 'invalid_response',
      message: `Microsoft Graph answered in an unexpected shape${context.request ? ` (${context.request})` : ''}: ${detail}`,
      requestId: context.requestId,
      request: context.request,
    });
  }

  /** True when the request may have been carried out although we got no success answer. */
  get outcomeUnknown(): boolean {
    return this.kind === 'network' || this.kind === 'timeout' || this.status === 504;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      status: this.status,
      code: this.code,
      kind: this.kind,
      message: this.message,
      requestId: this.requestId,
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
      ...(this.request === undefined ? {} : { request: this.request }),
    };
  }
}

function kindOf(status: number, code: string, retryAfterMs: number | undefined): GraphErrorKind {
  if (status === 0) {
    if (code === 'network' || code === 'timeout' || code === 'aborted') return code;
    if (code === 'token_failed') return 'unauthorized';
    return 'invalid_response';
  }
  if (code === 'invalid_response') return 'invalid_response';
  if (status === 429) return 'throttled';
  if (status === 503) return retryAfterMs === undefined ? 'unavailable' : 'throttled';
  if (status === 504) return 'unavailable';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 412) return 'precondition_failed';
  if (status >= 400 && status < 500) return 'bad_request';
  if (status >= 500) return 'server';
  return 'invalid_response';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
