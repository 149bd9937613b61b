/**
 * JSON batching (`POST /$batch`) of independent requests, built by hand: the SDK's
 * BatchRequestContent turns absolute URLs into "/v1.0/..." steps in 3.0.7.
 *
 * - At most 20 requests per batch; longer lists go in consecutive batches.
 * - Graph answers each item on its own, in any order; results come back in request order.
 * - Items answered 429 / 503 (and 504 for requests safe to repeat, see retryPolicy.ts) are sent
 *   again, only those, after the longest `Retry-After` among them (backoff when none is given),
 *   up to the client's attempt cap. SDKs do not retry inside a batch; Graph does not either.
 * - The envelope itself goes through the client's middleware, so a throttled or failed envelope
 *   is retried like any request (and, when every item is a GET, also after a timeout).
 *
 * Permissions: those of the requests inside.
 */
import { GraphRequestError } from './GraphRequestError';
import type { GraphClient, HttpMethod } from './createGraphClient';
import { ShapeError, list, optRecord, parseBody, record, str } from './parse';
import { backoffDelay, parseRetryAfter, shouldRetryStatus } from './retryPolicy';

export const MAX_BATCH_SIZE = 20;

export interface BatchRequest {
  method: HttpMethod;
  /** Relative to the base URL ("/me/events?...") or absolute under it. */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Marks a POST safe to repeat after a 504. */
  idempotent?: boolean;
}

export interface BatchResult {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** Attempts this item took (1 when it was answered the first time). */
  attempts: number;
}

export interface BatchOptions {
  signal?: AbortSignal;
}

export async function sendBatch(
  client: GraphClient,
  requests: readonly BatchRequest[],
  options: BatchOptions = {},
): Promise<BatchResult[]> {
  const results: BatchResult[] = new Array<BatchResult>(requests.length);
  for (let start = 0; start < requests.length; start += MAX_BATCH_SIZE) {
    const indexes = requests
      .slice(start, start + MAX_BATCH_SIZE)
      .map((_, offset) => start + offset);
    await sendOneBatch(client, requests, indexes, results, options);
  }
  return results;
}

async function sendOneBatch(
  client: GraphClient,
  requests: readonly BatchRequest[],
  indexes: number[],
  results: BatchResult[],
  options: BatchOptions,
): Promise<void> {
  let pending = indexes;
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    const answers = await postBatch(client, requests, pending, options);
    const again: number[] = [];
    let longestWait: number | undefined;
    for (const index of pending) {
      const answer = answers.get(String(index));
      if (!answer) {
        throw GraphRequestError.invalidResponse(
          `$batch answered no response for request id ${index}`,
        );
      }
      const request = requests[index] as BatchRequest;
      results[index] = { ...answer, attempts: attempt };
      if (
        attempt < client.retry.maxAttempts &&
        shouldRetryStatus(answer.status, request.method, request.idempotent)
      ) {
        again.push(index);
        const wait = parseRetryAfter(headerValue(answer.headers, 'retry-after'), client.now());
        if (wait !== undefined) longestWait = Math.max(longestWait ?? 0, wait);
      }
    }
    if (again.length === 0) return;
    const wait = longestWait ?? backoffDelay(attempt, client.retry);
    // Longer than we hold a publish open: leave the throttled answers as the results.
    if (wait > client.retry.maxRetryAfterMs) return;
    try {
      await client.sleep(wait, options.signal);
    } catch {
      throw GraphRequestError.transport('aborted', 'POST /$batch');
    }
    pending = again;
  }
}

async function postBatch(
  client: GraphClient,
  requests: readonly BatchRequest[],
  indexes: number[],
  options: BatchOptions,
): Promise<Map<string, Omit<BatchResult, 'attempts'>>> {
  const items = indexes.map((index) => {
    const request = requests[index] as BatchRequest;
    const url = client.relativeUrl(request.url);
    if (url === null) {
      throw new Error(
        `A $batch item must address ${client.baseUrl}, not ${new URL(request.url).host}.`,
      );
    }
    const headers: Record<string, string> = { ...request.headers };
    const hasBody = request.body !== undefined;
    if (hasBody && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/json';
    }
    return {
      id: String(index),
      method: request.method,
      url,
      ...(Object.keys(headers).length ? { headers } : {}),
      ...(hasBody ? { body: request.body } : {}),
    };
  });
  const response = await client.send({
    method: 'POST',
    url: '/$batch',
    body: { requests: items },
    idempotent: indexes.every((index) => requests[index]?.method === 'GET'),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return parseBody(response, parseBatchResponse);
}

function parseBatchResponse(body: unknown): Map<string, Omit<BatchResult, 'attempts'>> {
  const envelope = record(body, '$batch response');
  const answers = new Map<string, Omit<BatchResult, 'attempts'>>();
  for (const item of list(envelope, 'responses', '$batch response')) {
    const answer = record(item, '$batch response item');
    const status = answer.status;
    if (typeof status !== 'number')
      throw new ShapeError('$batch response item.status is not a number');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(optRecord(answer.headers, 'item headers') ?? {})) {
      if (typeof value === 'string') headers[name] = value;
    }
    answers.set(str(answer, 'id', '$batch response item'), { status, headers, body: answer.body });
  }
  return answers;
}

/** Header names in batch answers keep the server's case. */
export function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers))
    if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** The body of a successful item, or the item's failure as a GraphRequestError. */
export function batchItemBody(result: BatchResult, label: string): unknown {
  if (result.status >= 200 && result.status < 300) return result.body;
  throw GraphRequestError.fromResponse(
    result.status,
    result.body,
    { get: (name) => headerValue(result.headers, name) ?? null },
    label,
    parseRetryAfter(headerValue(result.headers, 'retry-after'), Date.now()),
  );
}
