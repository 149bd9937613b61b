/**
 * Publishes that always finish, against the Graph sandbox over HTTP: a publish interrupted, the
 * sandbox restarted (everything it made is gone, old ids answer 404), the meeting edited, then
 * published again; a Planner task deleted between a failed run and its Retry; the progress of an
 * interrupted run read from the store; and two executors on one store, of which only one ever
 * works on a run (the other is told it runs elsewhere, and takes over once the lease ran out).
 */
import { createGraphClient, type GraphClient } from '../../src/graph';
import type { PublishProgress } from '../../src/publish';
import { startGraphSandbox, type RunningGraphSandbox } from '../../src/sandbox';
import { emptyResults, storedState } from '../../src/server/publishRunState';
import { MemoryStore, SqliteStore, type Store } from '../../src/store';
import {
  clients,
  meeting,
  meetingOps,
  publish,
  publishedCounts,
  publishingCommittee,
  publishOrElsewhere,
  republishEdits,
  TENANT,
  type Clients,
} from './support';

let sandbox: RunningGraphSandbox;
let store: Store;
let graph: Clients;

beforeAll(async () => {
  sandbox = await startGraphSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.reset();
  store = new SqliteStore(':memory:');
  graph = clients(sandbox, sandbox.seed!);
});
afterEach(async () => {
  await store.close();
  expect(sandbox.contractViolations).toEqual([]);
});

/** An AbortSignal that fires once `count` steps are reported done. */
function stopAfter(count: number) {
  const controller = new AbortController();
  let done = 0;
  return {
    signal: controller.signal,
    onProgress: (event: PublishProgress) => {
      if (event.status === 'done' && ++done >= count) controller.abort();
    },
  };
}

const ONE_OF_EVERYTHING = {
  documents: 1,
  chatPosts: 1,
  mails: 1,
  mailsWithDocx: 1,
  drafts: 0,
  rows: 6,
  plannerTasks: 6,
  todoTasks: 2,
};

describe('when the publisher stopped mid-publish and the sandbox restarted', () => {
  it('after an edit, a new publish takes over and finishes with exactly one of everything', async () => {
    const seed = sandbox.seed!;
    const committee = publishingCommittee(seed);
    const first = meeting(committee, meetingOps(seed));
    const stopped = await publish({ store, clients: graph, meeting: first, ...stopAfter(5) });
    expect(stopped.status).toBe('interrupted');
    expect(stopped.completed).toBeGreaterThan(0);
    expect(stopped.completed).toBeLessThan(stopped.total);
    sandbox.reset(); // Graph lost all of it: every id the ledger holds answers 404 now.

    const edited = meeting(committee, meetingOps(seed, republishEdits(first.view)));
    const report = await publish({ store, clients: graph, meeting: edited });
    expect(report).toMatchObject({ status: 'done', publishNo: 2 });
    expect(report.completed).toBe(report.total);
    expect(await publishedCounts(sandbox)).toMatchObject({
      ...ONE_OF_EVERYTHING,
      rows: 7,
      plannerTasks: 7,
      todoTasks: 3,
    });
    const runs = await store.listPublishRuns(TENANT, edited.view.id);
    expect(runs.map((run) => [run.publishNo, run.status])).toEqual([
      [1, 'failed'],
      [2, 'done'],
    ]);
    expect(runs[0]!.report).toMatchObject({ code: 'superseded' });
    // The ledger holds the new ids, and every one of them is really there.
    const tasks = new Set(sandbox.state.plannerTasks.keys());
    expect(report.links.plannerTaskIds.every((id) => tasks.has(id))).toBe(true);
  });

  it('without an edit, Retry resumes the run and makes again what vanished', async () => {
    const seed = sandbox.seed!;
    const subject = meeting(publishingCommittee(seed), meetingOps(seed));
    const stopped = await publish({ store, clients: graph, meeting: subject, ...stopAfter(10) });
    expect(stopped.status).toBe('interrupted');
    const madeBefore = new Map(
      (await store.listPublishSteps(TENANT, subject.view.id))
        .filter((step) => step.status === 'done' && step.kind === 'planner.upsert')
        .map((step) => [step.key, step.result?.taskId]),
    );
    expect(madeBefore.size).toBeGreaterThan(0);
    sandbox.reset();

    const progress: PublishProgress[] = [];
    const report = await publish({
      store,
      clients: graph,
      meeting: subject,
      onProgress: (event) => progress.push(event),
    });
    expect(report).toMatchObject({ status: 'done', publishNo: 1, runId: stopped.runId });
    expect(await publishedCounts(sandbox)).toMatchObject({ ...ONE_OF_EVERYTHING, versions: 2 });
    expect(
      progress.some((event) => event.status === 'retrying' && /deleted/.test(event.message!)),
    ).toBe(true);
    const tasks = new Set(sandbox.state.plannerTasks.keys());
    expect(report.links.plannerTaskIds.every((id) => tasks.has(id))).toBe(true);
    // The ledger keeps what happened: each task made again says which one vanished.
    const records = await store.listPublishSteps(TENANT, subject.view.id);
    for (const [key, oldId] of madeBefore) {
      const record = records.find((step) => step.key === key)!;
      expect(record).toMatchObject({ status: 'done', result: { replaced: { taskId: oldId } } });
      expect(record.result?.taskId).not.toBe(oldId);
    }
  });
});

