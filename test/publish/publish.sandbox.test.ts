/**
 * Publishing the OPSG-41 meeting against the Graph sandbox over real HTTP, with no faults: what
 * lands in Microsoft 365 (one document, one chat post, one e-mail with the .docx, one register
 * row and one Planner task per action, one To Do reminder per named contact per action), every
 * request accepted by the sandbox's Graph-type validation, progress step by step, and what a
 * republish after edits does.
 */
import { SqliteStore } from '../../src/store';
import {
  startGraphSandbox,
  type RunningGraphSandbox,
  type SandboxExchange,
} from '../../src/sandbox';
import type { PublishProgress } from '../../src/publish';
import {
  clients,
  meeting,
  meetingOps,
  publish,
  publishedCounts,
  publishingCommittee,
  refusals,
  republishEdits,
  TENANT,
  type Clients,
} from './support';

let sandbox: RunningGraphSandbox;
let exchanges: SandboxExchange[] = [];
let store: SqliteStore;
let graph: Clients;

beforeAll(async () => {
  sandbox = await startGraphSandbox({ onExchange: (exchange) => exchanges.push(exchange) });
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(() => {
  sandbox.reset();
  exchanges = [];
  store = new SqliteStore(':memory:');
  graph = clients(sandbox, sandbox.seed!);
});

afterEach(async () => {
  await store.close();
  expect(refusals(exchanges)).toEqual([]);
  expect(sandbox.contractViolations).toEqual([]);
});

describe('when the secretary publishes the OPSG-41 minutes', () => {
  it('files, announces and assigns everything exactly once', async () => {
    const seed = sandbox.seed!;
    const subject = meeting(publishingCommittee(seed), meetingOps(seed));
    const progress: PublishProgress[] = [];
    const report = await publish({
      store,
      clients: graph,
      meeting: subject,
      onProgress: (event) => progress.push(event),
    });

    expect(report).toMatchObject({ status: 'done', publishNo: 1 });
    expect(report.completed).toBe(report.total);
    const counts = await publishedCounts(sandbox);
    expect(counts).toMatchObject({
      documents: 1,
      // The upload, and the columns: SharePoint records a change of columns as a version.
      versions: 2,
      chatPosts: 1,
      mails: 1,
      mailsWithDocx: 1,
      drafts: 0,
      rows: 6,
      plannerTasks: 6,
      todoTasks: 2,
    });
    expect(counts.rowActionIds).toEqual(subject.view.actions.map((action) => action.actionId));
    expect(counts.plannerTitles.map((title) => title.slice(0, 10))).toEqual(
      subject.view.actions.map((action) => action.actionId),
    );
    expect(report.links.documentUrl).toMatch(
      /^https:\/\/.*\/Minutes\/OPSG\/2021\/OPSG_41_2501%20Draft%20Minutes\.docx$/,
    );
    expect(report.links.plannerTaskIds).toHaveLength(6);

    // Progress: every planned step reported done once, numbered 1..m.
    const done = progress.filter((event) => event.status === 'done');
    expect(done.map((event) => event.step).sort((a, b) => a - b)).toEqual(
      Array.from({ length: report.total }, (_, index) => index + 1),
    );
    expect(new Set(progress.map((event) => event.of))).toEqual(new Set([report.total]));
  });

  it('assigns the named contacts and links the minutes in Planner and To Do', async () => {
    const seed = sandbox.seed!;
    const subject = meeting(publishingCommittee(seed), meetingOps(seed));
    await publish({ store, clients: graph, meeting: subject });
    const megan = seed.users.find((user) => user.displayName === 'Megan Ross')!;
    const task = [...sandbox.state.plannerTasks.values()].find((entry) =>
      String(entry.resource.title).startsWith('OPSG 41/01 '),
    )!;
    expect(Object.keys(task.resource.assignments as object)).toEqual([megan.id]);
    expect(task.resource.dueDateTime).toBe('2021-02-22T17:00:00Z');
    expect(task.details.description).toContain('Raised at OPSG_41_2501 under item 1');
    expect(Object.values(task.details.references as object)).toEqual([
      expect.objectContaining({ alias: 'OPSG_41_2501 Draft Minutes', type: 'Word' }),
    ]);
    const reminders = [...sandbox.state.todoLists.values()]
      .filter((list) => list.ownerId === megan.id)
      .flatMap((list) => [...list.tasks.values()]);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.resource).toMatchObject({
      title: expect.stringMatching(/^OPSG 41\/01 /),
      isReminderOn: true,
      dueDateTime: { dateTime: '2021-02-22T00:00:00.0000000', timeZone: 'Europe/London' },
      reminderDateTime: { dateTime: '2021-02-20T09:00:00.0000000', timeZone: 'Europe/London' },
    });
  });

  it('uses few round trips: independent steps share $batch requests', async () => {
    const seed = sandbox.seed!;
    const subject = meeting(publishingCommittee(seed), meetingOps(seed));
    await publish({ store, clients: graph, meeting: subject });
    const stats = sandbox.stats.snapshot();
    // 6 actions: 6 rows + 6 tasks + 6 details (read and write) + 2 reminders + 5 others.
    expect(stats.batchItems).toBeGreaterThan(stats.batchRequests * 3);
    // Reads, upload, creates; then reads, writes; then the send: 8 in all.
    expect(stats.roundTrips).toBeLessThanOrEqual(8);
  });
});

describe('when the committee has no document library', () => {
  it('publishes the rest, without a link to the minutes', async () => {
    const seed = sandbox.seed!;
    const committee = publishingCommittee(seed);
    const subject = meeting(
      { ...committee, publishing: { ...committee.publishing, documentLibrary: null } },
      meetingOps(seed),
    );
    const report = await publish({ store, clients: graph, meeting: subject });
    expect(report).toMatchObject({ status: 'done', links: { documentUrl: null } });
    expect(report.skipped.map((step) => step.kind)).toEqual(['document.upload']);
    expect(await publishedCounts(sandbox)).toMatchObject({
      documents: 0,
      chatPosts: 1,
      mailsWithDocx: 1,
      rows: 6,
      plannerTasks: 6,
      todoTasks: 2,
    });
  });
});

describe('when the minutes are published again after edits', () => {
  it('updates in place: one more version, rows and tasks updated, the new action added', async () => {
    const seed = sandbox.seed!;
    const committee = publishingCommittee(seed);
    const first = meeting(committee, meetingOps(seed));
    await publish({ store, clients: graph, meeting: first });
    const before = await publishedCounts(sandbox);

    const second = meeting(committee, meetingOps(seed, republishEdits(first.view)));
    const report = await publish({ store, clients: graph, meeting: second });
    expect(report).toMatchObject({ status: 'done', publishNo: 2 });
    const after = await publishedCounts(sandbox);
    expect(after).toMatchObject({
      documents: 1,
      // The new upload; the columns did not change, so no version for them.
      versions: before.versions + 1,
      chatPosts: 1,
      mails: 1,
      rows: 7,
      plannerTasks: 7,
      todoTasks: 3,
    });
    const reworded = [...sandbox.state.plannerTasks.values()].find((entry) =>
      String(entry.resource.title).startsWith('OPSG 41/03 '),
    )!;
    expect(reworded.resource.title).toMatch(/Report to OPSG 42\.$/);
    const row = [...sandbox.state.lists.get(seed.site.actionListId)!.items.values()].find(
      (entry) => entry.fields.ActionId === 'OPSG 41/03',
    )!;
    expect(row.fields.ActionText).toMatch(/Report to OPSG 42\.$/);
    expect(report.skipped.map((step) => step.kind).sort()).toEqual([
      'chat.post',
      'document.columns',
      'mail.send',
    ]);
  });

  it('announces again only when asked, with a new chat post and e-mail', async () => {
    const seed = sandbox.seed!;
    const subject = meeting(publishingCommittee(seed), meetingOps(seed));
    await publish({ store, clients: graph, meeting: subject });
    await publish({ store, clients: graph, meeting: subject });
    expect(await publishedCounts(sandbox)).toMatchObject({ chatPosts: 1, mails: 1 });
    await publish({ store, clients: graph, meeting: subject, options: { announceAgain: true } });
    expect(await publishedCounts(sandbox)).toMatchObject({
      chatPosts: 2,
      mails: 2,
      versions: 4,
      rows: 6,
      plannerTasks: 6,
      todoTasks: 2,
    });
    const runs = await store.listPublishRuns(TENANT, subject.view.id);
    expect(runs.map((run) => [run.publishNo, run.status])).toEqual([
      [1, 'done'],
      [2, 'done'],
      [3, 'done'],
    ]);
  });
});

describe('when a publish cannot finish', () => {
  it('stops cleanly with a report, and Retry resumes where it stopped', async () => {
    const seed = sandbox.seed!;
    const subject = meeting(publishingCommittee(seed), meetingOps(seed));
    const progress: PublishProgress[] = [];
    // No application identity: To Do for other people cannot be written.
    const failed = await publish({
      store,
      clients: { delegated: graph.delegated } as Clients,
      meeting: subject,
      onProgress: (event) => progress.push(event),
    });
    expect(failed).toMatchObject({
      status: 'failed',
      publishNo: 1,
      failedStep: { kind: 'todo.upsert' },
      message: expect.stringContaining('Tasks.ReadWrite.All'),
    });
    expect(failed.completed).toBeLessThan(failed.total);
    expect(progress.filter((event) => event.status === 'failed').length).toBeGreaterThan(0);
    // The wave with the failure sent nothing: no chat post, no draft, no reminder yet.
    expect(await publishedCounts(sandbox)).toMatchObject({
      documents: 1,
      rows: 6,
      plannerTasks: 6,
      chatPosts: 0,
      drafts: 0,
      mails: 0,
      todoTasks: 0,
    });

    const [stopped] = await store.listPublishRuns(TENANT, subject.view.id);
    expect(stopped).toMatchObject({
      status: 'failed',
      report: { failedStep: { kind: 'todo.upsert' } },
    });

    const resumed = await publish({ store, clients: graph, meeting: subject });
    expect(resumed).toMatchObject({ status: 'done', runId: failed.runId, publishNo: 1 });
    expect(await store.listPublishRuns(TENANT, subject.view.id)).toEqual([
      expect.objectContaining({ runId: failed.runId, status: 'done' }),
    ]);
    expect(await publishedCounts(sandbox)).toMatchObject({
      documents: 1,
      versions: 2,
      chatPosts: 1,
      mails: 1,
      drafts: 0,
      rows: 6,
      plannerTasks: 6,
      todoTasks: 2,
    });
  });

  it('reconciles a document upload whose answer was lost instead of uploading twice', async () => {
    const seed = sandbox.seed!;
    sandbox.faults.configure({
      script: [{ kind: 'commitThenTimeout', method: 'PUT', pathIncludes: '/content' }],
      hangMs: 20,
    });
    const subject = meeting(publishingCommittee(seed), meetingOps(seed));
    const progress: PublishProgress[] = [];
    const report = await publish({
      store,
      clients: graph,
      meeting: subject,
      onProgress: (event) => progress.push(event),
    });
    expect(report.status).toBe('done');
    expect(
      progress.filter((event) => event.kind === 'document.upload').map((event) => event.status),
    ).toEqual(['running', 'unknown', 'reconciled']);
    expect(await publishedCounts(sandbox)).toMatchObject({ documents: 1, versions: 2 });
  });

  it('reads the etag again when a Planner task changed since the last publish', async () => {
    const seed = sandbox.seed!;
    const subject = meeting(publishingCommittee(seed), meetingOps(seed));
    await publish({ store, clients: graph, meeting: subject });
    const task = [...sandbox.state.plannerTasks.values()][0]!;
    const owner = await graph.delegated.send({
      method: 'PATCH',
      url: `/planner/tasks/${task.resource.id as string}`,
      headers: { 'If-Match': task.etag },
      body: { percentComplete: 50 },
    });
    expect(owner.status).toBe(204);
    const progress: PublishProgress[] = [];
    const report = await publish({
      store,
      clients: graph,
      meeting: subject,
      onProgress: (event) => progress.push(event),
    });
    expect(report.status).toBe('done');
    expect(progress.some((event) => event.status === 'retrying')).toBe(true);
    // The owner's progress stays: a republish does not reset what the owners did.
    expect(task.resource.percentComplete).toBe(50);
    expect(await publishedCounts(sandbox)).toMatchObject({ plannerTasks: 6 });
  });

  it('creates a Planner task anew when someone deleted it', async () => {
    const seed = sandbox.seed!;
    const subject = meeting(publishingCommittee(seed), meetingOps(seed));
    await publish({ store, clients: graph, meeting: subject });
    const task = [...sandbox.state.plannerTasks.values()][0]!;
    await graph.delegated.send({
      method: 'DELETE',
      url: `/planner/tasks/${task.resource.id as string}`,
      headers: { 'If-Match': task.etag },
    });
    const report = await publish({ store, clients: graph, meeting: subject });
    expect(report.status).toBe('done');
    const counts = await publishedCounts(sandbox);
    expect(counts.plannerTasks).toBe(6);
    expect(counts.plannerTitles.map((title) => title.slice(0, 10))).toEqual(
      subject.view.actions.map((action) => action.actionId),
    );
  });
});
