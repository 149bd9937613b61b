/**
 * Publishing over HTTP into the in-process Graph sandbox with the demo tenant: who may publish,
 * a run followed on its event stream step by step, what the sandbox holds afterwards (exactly one
 * document, chat post, mail, register row, Planner task and To Do reminder each), a republish
 * after an edit, and a run that fails half-way, reports why, and resumes on Retry.
 */
import type { PublishRunState, PublishStatus } from '../../src/contract/graphApi';
import type { PublishRunRecord } from '../../src/store';
import { api, type TestServer } from '../helpers/testServer';
import {
  CHAIR,
  DEMO_MEETING_ID,
  followRun,
  publishAndFollow,
  sandboxState,
  SECRETARY,
  startDemoServer,
  type SandboxSnapshot,
} from './graphSupport';
import { closeAllStreams } from './sse';
import { committeeAndMeeting, grantRoles, note, op, postOps, SENTENCE } from './support';

jest.setTimeout(60_000);

const ACTION_IDS = [
  'OPSG 41/01',
  'OPSG 41/02',
  'OPSG 41/03',
  'OPSG 41/04',
  'OPSG 41/05',
  'OPSG 41/06',
];
const publishUrl = `/api/meetings/${DEMO_MEETING_ID}/publish`;

afterEach(() => closeAllStreams());

async function firstItemId(server: TestServer): Promise<string> {
  const view = await api(server.baseUrl, 'GET', `/api/meetings/${DEMO_MEETING_ID}`, {
    user: SECRETARY,
  });
  return view.body.agenda[0].id as string;
}

/**
 * The sandbox holds exactly one of everything for meeting 41, and `versions` versions of the
 * minutes (as in SharePoint, setting the library columns after an upload adds a version too).
 */
function expectPublishedOnce(state: SandboxSnapshot, versions: number): void {
  expect(state.documents).toHaveLength(1);
  expect(state.documents[0]).toMatchObject({
    path: 'Minutes/2021/OPSG_41_2501 Draft Minutes.docx',
    fields: expect.objectContaining({ MeetingReference: 'OPSG_41_2501', MinutesStatus: 'Draft' }),
  });
  expect(state.documents[0].versions).toHaveLength(versions);
  expect(state.chatPosts).toHaveLength(1);
  expect(state.chatPosts[0].content).toContain('OPSG_41_2501');
  expect(state.mails).toHaveLength(1);
  expect(state.mails[0]).toMatchObject({
    toRecipients: ['opsg-members@csec.example'],
    attachments: [expect.objectContaining({ name: 'OPSG_41_2501 Draft Minutes.docx' })],
  });
  const rows = state.listRows.filter((row) => row.fields.MeetingReference === 'OPSG_41_2501');
  expect(rows.map((row) => row.fields.ActionId).sort()).toEqual(ACTION_IDS);
  const titles = state.plannerTasks.map((task) => String(task.title).slice(0, 10)).sort();
  expect(titles).toEqual(ACTION_IDS);
  const assigned = Object.fromEntries(
    state.plannerTasks
      .filter((task) => task.assignees.length > 0)
      .map((task) => [String(task.title).slice(0, 10), task.assignees]),
  );
  expect(assigned).toEqual({ 'OPSG 41/01': ['Megan Ross'], 'OPSG 41/05': ['Olu Adeyemi'] });
  // One reminder per named contact per action, in the contact's own To Do.
  expect(
    state.todoTasks.map((task) => [task.owner, String(task.title).slice(0, 10)]).sort(),
  ).toEqual([
    ['Megan Ross', 'OPSG 41/01'],
    ['Olu Adeyemi', 'OPSG 41/05'],
  ]);
}