describe('when a Planner task is deleted between a failed run and its Retry', () => {
  it('makes the task again, then writes its details on the new one', async () => {
    const seed = sandbox.seed!;
    const subject = meeting(publishingCommittee(seed), meetingOps(seed));
    // Without the application identity the reminders fail: the run stops after the tasks.
    const failed = await publish({
      store,
      clients: { delegated: graph.delegated } as Clients,
      meeting: subject,
    });
    expect(failed).toMatchObject({ status: 'failed', failedStep: { kind: 'todo.upsert' } });
    const victim = [...sandbox.state.plannerTasks.values()][0]!;
    const deleted = await graph.delegated.send({
      method: 'DELETE',
      url: `/planner/tasks/${victim.resource.id as string}`,
      headers: { 'If-Match': victim.etag },
    });
    expect(deleted.status).toBe(204);

    const retried = await publish({ store, clients: graph, meeting: subject });
    expect(retried).toMatchObject({ status: 'done', runId: failed.runId });
    expect(await publishedCounts(sandbox)).toMatchObject(ONE_OF_EVERYTHING);
    const title = String(victim.resource.title);
    const again = [...sandbox.state.plannerTasks.values()].find(
      (task) => task.resource.title === title,
    )!;
    expect(again.resource.id).not.toBe(victim.resource.id);
    expect(String(again.details.description)).toContain(`Ref minutebook:${TENANT}:task:`);
  });
});

describe('when the draft of the e-mail vanished before it was sent', () => {
  it('looks in Sent Items, makes the draft again and sends it once', async () => {
    const seed = sandbox.seed!;
    const subject = meeting(publishingCommittee(seed), meetingOps(seed));
    sandbox.faults.configure({
      script: [{ kind: 'unavailable', pathIncludes: '/send', times: 1000, retryAfterSeconds: 0 }],
    });
    const failed = await publish({ store, clients: graph, meeting: subject });
    expect(failed).toMatchObject({ status: 'failed', failedStep: { kind: 'mail.send' } });
    expect(await publishedCounts(sandbox)).toMatchObject({ drafts: 1, mails: 0 });
    sandbox.reset(); // The draft is gone with everything else.

    const retried = await publish({ store, clients: graph, meeting: subject });
    expect(retried).toMatchObject({ status: 'done', runId: failed.runId });
    expect(await publishedCounts(sandbox)).toMatchObject(ONE_OF_EVERYTHING);
  });

  it('does not send again a mail that went out though its answer was lost', async () => {
    const seed = sandbox.seed!;
    const subject = meeting(publishingCommittee(seed), meetingOps(seed));
    sandbox.faults.configure({
      script: [{ kind: 'commitThenTimeout', pathIncludes: '/send' }],
      hangMs: 20,
    });
    const quick = { ...graph, delegated: clients(sandbox, seed, { timeoutMs: 200 }).delegated };
    const report = await publish({ store, clients: quick, meeting: subject });
    expect(report.status).toBe('done');
    expect(await publishedCounts(sandbox)).toMatchObject(ONE_OF_EVERYTHING);
  });
});

