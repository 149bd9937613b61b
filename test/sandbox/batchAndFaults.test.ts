/**
 * `$batch` and fault injection: items run like separate calls and fail on their own, a throttled
 * item carries its own Retry-After, and every fault kind is observable by a client, including a
 * write that commits and then never answers.
 */
import { FaultInjector } from '../../src/sandbox';
import {
  expectAllAnswersValid,
  expectGraphError,
  startHarness,
  TOKEN,
  type Harness,
} from './support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.sandbox.faults.configure({}));
expectAllAnswersValid(() => h);

const taskBody = (title: string) => ({
  planId: h.sandbox.seed!.plan.id,
  bucketId: h.sandbox.seed!.plan.openBucketId,
  title,
});
const planTasks = async () =>
  (
    (await h.graph('GET', `/planner/plans/${h.sandbox.seed!.plan.id}/tasks?$top=100`)).body
      .value as { title: string }[]
  ).map((task) => task.title);
const json = { 'Content-Type': 'application/json' };

describe('when independent requests go in one batch', () => {
  it('answers 200 with one response per request, each with its own status, in one round trip', async () => {
    const before = h.sandbox.stats.snapshot();
    const response = await h.graph('POST', '/$batch', {
      body: {
        requests: [
          { id: '1', method: 'GET', url: '/me?$select=id,mail' },
          {
            id: '2',
            method: 'POST',
            url: 'planner/tasks',
            headers: json,
            body: taskBody('Batch task A'),
          },
          { id: '3', method: 'GET', url: '/planner/tasks/doesNotExist' },
        ],
      },
    });
    expect(response.status).toBe(200);
    const byId = Object.fromEntries(
      response.body.responses.map((item: { id: string }) => [item.id, item]),
    );
    expect(byId['1'].status).toBe(200);
    expect(byId['1'].body.mail).toBe(h.sandbox.seed!.organizer.mail);
    expect(byId['2'].status).toBe(201);
    expect(byId['2'].headers.ETag).toBe(byId['2'].body['@odata.etag']);
    expect(byId['3'].status).toBe(404);
    const after = h.sandbox.stats.snapshot();
    expect(after.roundTrips - before.roundTrips).toBe(1);
    expect(after.batchRequests - before.batchRequests).toBe(1);
    expect(after.graphRequests - before.graphRequests).toBe(3);
  });

  it('gives 424 to a request whose dependency failed, and 400 to a body without Content-Type', async () => {
    const response = await h.graph('POST', '/$batch', {
      body: {
        requests: [
          { id: 'a', method: 'GET', url: '/planner/tasks/missing' },
          {
            id: 'b',
            method: 'POST',
            url: '/planner/tasks',
            dependsOn: ['a'],
            headers: json,
            body: taskBody('Never created'),
          },
          { id: 'c', method: 'POST', url: '/planner/tasks', body: taskBody('No content type') },
        ],
      },
    });
    const statuses = response.body.responses.map((item: { status: number }) => item.status);
    expect(statuses).toEqual([404, 424, 400]);
    expect(await planTasks()).not.toContain('Never created');
  });

  it('puts a throttled item’s Retry-After in that item’s headers, and runs the others', async () => {
    h.sandbox.faults.configure({
      script: [{ kind: 'throttle', pathIncludes: '/planner/tasks', retryAfterSeconds: 2 }],
    });
    const response = await h.graph('POST', '/$batch', {
      body: {
        requests: [
          {
            id: '1',
            method: 'POST',
            url: '/planner/tasks',
            headers: json,
            body: taskBody('Throttled'),
          },
          {
            id: '2',
            method: 'POST',
            url: '/planner/tasks',
            headers: json,
            body: taskBody('Not throttled'),
          },
        ],
      },
    });
    expect(response.status).toBe(200);
    const [first, second] = response.body.responses;
    expect(first.status).toBe(429);
    expect(first.headers['Retry-After']).toBe('2');
    expect(first.body.error.code).toBe('TooManyRequests');
    expect(second.status).toBe(201);
    expect(response.headers.get('retry-after')).toBeNull();
    const titles = await planTasks();
    expect(titles).toContain('Not throttled');
    expect(titles).not.toContain('Throttled');
  });
});