describe('who may publish', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startDemoServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses the chair (a member) with 403 forbidden, naming an owner, and publishes nothing', async () => {
    const status = await api<PublishStatus>(server.baseUrl, 'GET', publishUrl, { user: CHAIR });
    expect(status.body).toMatchObject({ canPublish: false, graphMode: 'sandbox', lastRun: null });
    expect(status.body.reason).toMatch(SENTENCE);

    const refused = await api(server.baseUrl, 'POST', publishUrl, { user: CHAIR, body: {} });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
    expect(refused.body.message).toContain('Ines Carvalho');
    const state = await sandboxState(server.baseUrl);
    expect([state.documents, state.chatPosts, state.mails, state.plannerTasks]).toEqual([
      [],
      [],
      [],
      [],
    ]);
  });

  it('lets an owner publish, and nobody merely recorded as the meeting secretary', async () => {
    const { committeeId, meetingId } = await committeeAndMeeting(server.baseUrl, {
      'x-minutebook-user': 'clerk',
    });
    const canPublish = async (user: string) =>
      (
        await api<PublishStatus>(server.baseUrl, 'GET', `/api/meetings/${meetingId}/publish`, {
          user,
        })
      ).body.canPublish;
    await grantRoles(
      server.baseUrl,
      committeeId,
      { 'wendy.lyle': 'member', 'harriet.cole': 'noteTaker' },
      { user: 'clerk' },
    );
    expect(await canPublish('clerk')).toBe(true);
    expect(await canPublish('wendy.lyle')).toBe(false);

    const added = await postOps(
      server.baseUrl,
      meetingId,
      [
        op(meetingId, 'participant.add', {
          id: 'p-wendy',
          name: 'Wendy Lyle',
          organisationId: 'cds',
          role: 'Meeting Secretary',
          email: 'wendy.lyle@cds.example',
        }),
      ],
      { user: 'clerk' },
    );
    expect(added.status).toBe(200);
    // The role text gives no right (issue 9, item 2); an owner's grant does.
    expect(await canPublish('wendy.lyle')).toBe(false);
    await grantRoles(server.baseUrl, committeeId, { 'wendy.lyle': 'owner' }, { user: 'clerk' });
    expect(await canPublish('wendy.lyle')).toBe(true);
    expect(await canPublish('harriet.cole')).toBe(false);
  });

  it('refuses options it does not know', async () => {
    const response = await api(server.baseUrl, 'POST', publishUrl, {
      user: SECRETARY,
      body: { announceAgain: 'yes' },
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('validation_failed');
  });
});