describe('the progress of an interrupted run', () => {
  it('counts the steps done of the real plan, not the steps it had begun', async () => {
    const seed = sandbox.seed!;
    const subject = meeting(publishingCommittee(seed), meetingOps(seed));
    const stopped = await publish({ store, clients: graph, meeting: subject, ...stopAfter(3) });
    expect(stopped.status).toBe('interrupted');
    const [run] = await store.listPublishRuns(TENANT, subject.view.id);
    const steps = await store.listPublishSteps(TENANT, subject.view.id);
    const state = storedState(run!, steps, emptyResults(), new Date());
    expect(state).toMatchObject({
      status: 'interrupted',
      completed: stopped.completed,
      total: stopped.total,
      failure: { code: 'interrupted' },
    });
    // The run had begun fewer steps than its plan has: those are not "all of them".
    expect(steps.length).toBeLessThan(stopped.total);
    expect(state.completed).toBe(steps.filter((step) => step.status === 'done').length);
  });
});

/** A Graph client whose requests wait at the token until `open()`: a server caught mid-request. */
function gated(baseUrl: string, token: string) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const client: GraphClient = createGraphClient({
    baseUrl,
    getToken: async () => {
      await gate;
      return token;
    },
    sleep: () => Promise.resolve(),
  });
  return { client, open };
}

describe('when two executors (two server instances) reach one run', () => {
  it('lets only one work on it; the other is told it runs elsewhere, and takes over once the lease ran out', async () => {
    const seed = sandbox.seed!;
    const shared: Store = new MemoryStore();
    const subject = meeting(publishingCommittee(seed), meetingOps(seed));
    let time = Date.parse('2025-03-03T10:00:00Z');
    const now = () => new Date(time);

    // Instance A starts the run, and is caught in its first request.
    const a = {
      delegated: gated(sandbox.graphBaseUrl, `user:${seed.organizer.id}`),
      application: gated(sandbox.graphBaseUrl, 'app'),
    };
    const runA = publishOrElsewhere({
      store: shared,
      clients: { delegated: a.delegated.client, application: a.application.client },
      meeting: subject,
      lease: { holder: 'instance-a', durationMs: 30_000 },
      now,
    });
    while ((await shared.listPublishRuns(TENANT, subject.view.id)).length === 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }

    // Instance B, ten seconds later: A holds the run.
    time += 10_000;
    const b = { store: shared, clients: graph, meeting: subject, now };
    const refused = await publishOrElsewhere({ ...b, lease: { holder: 'instance-b' } });
    expect(refused).toMatchObject({
      status: 'running_elsewhere',
      leaseUntil: '2025-03-03T10:00:30.000Z',
    });
    expect(await shared.listPublishSteps(TENANT, subject.view.id)).toEqual([]);
    expect(await publishedCounts(sandbox)).toMatchObject({ documents: 0, rows: 0 });

    // A went quiet past its lease (its server died, or stalled): B takes the run over.
    time += 25_000;
    const taken = await publishOrElsewhere({ ...b, lease: { holder: 'instance-b' } });
    expect(taken).toMatchObject({ status: 'done', publishNo: 1 });

    // A wakes up: it finds its lease gone and writes nothing more.
    a.delegated.open();
    a.application.open();
    expect(await runA).toMatchObject({ status: 'running_elsewhere' });
    expect(await publishedCounts(sandbox)).toMatchObject({ ...ONE_OF_EVERYTHING, versions: 2 });
    expect(
      (await shared.listPublishRuns(TENANT, subject.view.id)).map((run) => run.status),
    ).toEqual(['done']);
    await shared.close();
  });
});