describe('when faults are injected', () => {
  it('answers 429 with Retry-After (0 allowed), 503 and 504 in Graph’s shape', async () => {
    h.sandbox.faults.configure({
      script: [
        { kind: 'throttle', retryAfterSeconds: 0 },
        { kind: 'unavailable', retryAfterSeconds: 1 },
        { kind: 'gatewayTimeout' },
      ],
    });
    const throttled = await h.graph('GET', '/me');
    expectGraphError(throttled, 429, 'TooManyRequests');
    expect(throttled.headers.get('retry-after')).toBe('0');
    const unavailable = await h.graph('GET', '/me');
    expectGraphError(unavailable, 503);
    expect(unavailable.headers.get('retry-after')).toBe('1');
    expectGraphError(await h.graph('GET', '/me'), 504);
    expect((await h.graph('GET', '/me')).status).toBe(200);
  });

  it('resets the connection before answering, and the write does not happen', async () => {
    h.sandbox.faults.configure({ script: [{ kind: 'reset', method: 'POST' }] });
    await expect(
      h.graph('POST', '/planner/tasks', { body: taskBody('Reset write') }),
    ).rejects.toThrow();
    expect(await planTasks()).not.toContain('Reset write');
    expect(h.sandbox.stats.snapshot().faults.reset).toBeGreaterThanOrEqual(1);
  });

  it('adds latency', async () => {
    h.sandbox.faults.configure({ script: [{ kind: 'latency', latencyMs: 150 }] });
    const started = performance.now();
    expect((await h.graph('GET', '/me')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('commits a write and then never answers: the client sees no response, the task exists', async () => {
    h.sandbox.faults.configure({
      hangMs: 300,
      script: [{ kind: 'commitThenTimeout', method: 'POST', pathIncludes: '/planner/tasks' }],
    });
    await expect(
      h.graph('POST', '/planner/tasks', { body: taskBody('Committed then silent') }),
    ).rejects.toThrow();
    expect(await planTasks()).toContain('Committed then silent');
  });

  it('gives a client timeout no answer either, when it gives up before the connection drops', async () => {
    h.sandbox.faults.configure({
      hangMs: 3000,
      script: [{ kind: 'commitThenTimeout', method: 'POST' }],
    });
    const aborted = fetch(`${h.sandbox.graphBaseUrl}/planner/tasks`, {
      method: 'POST',
      headers: { Authorization: TOKEN, 'Content-Type': 'application/json' },
      body: JSON.stringify(taskBody('Timed out but written')),
      signal: AbortSignal.timeout(200),
    });
    await expect(aborted).rejects.toThrow();
    expect(await planTasks()).toContain('Timed out but written');
  });

  it('withholds a whole batch when an item commits then times out', async () => {
    h.sandbox.faults.configure({
      hangMs: 200,
      script: [{ kind: 'commitThenTimeout', pathIncludes: '/planner/tasks' }],
    });
    await expect(
      h.graph('POST', '/$batch', {
        body: {
          requests: [
            {
              id: '1',
              method: 'POST',
              url: '/planner/tasks',
              headers: json,
              body: taskBody('Batch silent'),
            },
          ],
        },
      }),
    ).rejects.toThrow();
    expect(await planTasks()).toContain('Batch silent');
  });

  it('draws the same faults from the same seed, and never faults /_sandbox', async () => {
    const sequence = (seed: number) => {
      const faults = new FaultInjector({
        seed,
        rates: { throttle: 0.3, unavailable: 0.1, reset: 0.1 },
      });
      return Array.from(
        { length: 40 },
        () => faults.decide('GET', '/me', 'request').kind ?? '-',
      ).join(',');
    };
    expect(sequence(7)).toBe(sequence(7));
    expect(sequence(7)).not.toBe(sequence(8));
    expect(sequence(7)).toMatch(/throttle/);

    const settings = await fetch(`${h.sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ seed: 3, rates: { throttle: 1 } }),
    });
    expect(settings.status).toBe(200);
    expectGraphError(await h.graph('GET', '/me'), 429);
    const stats = await fetch(`${h.sandbox.url}/_sandbox/stats`);
    expect(stats.status).toBe(200);
    expect((await fetch(`${h.sandbox.url}/_sandbox`)).status).toBe(200);
    const refused = await fetch(`${h.sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ rates: { meteor: 1 } }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(refused.status).toBe(400);
  });

  it('counts requests, round trips and each kind of injected fault', async () => {
    h.sandbox.faults.configure({});
    const snapshot = h.sandbox.stats.snapshot();
    expect(snapshot.faults.throttle).toBeGreaterThan(0);
    expect(snapshot.faults.unavailable).toBeGreaterThan(0);
    expect(snapshot.faults.gatewayTimeout).toBeGreaterThan(0);
    expect(snapshot.faults.reset).toBeGreaterThan(0);
    expect(snapshot.faults.latency).toBeGreaterThan(0);
    expect(snapshot.faults.commitThenTimeout).toBeGreaterThanOrEqual(3);
    expect(snapshot.roundTrips).toBeGreaterThan(snapshot.batchRequests);
    expect(snapshot.byRoute['POST /planner/tasks']).toBeGreaterThan(0);
  });
});
