/**
 * JSON batching (concepts/json-batching.md): `POST /$batch` with up to 20 requests, each run
 * through the same routes as a separate call, in order, honouring `dependsOn` (an item whose
 * dependency failed gets 424). The envelope answers 200 whenever it parses; each item has its own
 * status and headers (a throttled item carries its own `Retry-After`).
 * Refusals (whole batch, 400): more than 20 requests, none, duplicate ids (ids are not
 * case-sensitive), a `dependsOn` naming no request or forming a cycle.
 */
import { badRequest } from '../core/graphError';
import type {
  CallSession,
  GraphRequest,
  GraphResponse,
  RouteContext,
  RouteDef,
} from '../core/types';
import type { GraphObject } from '../state/SandboxState';

export const MAX_BATCH_REQUESTS = 20;

/** Runs one item (faults included); `withheld` when a commit-then-timeout fault swallowed it. */
export type BatchItemRunner = (
  req: GraphRequest,
  session: CallSession,
) => { response: GraphResponse; withheld: boolean };

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}

function readItems(context: RouteContext): BatchItem[] {
  const requests = (context.req.body as { requests: GraphObject[] }).requests;
  if (requests.length === 0) throw badRequest('BadRequest', 'The batch contains no requests.');
  if (requests.length > MAX_BATCH_REQUESTS) {
    throw badRequest(
      'BadRequest',
      `The batch contains ${requests.length} requests; a JSON batch holds at most ${MAX_BATCH_REQUESTS}.`,
    );
  }
  const items = requests.map((request) => ({
    id: String(request.id),
    method: String(request.method).toUpperCase(),
    url: String(request.url),
    headers: Object.fromEntries(
      Object.entries((request.headers as GraphObject | null | undefined) ?? {}).map(
        ([key, value]) => [key.toLowerCase(), String(value)],
      ),
    ),
    body: request.body,
    dependsOn: ((request.dependsOn as string[] | null | undefined) ?? []).map(String),
  }));
  const ids = new Set<string>();
  for (const item of items) {
    const key = item.id.toLowerCase();
    if (ids.has(key))
      throw badRequest(
        'BadRequest',
        `The batch has two requests with id '${item.id}'; ids must be unique.`,
      );
    ids.add(key);
  }
  for (const item of items) {
    for (const dependency of item.dependsOn) {
      if (
        !ids.has(dependency.toLowerCase()) ||
        dependency.toLowerCase() === item.id.toLowerCase()
      ) {
        throw badRequest(
          'BadRequest',
          `Request '${item.id}' depends on '${dependency}', which is not another request of the batch.`,
        );
      }
    }
  }
  return items;
}

function toRequest(item: BatchItem): GraphRequest | undefined {
  if (/^[a-z]+:\/\//i.test(item.url)) return undefined;
  const relative = item.url.startsWith('/') ? item.url : `/${item.url}`;
  const [path = '/', search = ''] = relative.split(/\?(.*)/s);
  return {
    method: item.method,
    path,
    query: new URLSearchParams(search),
    headers: item.headers,
    received: item.body === undefined ? undefined : { kind: 'json', value: item.body },
    body: undefined,
    inBatch: true,
  };
}

function itemError(id: string, status: number, code: string, message: string): GraphObject {
  return {
    id,
    status,
    headers: { 'Content-Type': 'application/json' },
    body: { error: { code, message } },
  };
}

export function batchRoute(runItem: BatchItemRunner): RouteDef {
  return {
    method: 'POST',
    pattern: '/$batch',
    service: 'batch',
    body: { type: 'sandbox.batchRequest' },
    handle(context) {
      const items = readItems(context);
      const results = new Map<string, GraphObject>();
      const failed = new Set<string>();
      let withheld = false;
      const pending = [...items];
      while (pending.length > 0) {
        const index = pending.findIndex((item) =>
          item.dependsOn.every((dep) => results.has(dep.toLowerCase())),
        );
        if (index < 0)
          throw badRequest('BadRequest', 'The dependsOn references of the batch form a cycle.');
        const [item] = pending.splice(index, 1) as [BatchItem];
        const key = item.id.toLowerCase();
        if (item.dependsOn.some((dep) => failed.has(dep.toLowerCase()))) {
          failed.add(key);
          results.set(
            key,
            itemError(item.id, 424, 'FailedDependency', 'A request this one depends on failed.'),
          );
          continue;
        }
        const request = toRequest(item);
        if (!request || (item.body !== undefined && item.headers['content-type'] === undefined)) {
          failed.add(key);
          results.set(
            key,
            itemError(
              item.id,
              400,
              'BadRequest',
              request
                ? 'A request with a body needs a Content-Type header.'
                : 'A batch request url is relative to the version, like "/me/messages".',
            ),
          );
          continue;
        }
        const run = runItem(request, context.session);
        withheld ||= run.withheld;
        const { response } = run;
        if (response.status >= 400) failed.add(key);
        const entry: GraphObject = {
          id: item.id,
          status: response.status,
          headers: response.headers ?? {},
        };
        if (response.body !== undefined) {
          entry.body = Buffer.isBuffer(response.body)
            ? response.body.toString('base64')
            : response.body;
        }
        results.set(key, entry);
      }
      return {
        status: 200,
        body: { responses: items.map((item) => results.get(item.id.toLowerCase())) },
        declared: { type: 'sandbox.batchResponse' },
        ...(withheld ? { withheld: true } : {}),
      };
    },
  };
}
