/**
 * Per-request settings that travel with one request through our middleware chain (as an SDK
 * `MiddlewareOptions`), and the place where the chain leaves its failure: the SDK's
 * `GraphRequest.send` re-wraps anything a middleware throws into its own `GraphError`, losing
 * our `GraphRequestError` (or `GraphConsentRequiredError`), so `GraphClient.send` rethrows the
 * original from here.
 *
 * Permissions: none.
 */
import type { MiddlewareOptions } from '@microsoft/microsoft-graph-client';

export interface GraphRequestPolicyInit {
  /** "METHOD /path" (no query string, no foreign host): used in error messages. */
  label: string;
  /** Cancels the request, including any wait before a retry. */
  signal?: AbortSignal | undefined;
  /** Overrides the method's default (POST: not safe to repeat after a timeout or 504). */
  idempotent?: boolean | undefined;
  /** Per attempt, from sending to the last byte of the answer. */
  timeoutMs?: number | undefined;
}

export class GraphRequestPolicy implements MiddlewareOptions {
  readonly label: string;
  readonly signal: AbortSignal | undefined;
  readonly idempotent: boolean | undefined;
  readonly timeoutMs: number | undefined;
  /** Attempts made so far (1 after the first round trip). */
  attempts = 0;
  /** Set by the outermost middleware when the chain throws. */
  failure: unknown = undefined;

  constructor(init: GraphRequestPolicyInit) {
    this.label = init.label;
    this.signal = init.signal;
    this.idempotent = init.idempotent;
    this.timeoutMs = init.timeoutMs;
  }
}
