/**
 * When and how long to wait before repeating a Graph request: shared by the retry middleware
 * (whole requests) and by $batch (single items, which the middleware never sees).
 *
 * - 429 and 503 are repeated for every method: Graph refused the work before doing it.
 * - 504 and a lost connection or timeout are repeated only for requests that are safe to repeat
 *   (GET, PUT, PATCH, DELETE, or a POST its caller marks idempotent): a POST that timed out may
 *   have been carried out, so its caller reconciles instead of posting twice.
 * - The wait is the server's `Retry-After` (seconds or an HTTP date) when it sends one, otherwise
 *   exponential backoff with jitter.
 *
 * Permissions: none.
 */

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 503, 504]);

export interface RetrySettings {
  /** Total attempts, the first included. */
  maxAttempts: number;
  /** First backoff step when the server names no wait. */
  baseDelayMs: number;
  /** Longest backoff step. */
  maxDelayMs: number;
  /** A longer Retry-After is not slept through: the request fails with `retryAfterMs` set. */
  maxRetryAfterMs: number;
  random: () => number;
}

export const DEFAULT_RETRY_SETTINGS: Omit<RetrySettings, 'random'> = {
  maxAttempts: 4,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

export function isSafeToRepeat(method: string, idempotent?: boolean): boolean {
  if (idempotent !== undefined) return idempotent;
  return method.toUpperCase() !== 'POST';
}

/** Whether a response with this status may be repeated for this request. */
export function shouldRetryStatus(status: number, method: string, idempotent?: boolean): boolean {
  if (status === 429 || status === 503) return true;
  if (status === 504) return isSafeToRepeat(method, idempotent);
  return false;
}

/**
 * `Retry-After` in milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3), relative to
 * `now`. Undefined when absent or unreadable; never negative.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Backoff before attempt `attempt + 1` (attempt counts from 1): "equal jitter", half fixed and
 * half random, so retries of many clients spread out but never hammer at once.
 */
export function backoffDelay(attempt: number, settings: RetrySettings): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + settings.random() * (ceiling / 2));
}

/** Sleeps `ms`, or rejects with the signal's reason as soon as it aborts. */
export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;
