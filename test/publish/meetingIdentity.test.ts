/**
 * No meeting can touch another's objects: two meetings with the same reference and the same
 * action IDs (OPSG 41/01…), publishing into the same register, plan, To Do lists and chat. The
 * second meeting's every creation is left in doubt (recorded as sent, answer lost: what a server
 * killed at that moment leaves), so each is looked up before it is made: no lookup may find the
 * first meeting's row, task, reminder or post, and its library file is never written over.
 */
import { planPublish, type PublishPlan } from '../../src/publish';
import { startGraphSandbox, type RunningGraphSandbox } from '../../src/sandbox';
import { SqliteStore, type PublishStepRecord } from '../../src/store';
import {
  clients,
  meeting,
  meetingOps,
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
