/**
 * Our middleware chain for `@microsoft/microsoft-graph-client` v3, in the order requests pass:
 *
 *   RetryMiddleware → AuthMiddleware → TransportMiddleware → SDK HTTPMessageHandler (fetch)
 *
 * - Retry is outermost so that every attempt gets a fresh token and its own timeout.
 * - Auth sets `Authorization: Bearer` for URLs under the configured base URL only (the SDK's
 *   AuthenticationHandler recognises https Graph hosts only, so it sends nothing to the local
 *   sandbox on http), and removes any Authorization header from other URLs: pre-authenticated
 *   upload URLs must not receive our token (the docs warn it may even fail with 401).
 * - Transport gives each attempt a timeout, links the caller's AbortSignal, reads the whole answer
 *   inside that timeout, counts round trips, and turns fetch failures into GraphRequestError.
 *
 * Permissions: none of its own; it carries whatever token `getToken` returns.
 */
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { GraphRequestError } from './GraphRequestError';
import { GraphRequestPolicy } from './GraphRequestPolicy';
import {
  backoffDelay,
  isSafeToRepeat,
  parseRetryAfter,
  shouldRetryStatus,
  type RetrySettings,
  type Sleep,
} from './retryPolicy';

export interface RoundTripCounter {
  roundTrips: number;
}

abstract class ChainLink implements Middleware {
  protected next: Middleware | undefined;

  setNext(next: Middleware): void {
    this.next = next;
  }

  protected async forward(context: Context): Promise<void> {
    if (!this.next)
      throw new Error(
        `${this.constructor.name} is the last middleware; add HTTPMessageHandler after it.`,
      );
    await this.next.execute(context);
  }

  abstract execute(context: Context): Promise<void>;
}

export function policyOf(context: Context): GraphRequestPolicy {
  const found = context.middlewareControl?.getMiddlewareOptions(GraphRequestPolicy);
  if (found instanceof GraphRequestPolicy) return found;
  // A request made through `client.sdk.api(...)` directly, without our send(): still safe.
  const policy = new GraphRequestPolicy({
    label: `${context.options?.method ?? 'GET'} ${pathOf(requestUrl(context))}`,
  });
  context.middlewareControl?.setMiddlewareOptions(GraphRequestPolicy, policy);
  return policy;
}

export function requestUrl(context: Context): string {
  const request: unknown = context.request;
  if (typeof request === 'string') return request;
  if (request instanceof URL) return request.href;
  if (typeof request === 'object' && request !== null && 'url' in request) {
    return String((request as { url: unknown }).url);
  }
  return String(request);
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split('?')[0] ?? url;
  }
}

/** True when `url` is the base URL itself or below it (same origin, path under the base path). */
export function isUnderBase(url: string, base: URL): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (target.origin !== base.origin) return false;
  const basePath = base.pathname.replace(/\/+$/, '');
  return target.pathname === basePath || target.pathname.startsWith(`${basePath}/`);
}

export class RetryMiddleware extends ChainLink {
  constructor(
    private readonly settings: RetrySettings,
    private readonly sleep: Sleep,
    private readonly now: () => number,
  ) {
    super();
  }

  async execute(context: Context): Promise<void> {
    const policy = policyOf(context);
    try {
      await this.run(context, policy);
    } catch (error) {
      policy.failure = error;
      throw error;
    }
  }

  private async run(context: Context, policy: GraphRequestPolicy): Promise<void> {
    const method = (context.options?.method ?? 'GET').toUpperCase();
    for (let attempt = 1; ; attempt += 1) {
      policy.attempts = attempt;
      context.response = undefined;
      const last = attempt >= this.settings.maxAttempts;
      try {
        await this.forward(context);
      } catch (error) {
        const transient =
          error instanceof GraphRequestError &&
          (error.code === 'network' || error.code === 'timeout');
        if (!transient || last || !isSafeToRepeat(method, policy.idempotent)) throw error;
        await this.wait(backoffDelay(attempt, this.settings), policy);
        continue;
      }
      const response = context.response as Response | undefined;
      if (!response || last || !shouldRetryStatus(response.status, method, policy.idempotent))
        return;
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.now());
      // A wait longer than we are prepared to hold a request open: give the answer back, and the
      // caller gets a GraphRequestError with retryAfterMs to schedule the work later.
      if (retryAfterMs !== undefined && retryAfterMs > this.settings.maxRetryAfterMs) return;
      await this.wait(retryAfterMs ?? backoffDelay(attempt, this.settings), policy);
    }
  }

  private async wait(ms: number, policy: GraphRequestPolicy): Promise<void> {
    try {
      await this.sleep(ms, policy.signal);
    } catch {
      throw GraphRequestError.transport('aborted', policy.label);
    }
    if (policy.signal?.aborted) throw GraphRequestError.transport('aborted', policy.label);
  }
}

export class AuthMiddleware extends ChainLink {
  constructor(
    private readonly getToken: () => Promise<string>,
    private readonly base: URL,
  ) {
    super();
  }

  async execute(context: Context): Promise<void> {
    const options = (context.options ??= {});
    const headers = new Headers(options.headers as ConstructorParameters<typeof Headers>[0]);
    if (isUnderBase(requestUrl(context), this.base)) {
      headers.set('Authorization', `Bearer ${await this.getToken()}`);
    } else {
      headers.delete('Authorization');
    }
    options.headers = headers;
    await this.forward(context);
  }
}

export class TransportMiddleware extends ChainLink {
  constructor(
    private readonly defaultTimeoutMs: number,
    private readonly counter: RoundTripCounter,
  ) {
    super();
  }

  async execute(context: Context): Promise<void> {
    const policy = policyOf(context);
    const caller = policy.signal;
    if (caller?.aborted) throw GraphRequestError.transport('aborted', policy.label);
    const controller = new AbortController();
    let timedOut = false;
    const onAbort = (): void => controller.abort(caller?.reason);
    caller?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error('timeout'));
    }, policy.timeoutMs ?? this.defaultTimeoutMs);
    (context.options ??= {}).signal = controller.signal;
    this.counter.roundTrips += 1;
    try {
      await this.forward(context);
      const response = context.response as Response | undefined;
      if (response) context.response = await buffered(response);
    } catch (error) {
      if (caller?.aborted) throw GraphRequestError.transport('aborted', policy.label);
      if (timedOut) throw GraphRequestError.transport('timeout', policy.label);
      throw GraphRequestError.transport('network', policy.label, causeCode(error));
    } finally {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onAbort);
    }
  }
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** Reads the body now (inside the timeout) and hands on an equivalent, re-readable Response. */
async function buffered(response: Response): Promise<Response> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  return new Response(NULL_BODY_STATUSES.has(response.status) ? null : bytes, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : undefined;
}
