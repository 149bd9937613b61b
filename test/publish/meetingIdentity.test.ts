/**
 * No meeting can touch another's objects: two meetings with the same reference and the same
 * action IDs (OPSG 41/01…), publishing into the same register, plan, To Do lists and chat. The
 * second meeting's every creation is left in doubt (recorded as sent, answer lost: what a server
 * killed at that moment leaves), so each is looked up before it is made: no lookup may find the
 * first meeting's row, task, reminder or post, and its library file is never written over. Nor
 * may it find the first meeting's task whose description (where the marker goes) was never
 * written: only a task made as its own creation was sent is taken.
 */
import { planPublish, type PublishPlan } from '../../src/publish';
import { startGraphSandbox, type RunningGraphSandbox } from '../../src/sandbox';
import { SqliteStore, type PublishStepRecord } from '../../src/store';
import {
  clients,
  meeting,
  meetingOps,
  op,
  publish,
  publishedCounts,
  publishingCommittee,
  TENANT,
  type Meeting,
} from './support';

let sandbox: RunningGraphSandbox;
beforeAll(async () => {
  sandbox = await startGraphSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

const CREATIONS = new Set(['register.upsert', 'planner.upsert', 'todo.upsert', 'chat.post']);

/** A ledger whose run sent every creation and lost every answer. */
async function everyCreationInDoubt(store: SqliteStore, subject: Meeting): Promise<PublishPlan> {
  const plan = planPublish({ tenantId: TENANT, ...subject, history: { runs: [], steps: [] } });
  const runId = 'run-of-meeting-b';
  const at = new Date().toISOString();
  await store.createPublishRun({
    runId,
    tenantId: TENANT,
    meetingId: subject.view.id,
    publishNo: 1,
    meetingSeq: subject.view.seq,
    status: 'running',
    startedAt: at,
    updatedAt: at,
    report: null,
    leaseHolder: null,
    leaseUntil: null,
  });
  const doubts: PublishStepRecord[] = plan.steps
    .filter((step) => CREATIONS.has(step.kind))
    .map((step) => ({
      runId,
      tenantId: TENANT,
      meetingId: subject.view.id,
      key: step.key,
      kind: step.kind,
      status: 'pending',
      result:
        step.kind === 'todo.upsert'
          ? { listId: sandbox.seed!.todoListIds[step.userId] ?? null }
          : null,
      error: null,
      attempts: 1,
      updatedAt: at,
    }));
  await store.recordPublishSteps(doubts);
  return plan;
}

describe('when two meetings with equal action IDs publish into the same places', () => {
  it('never takes the other meeting’s row, task, reminder or post for its own', async () => {
    const seed = sandbox.seed!;
    const committee = publishingCommittee(seed);
    const a = meeting(committee, meetingOps(seed));
    const library = committee.publishing.documentLibrary!;
    const bCommittee = {
      ...committee,
      publishing: { ...committee.publishing, documentLibrary: { ...library, folder: 'Files/B' } },
    };
    const bBase = meeting(bCommittee, meetingOps(seed));
    const b: Meeting = { ...bBase, view: { ...bBase.view, id: 'meeting-b' } };
    expect(b.view.actions.map((action) => action.actionId)).toEqual(
      a.view.actions.map((action) => action.actionId),
    );

    const storeA = new SqliteStore(':memory:');
    const storeB = new SqliteStore(':memory:');
    const graph = clients(sandbox, seed);
    expect(await publish({ store: storeA, clients: graph, meeting: a })).toMatchObject({
      status: 'done',
    });
    const plan = await everyCreationInDoubt(storeB, b);
    expect(plan.steps.filter((step) => CREATIONS.has(step.kind))).toHaveLength(15);
    const report = await publish({ store: storeB, clients: graph, meeting: b });
    expect(report).toMatchObject({ status: 'done', runId: 'run-of-meeting-b' });

    const counts = await publishedCounts(sandbox);
    expect(counts).toMatchObject({ rows: 12, plannerTasks: 12, todoTasks: 4, chatPosts: 2 });
    const ids = async (store: SqliteStore, meetingId: string, field: string) =>
      (await store.listPublishSteps(TENANT, meetingId))
        .map((step) => step.result?.[field])
        .filter((id): id is string => typeof id === 'string');
    for (const field of ['itemId', 'taskId', 'messageId']) {
      const ofA = new Set(await ids(storeA, a.view.id, field));
      expect((await ids(storeB, b.view.id, field)).filter((id) => ofA.has(id))).toEqual([]);
    }
    await storeA.close();
    await storeB.close();
  });

  it('never takes the other meeting’s task whose description was not written yet for its own', async () => {
    sandbox.reset();
    const seed = sandbox.seed!;
    const committee = publishingCommittee(seed);
    const a = meeting(committee, meetingOps(seed));
    // Meeting A's run makes its tasks and stops before their descriptions (which carry A's
    // marker) are written: A's tasks are in the plan, unmarked.
    sandbox.faults.configure({
      script: [
        { kind: 'unavailable', pathIncludes: '/details', times: 1000, retryAfterSeconds: 0 },
      ],
    });
    const storeA = new SqliteStore(':memory:');
    const graph = clients(sandbox, seed);
    const stopped = await publish({ store: storeA, clients: graph, meeting: a });
    expect(stopped).toMatchObject({ status: 'failed', failedStep: { kind: 'planner.details' } });
    sandbox.faults.configure({});
    const tasksOfA = new Set(sandbox.state.plannerTasks.keys());
    expect(tasksOfA.size).toBe(6);

    // Meeting B: the same action IDs, its own texts, every creation in doubt a moment later.
    const bCommittee = {
      ...committee,
      publishing: {
        ...committee.publishing,
        documentLibrary: { ...committee.publishing.documentLibrary!, folder: 'Files/B' },
      },
    };
    const reworded = a.view.actions.map((action, index) =>
      op('action.update', { id: action.id, text: `Meeting B: ${action.text}` }, 10 + index),
    );
    const bBase = meeting(bCommittee, meetingOps(seed, reworded));
    const b: Meeting = { ...bBase, view: { ...bBase.view, id: 'meeting-b' } };
    expect(b.view.actions.map((action) => action.actionId)).toEqual(
      a.view.actions.map((action) => action.actionId),
    );
    const storeB = new SqliteStore(':memory:');
    await everyCreationInDoubt(storeB, b);
    expect(await publish({ store: storeB, clients: graph, meeting: b })).toMatchObject({
      status: 'done',
    });

    const taskIdsOfB = (await storeB.listPublishSteps(TENANT, b.view.id))
      .filter((step) => step.kind === 'planner.upsert' && step.status === 'done')
      .map((step) => step.result?.taskId as string);
    expect(taskIdsOfB).toHaveLength(6);
    expect(taskIdsOfB.filter((id) => tasksOfA.has(id))).toEqual([]);
    expect((await publishedCounts(sandbox)).plannerTasks).toBe(12);
    await storeA.close();
    await storeB.close();
  });

  it('never writes a version over a file at its path that it did not publish', async () => {
    sandbox.reset();
    const seed = sandbox.seed!;
    const committee = publishingCommittee(seed);
    const a = meeting(committee, meetingOps(seed));
    const b: Meeting = { ...a, view: { ...a.view, id: 'meeting-b' } };
    const storeA = new SqliteStore(':memory:');
    const storeB = new SqliteStore(':memory:');
    const graph = clients(sandbox, seed);
    await publish({ store: storeA, clients: graph, meeting: a });
    const before = await publishedCounts(sandbox);

    const refused = await publish({ store: storeB, clients: graph, meeting: b });
    expect(refused).toMatchObject({
      status: 'failed',
      code: 'document_path_taken',
      failedStep: { kind: 'document.upload' },
    });
    expect(refused.status === 'failed' && refused.message).toMatch(/will not write over it/);
    expect((await publishedCounts(sandbox)).versions).toBe(before.versions);
    await storeA.close();
    await storeB.close();
  });
});
