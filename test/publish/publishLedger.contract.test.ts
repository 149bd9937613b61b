/**
 * The publish ledger's contract on the Store port, against every adapter we have (SQLite on disk
 * and in memory; a networked adapter joins the list): runs numbered per meeting and never twice,
 * steps replaced by (run, key) and written all or nothing, tenants apart, and, on disk, every
 * recorded step still there after the store is closed and opened again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DomainError } from '../../src/domain';
import { PublishLedger } from '../../src/publish';
import {
  MemoryStore,
  SqliteStore,
  type PublishRunRecord,
  type PublishStepRecord,
  type Store,
} from '../../src/store';

const TENANT = 'tenant-a';
const OTHER = 'tenant-b';
const MEETING = 'meeting-41';
const AT = '2021-01-25T17:00:00.000Z';

const run = (
  runId: string,
  publishNo: number,
  extra: Partial<PublishRunRecord> = {},
): PublishRunRecord => ({
  runId,
  tenantId: TENANT,
  meetingId: MEETING,
  publishNo,
  meetingSeq: 100,
  status: 'running' as const,
  startedAt: AT,
  updatedAt: AT,
  report: null,
  leaseHolder: null,
  leaseUntil: null,
  ...extra,
});

const step = (runId: string, key: string, extra: Partial<PublishStepRecord> = {}) => ({
  runId,
  tenantId: TENANT,
  meetingId: MEETING,
  key,
  kind: 'planner.upsert',
  status: 'pending' as const,
  result: null,
  error: null,
  attempts: 1,
  updatedAt: AT,
  ...extra,
});

const directories: string[] = [];
function directory(): string {
  const created = fs.mkdtempSync(path.join(os.tmpdir(), 'minutebook-ledger-'));
  directories.push(created);
  return created;
}

afterAll(() => {
  for (const created of directories) fs.rmSync(created, { recursive: true, force: true });
});

describe.each([
  ['SQLite on disk', () => new SqliteStore(directory())],
  ['SQLite in memory', () => new SqliteStore(':memory:')],
  ['the in-memory store', () => new MemoryStore()],
] as [string, () => Store][])('the publish ledger in %s', (_name, open) => {
  let store: Store;

  beforeEach(() => {
    store = open();
  });

  afterEach(async () => {
    await store.close();
  });

  it('numbers the runs of a meeting and refuses a second run with the same number', async () => {
    await store.createPublishRun(run('run-1', 1));
    await store.createPublishRun(run('run-2', 2));
    await expect(store.createPublishRun(run('run-x', 2))).rejects.toMatchObject({
      code: 'already_exists',
    });
    await expect(store.createPublishRun(run('run-x', 2))).rejects.toBeInstanceOf(DomainError);
    const runs = await store.listPublishRuns(TENANT, MEETING);
    expect(runs.map((entry) => [entry.runId, entry.publishNo, entry.status])).toEqual([
      ['run-1', 1, 'running'],
      ['run-2', 2, 'running'],
    ]);
  });

  it('finishes a run with its report', async () => {
    await store.createPublishRun(run('run-1', 1));
    const report = { status: 'done', completed: 25, total: 25 };
    await store.updatePublishRun(TENANT, 'run-1', {
      status: 'done',
      updatedAt: '2021-01-25T17:05:00.000Z',
      report,
    });
    expect(await store.listPublishRuns(TENANT, MEETING)).toEqual([
      run('run-1', 1, { status: 'done', updatedAt: '2021-01-25T17:05:00.000Z', report }),
    ]);
    await expect(
      store.updatePublishRun(TENANT, 'run-none', { status: 'done', updatedAt: AT, report }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('keeps one record per run and key, the latest written', async () => {
    await store.createPublishRun(run('run-1', 1));
    await store.createPublishRun(run('run-2', 2));
    await store.recordPublishSteps([step('run-1', 'task:m:a1'), step('run-1', 'row:m:a1')]);
    const result = { taskId: 'T1', etag: 'W/"1"', assigneeIds: ['u1'] };
    await store.recordPublishSteps([
      step('run-1', 'task:m:a1', { status: 'done', result, attempts: 2 }),
    ]);
    await store.recordPublishSteps([step('run-2', 'task:m:a1', { status: 'unknown' })]);
    const steps = await store.listPublishSteps(TENANT, MEETING);
    expect(steps.map((entry) => [entry.runId, entry.key, entry.status, entry.attempts])).toEqual([
      ['run-1', 'row:m:a1', 'pending', 1],
      ['run-1', 'task:m:a1', 'done', 2],
      ['run-2', 'task:m:a1', 'unknown', 1],
    ]);
    expect(steps[1]).toEqual(step('run-1', 'task:m:a1', { status: 'done', result, attempts: 2 }));
  });

  it('writes a set of steps all or nothing', async () => {
    await store.createPublishRun(run('run-1', 1));
    // A step of a run that does not exist: the whole set is refused. (Any error will do; the
    // engine's own class may come from another test file's module registry.)
    const attempt = store.recordPublishSteps([
      step('run-1', 'row:m:a1'),
      step('run-missing', 'row:m:a2'),
    ]);
    await expect(attempt).rejects.toBeTruthy();
    expect(await store.listPublishSteps(TENANT, MEETING)).toEqual([]);
  });

  it('keeps tenants apart', async () => {
    await store.createPublishRun(run('run-1', 1));
    await store.createPublishRun({ ...run('run-1', 1), tenantId: OTHER });
    await store.recordPublishSteps([step('run-1', 'doc:m', { status: 'done' })]);
    expect(await store.listPublishSteps(OTHER, MEETING)).toEqual([]);
    expect(await store.listPublishRuns(OTHER, MEETING)).toHaveLength(1);
    expect(await store.listPublishRuns(TENANT, 'another-meeting')).toEqual([]);
  });

  it('serves a run’s ledger: pending before, outcome after, attempts counted', async () => {
    await store.createPublishRun(run('run-1', 1));
    const ledger = await PublishLedger.open(
      store,
      { tenantId: TENANT, meetingId: MEETING, runId: 'run-1' },
      () => AT,
    );
    const task = { key: 'task:m:a1', kind: 'planner.upsert' as const };
    await ledger.record([{ step: task, status: 'pending', sent: true, result: { base: 1 } }]);
    await ledger.record([{ step: task, status: 'unknown' }]);
    expect(ledger.get(task.key)).toMatchObject({ status: 'unknown', result: { base: 1 } });
    await ledger.record([{ step: task, status: 'pending', sent: true }]);
    await ledger.record([{ step: task, status: 'done', result: { taskId: 'T1' } }]);
    const again = await PublishLedger.open(
      store,
      { tenantId: TENANT, meetingId: MEETING, runId: 'run-1' },
      () => AT,
    );
    expect(again.isDone(task.key)).toBe(true);
    expect(again.resultOf(task.key)).toEqual({ taskId: 'T1' });
    expect(again.get(task.key)?.attempts).toBe(2);
  });
});

describe('a run’s ledger over the store', () => {
  let store: Store;
  beforeEach(() => {
    store = new MemoryStore();
  });
  afterEach(async () => {
    await store.close();
  });

  it('starts with an earlier run’s doubts as its own, until it writes its own record', async () => {
    await store.createPublishRun(run('run-1', 1, { status: 'failed' }));
    await store.createPublishRun(run('run-2', 2));
    const ledger = await PublishLedger.open(
      store,
      { tenantId: TENANT, meetingId: MEETING, runId: 'run-2' },
      () => AT,
      {
        inherited: [
          {
            key: 'todo:m:a1:c1',
            kind: 'todo.upsert',
            runId: 'run-1',
            result: { listId: 'L1' },
            updatedAt: AT,
          },
        ],
      },
    );
    expect(ledger.get('todo:m:a1:c1')).toMatchObject({ status: 'unknown', runId: 'run-1' });
    expect(ledger.isInherited('todo:m:a1:c1')).toBe(true);
    expect(ledger.isDone('todo:m:a1:c1')).toBe(false);
    const todo = { key: 'todo:m:a1:c1', kind: 'todo.upsert' as const };
    await ledger.record([{ step: todo, status: 'done', result: { listId: 'L1', taskId: 'T' } }]);
    expect(ledger.isInherited(todo.key)).toBe(false);
    expect(ledger.resultOf(todo.key)).toEqual({ listId: 'L1', taskId: 'T' });
    expect((await store.listPublishSteps(TENANT, MEETING)).map((entry) => entry.runId)).toEqual([
      'run-2',
    ]);
  });

  it('writes nothing once its guard refuses (the lease went to another executor)', async () => {
    await store.createPublishRun(run('run-1', 1));
    let allowed = true;
    const ledger = await PublishLedger.open(
      store,
      { tenantId: TENANT, meetingId: MEETING, runId: 'run-1' },
      () => AT,
      {
        guard: async () => {
          if (!allowed) throw new Error('lost');
        },
      },
    );
    const task = { key: 'task:m:a1', kind: 'planner.upsert' as const };
    await ledger.record([{ step: task, status: 'pending', sent: true }]);
    allowed = false;
    await expect(ledger.record([{ step: task, status: 'done', result: {} }])).rejects.toThrow(
      'lost',
    );
    expect((await store.listPublishSteps(TENANT, MEETING)).map((entry) => entry.status)).toEqual([
      'pending',
    ]);
  });
});

describe('the publish ledger on disk', () => {
  it('still has every recorded step after the store is closed and opened again', async () => {
    const location = directory();
    const first = new SqliteStore(location);
    await first.createPublishRun(run('run-1', 1));
    await first.recordPublishSteps([
      step('run-1', 'doc:m', { status: 'done', result: { itemId: 'I1', eTag: '"{A},2"' } }),
      step('run-1', 'chat:m:1', { status: 'pending' }),
    ]);
    await first.close();
    const second = new SqliteStore(location);
    const steps = await second.listPublishSteps(TENANT, MEETING);
    expect(steps.map((entry) => [entry.key, entry.status, entry.result])).toEqual([
      ['chat:m:1', 'pending', null],
      ['doc:m', 'done', { itemId: 'I1', eTag: '"{A},2"' }],
    ]);
    await second.close();
  });
});
