/**
 * $batch over real HTTP: batches of 20, per-item results in request order whatever order Graph
 * answers in, and only throttled items sent again after the longest Retry-After.
 */
import { batchItemBody, sendBatch, type BatchRequest } from '../../src/graph/batch';
import { createGraphClient } from '../../src/graph/createGraphClient';
import { GraphRequestError } from '../../src/graph/GraphRequestError';
import {
  graphError,
  recordingSleep,
  startFakeGraphServer,
  type FakeGraphServer,
} from './fakeGraphServer';

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

let server: FakeGraphServer;

beforeEach(async () => {
  server = await startFakeGraphServer();
});

afterEach(async () => {
  await server.close();
});

function itemsOf(body: string): BatchItem[] {
  return (JSON.parse(body) as { requests: BatchItem[] }).requests;
}

/** Answers every item 200 with its own URL, in reverse order (Graph may answer in any order). */
function echoAll(item: BatchItem): {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
} {
  return {
    id: item.id,
    status: 200,
    headers: { 'Content-Type': 'application/json' },
    body: { url: item.url },
  };
}

function setup() {
  const { sleep, waits } = recordingSleep();
  const graph = createGraphClient({
    getToken: () => Promise.resolve('token'),
    baseUrl: server.baseUrl,
    sleep,
    random: () => 0.5,
  });
  return { graph, waits };
}

const tasks = (count: number): BatchRequest[] =>
  Array.from({ length: count }, (_, index) => ({
    method: 'GET',
    url: `/planner/tasks/task-${index + 1}`,
  }));

describe('when 25 requests are batched', () => {
  it('sends them in 2 round trips and returns the results in request order', async () => {
    server.script((request) => ({
      status: 200,
      body: { responses: itemsOf(request.body).map(echoAll).reverse() },
    }));
    const { graph } = setup();
    const results = await sendBatch(graph, tasks(25));
    expect(graph.stats.roundTrips).toBe(2);
    expect(server.received.map((request) => [request.method, request.url])).toEqual([
      ['POST', '/v1.0/$batch'],
      ['POST', '/v1.0/$batch'],
    ]);
    expect(itemsOf(server.received[0]?.body ?? '')).toHaveLength(20);
    expect(itemsOf(server.received[1]?.body ?? '')).toHaveLength(5);
    expect(results.map((result) => (result.body as { url: string }).url)).toEqual(
      tasks(25).map((task) => task.url),
    );
  });

  it('sends relative URLs and JSON bodies with a Content-Type', async () => {
    server.script((request) => ({
      status: 200,
      body: { responses: itemsOf(request.body).map(echoAll) },
    }));
    const { graph } = setup();
    await sendBatch(graph, [
      { method: 'GET', url: `${server.baseUrl}/me/todo/lists` },
      {
        method: 'PATCH',
        url: '/planner/tasks/t1',
        headers: { 'If-Match': 'W/"JzEtVGFzayAgQEBA"' },
        body: { title: 'OPSG 41/01 Review' },
      },
    ]);
    expect(itemsOf(server.received[0]?.body ?? '')).toEqual([
      { id: '0', method: 'GET', url: '/me/todo/lists' },
      {
        id: '1',
        method: 'PATCH',
        url: '/planner/tasks/t1',
        headers: { 'If-Match': 'W/"JzEtVGFzayAgQEBA"', 'Content-Type': 'application/json' },
        body: { title: 'OPSG 41/01 Review' },
      },
    ]);
  });
});

describe('when some items are throttled', () => {
  it('sends only those again, after the longest Retry-After among them', async () => {
    server.script((request, index) => {
      const items = itemsOf(request.body);
      if (index > 0) return { status: 200, body: { responses: items.map(echoAll) } };
      return {
        status: 200,
        body: {
          responses: items.map((item) =>
            item.id === '1'
              ? {
                  id: item.id,
                  status: 429,
                  headers: { 'Retry-After': '3' },
                  body: graphError('TooManyRequests', 'Throttled'),
                }
              : item.id === '3'
                ? {
                    id: item.id,
                    status: 503,
                    headers: { 'retry-after': '9' },
                    body: graphError('ServiceUnavailable', 'Busy'),
                  }
                : item.id === '4'
                  ? { id: item.id, status: 404, body: graphError('NotFound', 'No such task') }
                  : echoAll(item),
          ),
        },
      };
    });
    const { graph, waits } = setup();
    const results = await sendBatch(graph, tasks(5));
    expect(waits).toEqual([9000]);
    expect(itemsOf(server.received[1]?.body ?? '').map((item) => item.url)).toEqual([
      '/planner/tasks/task-2',
      '/planner/tasks/task-4',
    ]);
    expect(results.map((result) => [result.status, result.attempts])).toEqual([
      [200, 1],
      [200, 2],
      [200, 1],
      [200, 2],
      [404, 1],
    ]);
    expect(() => batchItemBody(results[4]!, 'GET /planner/tasks/task-5')).toThrow(
      GraphRequestError,
    );
  });

  it('stops at the attempt cap and returns the throttled answer', async () => {
    server.script((request) => ({
      status: 200,
      body: {
        responses: itemsOf(request.body).map((item) => ({
          id: item.id,
          status: 429,
          headers: { 'Retry-After': '1' },
        })),
      },
    }));
    const { graph, waits } = setup();
    const [result] = await sendBatch(graph, tasks(1));
    expect(server.received).toHaveLength(graph.retry.maxAttempts);
    expect(waits).toHaveLength(graph.retry.maxAttempts - 1);
    expect(result).toMatchObject({ status: 429, attempts: graph.retry.maxAttempts });
    expect(() => batchItemBody(result!, 'GET /planner/tasks/task-1')).toThrow(
      expect.objectContaining({ kind: 'throttled', retryAfterMs: 1000 }),
    );
  });

  it('does not send a POST item answered 504 again: it may have been carried out', async () => {
    server.script((request) => ({
      status: 200,
      body: { responses: itemsOf(request.body).map((item) => ({ id: item.id, status: 504 })) },
    }));
    const { graph } = setup();
    const [result] = await sendBatch(graph, [
      { method: 'POST', url: '/planner/tasks', body: { title: 'x' } },
    ]);
    expect(result?.status).toBe(504);
    expect(server.received).toHaveLength(1);
  });
});