describe('when the secretary publishes the demo meeting', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startDemoServer();
  });
  afterAll(async () => {
    await server.close();
  });

  let first: Awaited<ReturnType<typeof publishAndFollow>>;

  it('streams every step, "n of m", to done, and links the results', async () => {
    first = await publishAndFollow(server.baseUrl, DEMO_MEETING_ID);
    expect(first.resumed).toBe(false);
    const total = first.end.total;
    expect(total).toBeGreaterThan(10);
    expect(first.progress.every((event) => event.of === total)).toBe(true);
    const finished = new Set(
      first.progress.filter((event) => event.status === 'done').map((event) => event.step),
    );
    expect([...finished].sort((a, b) => a - b)).toEqual(
      Array.from({ length: total }, (_, index) => index + 1),
    );
    expect(first.progress.find((event) => event.step === 1)?.label).toBe(
      'Upload OPSG_41_2501 Draft Minutes.docx',
    );
    expect(first.ids).toEqual(first.progress.map((_, index) => String(index + 1)));

    expect(first.end).toMatchObject({
      status: 'done',
      publishNo: 1,
      completed: total,
      failure: null,
      skipped: [],
    });
    // In local mode the links lead to the objects' rows in the sandbox's inspector.
    expect(first.end.results.document).toMatchObject({
      name: 'OPSG_41_2501 Draft Minutes.docx',
      url: expect.stringMatching(/^\/_sandbox#document-\S+$/),
      versions: 1,
    });
    expect(first.end.results.chatPost?.url).toMatch(/^\/_sandbox#chat-\S+$/);
    expect(first.end.results.tasks.map((task) => task.actionId)).toEqual(ACTION_IDS);
    const links = [
      first.end.results.document?.url,
      first.end.results.chatPost?.url,
      ...first.end.results.tasks.map((task) => task.url),
    ];
    const inspector = await (await fetch(`${server.baseUrl}/_sandbox`)).text();
    for (const link of links) {
      const anchor = decodeURIComponent(String(link).replace(/^\/_sandbox#/, ''));
      expect(inspector).toContain(`<tr id="${anchor}">`);
    }
    expect(first.end.results).toMatchObject({
      mail: { recipients: 1 },
      registerRows: 6,
      reminders: 2,
    });

    const again = await api<PublishRunState>(
      server.baseUrl,
      'GET',
      `${publishUrl}/${first.runId}`,
      { user: CHAIR },
    );
    expect(again.body).toEqual(first.end);
  });

  it('leaves exactly one of everything in Microsoft 365', async () => {
    expectPublishedOnce(await sandboxState(server.baseUrl), 2);
  });

  it('replays the stream after Last-Event-ID', async () => {
    const resumed = await followRun(server.baseUrl, DEMO_MEETING_ID, first.runId, SECRETARY, {
      'last-event-id': '3',
    });
    expect(resumed.progress).toEqual(first.progress.slice(3));
    expect(resumed.end.status).toBe('done');
  });

  it('on a republish after an edit, adds a version and updates in place without announcing again', async () => {
    const edited = await postOps(
      server.baseUrl,
      DEMO_MEETING_ID,
      [note(DEMO_MEETING_ID, 'A correction agreed after the meeting.', await firstItemId(server))],
      { user: SECRETARY },
    );
    expect(edited.status).toBe(200);
    const second = await publishAndFollow(server.baseUrl, DEMO_MEETING_ID);
    expect(second.runId).not.toBe(first.runId);
    expect(second.end).toMatchObject({ status: 'done', publishNo: 2 });
    expect(second.end.skipped.map((step) => step.reason)).toEqual([
      'Unchanged since the last publish.',
      expect.stringMatching(/^Already posted/),
      expect.stringMatching(/^Already e-mailed/),
    ]);
    expect(second.end.results.document?.versions).toBe(2);
    // The new content; the columns did not change, so no second metadata version.
    expectPublishedOnce(await sandboxState(server.baseUrl), 3);

    const status = await api<PublishStatus>(server.baseUrl, 'GET', publishUrl, { user: SECRETARY });
    expect(status.body).toMatchObject({
      canPublish: true,
      inspectorUrl: '/_sandbox',
      lastRun: { runId: second.runId, status: 'done' },
    });
  });
});

describe('when Graph keeps failing half-way through a run', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startDemoServer({
      faults: {
        script: [
          {
            kind: 'unavailable',
            pathIncludes: '/planner/tasks',
            times: 1000,
            retryAfterSeconds: 0,
          },
        ],
      },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('stops with a report naming the step, then Retry resumes the same run to exactly once', async () => {
    const failed = await publishAndFollow(server.baseUrl, DEMO_MEETING_ID);
    expect(failed.end.status).toBe('failed');
    expect(failed.end.failure?.step?.label).toMatch(/Planner task for OPSG 41\/0\d$/);
    expect(failed.end.failure?.message).toMatch(/\S/);
    expect(failed.end.completed).toBeLessThan(failed.end.total);
    expect(failed.progress.some((event) => event.status === 'retrying')).toBe(true);
    const half = await sandboxState(server.baseUrl);
    expect(half.documents).toHaveLength(1);
    expect(half.plannerTasks).toHaveLength(0);

    const status = await api<PublishStatus>(server.baseUrl, 'GET', publishUrl, { user: SECRETARY });
    expect(status.body.lastRun).toMatchObject({ runId: failed.runId, status: 'failed' });

    // Graph recovers; the secretary presses Retry.
    await fetch(`${server.baseUrl}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const retried = await publishAndFollow(server.baseUrl, DEMO_MEETING_ID);
    expect(retried).toMatchObject({ runId: failed.runId, resumed: true });
    expect(retried.end).toMatchObject({ status: 'done', publishNo: 1, failure: null });
    // Its progress starts where the run stood: what it had done is said first, once each.
    const earlier = retried.progress.filter(
      (event) => event.message === 'Done earlier in this run.',
    );
    expect(new Set(earlier.map((event) => event.key)).size).toBe(failed.end.completed);
    expect(retried.progress.slice(0, earlier.length)).toEqual(earlier);
    expect(retried.end.completed).toBe(retried.end.total);
    expect(retried.end.total).toBe(failed.end.total);
    expectPublishedOnce(await sandboxState(server.baseUrl), 2);
  });

  it('answers a second POST while a run is going with the same run', async () => {
    const correction = note(DEMO_MEETING_ID, 'Another correction.', await firstItemId(server));
    const edited = await postOps(server.baseUrl, DEMO_MEETING_ID, [correction], {
      user: SECRETARY,
    });
    expect(edited.status).toBe(200);
    const [a, b] = await Promise.all([
      api(server.baseUrl, 'POST', publishUrl, { user: SECRETARY, body: {} }),
      api(server.baseUrl, 'POST', publishUrl, { user: SECRETARY, body: {} }),
    ]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.body.runId).toBe(b.body.runId);
    const end = await followRun(server.baseUrl, DEMO_MEETING_ID, a.body.runId, SECRETARY);
    expect(end.end.status).toBe('done');
  });
});

describe('when another server instance resumes a run that failed here', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startDemoServer({
      faults: {
        script: [
          {
            kind: 'unavailable',
            pathIncludes: '/planner/tasks',
            times: 1000,
            retryAfterSeconds: 0,
          },
        ],
      },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers the run’s state from the store, not from what this server last saw of it', async () => {
    const failed = await publishAndFollow(server.baseUrl, DEMO_MEETING_ID);
    expect(failed.end.status).toBe('failed');
    const runUrl = `${publishUrl}/${failed.runId}`;

    // Another instance takes the run (this one released it) and resumes it.
    const now = new Date();
    const until = new Date(now.getTime() + 60_000).toISOString();
    expect(
      await server.store.leasePublishRun(
        'local',
        failed.runId,
        'another-instance',
        now.toISOString(),
        until,
      ),
    ).toBe(true);
    const planned = [...new Set(failed.progress.map((event) => event.key))];
    await server.store.updatePublishRun('local', failed.runId, {
      status: 'running',
      updatedAt: new Date(now.getTime() + 1).toISOString(),
      report: {
        status: 'running',
        runId: failed.runId,
        publishNo: 1,
        total: failed.end.total,
        planned,
        skipped: [],
      },
    });
    const running = await api<PublishRunState>(server.baseUrl, 'GET', runUrl, { user: SECRETARY });
    expect(running.body).toMatchObject({
      status: 'running',
      failure: null,
      completed: failed.end.completed,
      total: failed.end.total,
    });
    const status = await api<PublishStatus>(server.baseUrl, 'GET', publishUrl, { user: SECRETARY });
    expect(status.body.lastRun).toMatchObject({ runId: failed.runId, status: 'running' });
    const refused = await api(server.baseUrl, 'POST', publishUrl, { user: SECRETARY, body: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('publish_running_elsewhere');

    // It finishes there.
    await server.store.updatePublishRun('local', failed.runId, {
      status: 'done',
      updatedAt: new Date(now.getTime() + 2).toISOString(),
      report: {
        status: 'done',
        runId: failed.runId,
        publishNo: 1,
        completed: failed.end.total,
        total: failed.end.total,
        skipped: [],
        links: { documentUrl: null, chatMessageUrl: null, plannerTaskIds: [] },
      },
    });
    await server.store.releasePublishRun('local', failed.runId, 'another-instance');
    const done = await api<PublishRunState>(server.baseUrl, 'GET', runUrl, { user: SECRETARY });
    expect(done.body).toMatchObject({
      status: 'done',
      failure: null,
      completed: failed.end.total,
      total: failed.end.total,
    });
  });
});

describe('when the server stopped during a run', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startDemoServer();
  });
  afterEach(async () => {
    await server.close();
  });

  /** What a server killed mid-run leaves in the store: a run still marked running. */
  async function killedRun(extra: Partial<PublishRunRecord> = {}): Promise<PublishRunRecord> {
    const meeting = await server.store.getMeeting('local', DEMO_MEETING_ID);
    const run: PublishRunRecord = {
      runId: 'run-killed-mid-publish',
      tenantId: 'local',
      meetingId: DEMO_MEETING_ID,
      publishNo: 1,
      meetingSeq: meeting!.lastSeq,
      status: 'running',
      startedAt: '2021-01-25T16:00:00Z',
      updatedAt: '2021-01-25T16:00:05Z',
      report: null,
      leaseHolder: null,
      leaseUntil: null,
      ...extra,
    };
    await server.store.createPublishRun(run);
    return run;
  }

  it('calls the run interrupted, and Retry resumes it when the meeting is unchanged', async () => {
    await killedRun();
    const status = await api<PublishStatus>(server.baseUrl, 'GET', publishUrl, { user: SECRETARY });
    expect(status.body.lastRun).toMatchObject({
      runId: 'run-killed-mid-publish',
      status: 'interrupted',
      failure: { code: 'interrupted' },
    });
    expect(status.body.lastRun?.failure?.message).toMatch(/Retry/);

    const resumed = await publishAndFollow(server.baseUrl, DEMO_MEETING_ID);
    expect(resumed).toMatchObject({ runId: 'run-killed-mid-publish', resumed: true });
    expect(resumed.end.status).toBe('done');
    expectPublishedOnce(await sandboxState(server.baseUrl), 2);
  });

  it('counts what an interrupted run had done of its whole plan', async () => {
    const planned = Array.from({ length: 25 }, (_, index) => `row:${DEMO_MEETING_ID}:a${index}`);
    const run = await killedRun({
      report: {
        status: 'running',
        runId: 'run-killed-mid-publish',
        publishNo: 1,
        total: planned.length,
        planned,
        skipped: [],
      },
    });
    // It had begun three steps of 25, and finished two of them.
    await server.store.recordPublishSteps(
      planned.slice(0, 3).map((key, index) => ({
        runId: run.runId,
        tenantId: 'local',
        meetingId: DEMO_MEETING_ID,
        key,
        kind: 'register.upsert',
        status: index < 2 ? 'done' : 'pending',
        result: index < 2 ? { itemId: `row-${index}` } : null,
        error: null,
        attempts: 1,
        updatedAt: '2021-01-25T16:00:04Z',
      })),
    );
    const state = await api<PublishRunState>(
      server.baseUrl,
      'GET',
      `${publishUrl}/run-killed-mid-publish`,
      { user: SECRETARY },
    );
    expect(state.body).toMatchObject({ status: 'interrupted', completed: 2, total: 25 });
  });

  it('after an edit, starts a new publish that takes over from the interrupted one and finishes', async () => {
    await killedRun({ meetingSeq: 1 });
    const taken = await publishAndFollow(server.baseUrl, DEMO_MEETING_ID);
    expect(taken.runId).not.toBe('run-killed-mid-publish');
    expect(taken).toMatchObject({ resumed: false });
    expect(taken.end).toMatchObject({ status: 'done', publishNo: 2 });
    expect(taken.end.completed).toBe(taken.end.total);
    expectPublishedOnce(await sandboxState(server.baseUrl), 2);
    const old = await api<PublishRunState>(
      server.baseUrl,
      'GET',
      `${publishUrl}/run-killed-mid-publish`,
      { user: SECRETARY },
    );
    expect(old.body).toMatchObject({ status: 'failed', failure: { code: 'superseded' } });
    expect(old.body.failure?.message).toMatch(/took over/);
  });

  it('answers 409 while another server instance holds the run, and resumes it once that lease ends', async () => {
    const until = new Date(Date.now() + 60_000).toISOString();
    await killedRun({ leaseHolder: 'another-instance', leaseUntil: until });
    const status = await api<PublishStatus>(server.baseUrl, 'GET', publishUrl, { user: SECRETARY });
    expect(status.body.lastRun).toMatchObject({ status: 'running', failure: null });

    const refused = await api(server.baseUrl, 'POST', publishUrl, {
      user: SECRETARY,
      body: {},
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('publish_running_elsewhere');
    expect(refused.body.message).toContain(until);
    const untouched = await sandboxState(server.baseUrl);
    expect([untouched.documents, untouched.plannerTasks]).toEqual([[], []]);

    // That server died: its lease ran out (it ended a second ago).
    const past = new Date(Date.now() - 1_000).toISOString();
    expect(
      await server.store.leasePublishRun(
        'local',
        'run-killed-mid-publish',
        'another-instance',
        past,
        past,
      ),
    ).toBe(true);
    const resumed = await publishAndFollow(server.baseUrl, DEMO_MEETING_ID);
    expect(resumed).toMatchObject({ runId: 'run-killed-mid-publish', resumed: true });
    expect(resumed.end.status).toBe('done');
    expectPublishedOnce(await sandboxState(server.baseUrl), 2);
  });
});

describe('a run that is not the meeting’s', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startDemoServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers 404 for its state and its stream', async () => {
    const state = await api(server.baseUrl, 'GET', `${publishUrl}/not-a-run`, { user: SECRETARY });
    expect(state.status).toBe(404);
    expect(state.body.message).toMatch(SENTENCE);
    const stream = await fetch(`${server.baseUrl}${publishUrl}/not-a-run/stream`, {
      headers: { 'x-minutebook-user': SECRETARY },
    });
    expect(stream.status).toBe(404);
  });
});
