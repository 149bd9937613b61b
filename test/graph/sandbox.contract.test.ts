/**
 * Contract tests: every resource module against the Graph sandbox (src/sandbox) over real HTTP.
 * The sandbox validates each request body against Graph's own v1.0 types and answers 400 for a
 * property Graph does not have, so a module whose happy path passes here sends bodies Graph
 * accepts. Every exchange is collected, and each test also checks that none was refused as a bad
 * request and that the sandbox's own answers kept to the Graph types.
 *
 * Identities as the sandbox reads them: `user:<id>` is a delegated token for that user, `app` an
 * application token.
 */
import {
  startGraphSandbox,
  type RunningGraphSandbox,
  type SandboxExchange,
  type SeedInfo,
} from '../../src/sandbox';
import { createGraphClient, type GraphClient } from '../../src/graph/createGraphClient';
import { GraphGateway } from '../../src/graph';
import { getMeetingAttendance } from '../../src/graph/attendanceReports';
import { findMeetingEvents, peopleInvited } from '../../src/graph/calendar';
import { findChatMessageByMarker, postChatMessage } from '../../src/graph/chat';
import {
  getDriveItemByPath,
  listVersions,
  setLibraryFields,
  uploadMinutesFile,
} from '../../src/graph/drive';
import { createRow, findRowByActionId, updateRowFields } from '../../src/graph/lists';
import {
  createMinutesDraft,
  findDraftByKey,
  reconcileMinutesMail,
  sendDraft,
} from '../../src/graph/mail';
import {
  findOnlineMeetingByJoinUrl,
  getMeetingChat,
  resolveMeetingFromChat,
} from '../../src/graph/onlineMeetings';
import {
  createPlannerTask,
  findTaskByActionId,
  getTaskDetails,
  listPlanTasks,
  updatePlannerTask,
  updateTaskDetails,
} from '../../src/graph/planner';
import {
  createTodoTask,
  findTodoTaskByKey,
  getDefaultTodoList,
  updateTodoTask,
} from '../../src/graph/todo';
import { sendBatch } from '../../src/graph/batch';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

let sandbox: RunningGraphSandbox;
let seed: SeedInfo;
let exchanges: SandboxExchange[];
let secretary: GraphClient;
let app: GraphClient;

beforeAll(async () => {
  sandbox = await startGraphSandbox({
    onExchange: (exchange) => {
      exchanges.push(exchange);
    },
  });
  seed = sandbox.seed!;
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(() => {
  sandbox.reset();
  seed = sandbox.seed!;
  exchanges = [];
  const fast = { sleep: () => Promise.resolve(), baseUrl: sandbox.graphBaseUrl };
  secretary = createGraphClient({
    getToken: () => Promise.resolve(`user:${seed.organizer.id}`),
    ...fast,
  });
  app = createGraphClient({ getToken: () => Promise.resolve('app'), ...fast });
});

afterEach(() => {
  const refused = exchanges.filter(
    (exchange) => exchange.status === 400 || exchange.status === 413,
  );
  expect(
    refused.map(
      (exchange) =>
        `${exchange.method} ${exchange.path} ${exchange.status} ${JSON.stringify(exchange.body)}`,
    ),
  ).toEqual([]);
  expect(sandbox.contractViolations).toEqual([]);
});

describe('the online meeting', () => {
  it('is found from the meeting chat, and by its join URL', async () => {
    const chat = await getMeetingChat(secretary, seed.meeting.chatId);
    expect(chat).toMatchObject({
      chatId: seed.meeting.chatId,
      joinWebUrl: seed.meeting.joinWebUrl,
      organizerId: seed.organizer.id,
    });
    const resolved = await resolveMeetingFromChat(secretary, seed.meeting.chatId, 'me');
    expect(resolved?.meeting).toMatchObject({
      id: seed.meeting.id,
      subject: seed.meeting.subject,
      chatThreadId: seed.meeting.chatId,
    });
    const byUrl = await findOnlineMeetingByJoinUrl(
      app,
      { id: seed.organizer.id },
      seed.meeting.joinWebUrl,
    );
    expect(byUrl?.id).toBe(seed.meeting.id);
  });
});

describe('attendance', () => {
  it('reads every report and all its records across pages, with intervals', async () => {
    const sessions = await getMeetingAttendance(secretary, 'me', seed.meeting.id);
    expect(sessions.map((session) => session.report.id)).toContain(seed.meeting.reportId);
    const records = sessions.flatMap((session) => session.records);
    expect(records.length).toBeGreaterThanOrEqual(12);
    expect(
      records.some((record) => record.intervals.length > 0 && record.intervals[0]?.joinDateTime),
    ).toBe(true);
  });
});

describe('the calendar', () => {
  it('finds the meeting’s event around its date and its invitees’ responses', async () => {
    const events = await findMeetingEvents(secretary, 'me', {
      joinWebUrl: seed.meeting.joinWebUrl,
      start: new Date(seed.meeting.startDateTime),
      end: new Date(seed.meeting.endDateTime),
    });
    expect(events.length).toBeGreaterThanOrEqual(1);
    const invitees = peopleInvited(events[0]!);
    expect(invitees.length).toBeGreaterThan(0);
    expect(invitees.every((invitee) => typeof invitee.response === 'string')).toBe(true);
  });
});

describe('the meeting chat', () => {
  it('takes the summary, and finds it again by its marker', async () => {
    const marker = 'mb:opsg-41:chat:v1';
    const posted = await postChatMessage(secretary, seed.meeting.chatId, {
      html: '<p><b>Draft minutes</b> are ready.</p>',
      marker,
    });
    const found = await findChatMessageByMarker(secretary, seed.meeting.chatId, marker);
    expect(found?.id).toBe(posted.id);
    await expect(
      findChatMessageByMarker(secretary, seed.meeting.chatId, 'mb:opsg-41:chat:v2'),
    ).resolves.toBeNull();
  });
});

describe('the minutes e-mail', () => {
  const to = () =>
    seed.users.slice(1, 3).map((user) => ({ address: user.mail, name: user.displayName }));

  it('goes out through a draft that reconciles as not sent, then as sent', async () => {
    const key = 'mb:opsg-41:mail:v1';
    const draft = await createMinutesDraft(secretary, 'me', {
      subject: 'OPSG 41 draft minutes',
      html: '<p>The draft minutes are attached.</p>',
      to: to(),
      key,
      attachment: {
        name: 'OPSG 41 minutes.docx',
        contentType: DOCX,
        bytes: Buffer.from('PK\u0003\u0004 small docx'),
      },
    });
    await expect(
      reconcileMinutesMail(secretary, 'me', { draftId: draft.id, key }),
    ).resolves.toEqual({ state: 'draft', draftId: draft.id });
    await expect(findDraftByKey(secretary, 'me', key)).resolves.toMatchObject({ id: draft.id });
    await sendDraft(secretary, 'me', draft.id);
    await expect(
      reconcileMinutesMail(secretary, 'me', { draftId: draft.id, key }),
    ).resolves.toEqual({ state: 'sent' });
    await expect(
      reconcileMinutesMail(secretary, 'me', { key: 'mb:never-created' }),
    ).resolves.toEqual({ state: 'missing' });
  });

  it('attaches a document over 3 MB through an upload session', async () => {
    const draft = await createMinutesDraft(secretary, 'me', {
      subject: 'OPSG 41 minutes with appendices',
      html: '<p>Attached.</p>',
      to: to(),
      key: 'mb:opsg-41:mail:v2',
      attachment: {
        name: 'OPSG 41 minutes.docx',
        contentType: DOCX,
        bytes: Buffer.alloc(3 * 1024 * 1024 + 500, 1),
      },
    });
    await sendDraft(secretary, 'me', draft.id);
    expect(exchanges.some((exchange) => exchange.path.includes('createUploadSession'))).toBe(true);
  });
});

describe('the document library', () => {
  it('takes the minutes in {folder}/{year}/, its columns, and keeps versions', async () => {
    const driveId = seed.site.driveId;
    const first = await uploadMinutesFile(secretary, {
      driveId,
      folder: 'Minutes',
      year: 2025,
      fileName: 'OPSG 41 minutes.docx',
      bytes: Buffer.from('PK first'),
    });
    const fields = await setLibraryFields(secretary, driveId, first.id, {
      MeetingReference: 'OPSG 41',
      MinutesStatus: 'Draft',
      MeetingDate: '2025-01-27T00:00:00Z',
    });
    expect(fields).toMatchObject({ MeetingReference: 'OPSG 41', MinutesStatus: 'Draft' });
    const second = await uploadMinutesFile(secretary, {
      driveId,
      folder: 'Minutes',
      year: 2025,
      fileName: 'OPSG 41 minutes.docx',
      bytes: Buffer.from('PK second'),
    });
    expect(second.id).toBe(first.id);
    await expect(
      getDriveItemByPath(secretary, driveId, ['Minutes', '2025', 'OPSG 41 minutes.docx']),
    ).resolves.toMatchObject({ id: first.id });
    await expect(
      getDriveItemByPath(secretary, driveId, ['Minutes', '2025', 'absent.docx']),
    ).resolves.toBeNull();
    expect((await listVersions(secretary, driveId, first.id)).length).toBeGreaterThanOrEqual(2);
  });

  it('takes a document over 4 MB through an upload session without sending the token there', async () => {
    const bytes = Buffer.alloc(4 * 1024 * 1024 + 1000, 2);
    const item = await uploadMinutesFile(secretary, {
      driveId: seed.site.driveId,
      folder: 'Minutes',
      year: 2025,
      fileName: 'large.docx',
      bytes,
    });
    expect(item.size).toBe(bytes.byteLength);
  });
});

describe('the action register', () => {
  it('adds a row once, finds it by action id, and updates it', async () => {
    const list = { siteId: seed.site.id, listId: seed.site.actionListId };
    await expect(findRowByActionId(secretary, list, 'OPSG 41/07')).resolves.toBeNull();
    const row = await createRow(secretary, list, {
      Title: 'Review the budget',
      ActionId: 'OPSG 41/07',
      Status: 'Open',
      TargetDate: '2025-03-01T00:00:00Z',
    });
    const found = await findRowByActionId(secretary, list, 'OPSG 41/07');
    expect(found?.id).toBe(row.id);
    const updated = await updateRowFields(secretary, list, row.id, {
      Status: 'Closed',
      LatestUpdate: 'Done at OPSG 42.',
    });
    expect(updated).toMatchObject({ Status: 'Closed' });
  });
});

describe('Planner', () => {
  it('creates a task per action, updates it and its details with etags, and finds it by action id', async () => {
    const owner = seed.users[2]!;
    const task = await createPlannerTask(secretary, {
      planId: seed.plan.id,
      bucketId: seed.plan.openBucketId,
      actionId: 'OPSG 41/07',
      title: 'Review the budget',
      dueDateTime: '2025-03-01T17:00:00Z',
      assigneeIds: [owner.id],
    });
    expect(task).toMatchObject({ title: 'OPSG 41/07 Review the budget', assigneeIds: [owner.id] });
    const updated = await updatePlannerTask(secretary, task.id, task.etag, { percentComplete: 50 });
    expect(updated.percentComplete).toBe(50);
    // A stale etag: re-read once and succeed.
    const again = await updatePlannerTask(secretary, task.id, task.etag, {
      dueDateTime: '2025-03-08T17:00:00Z',
    });
    expect(again.dueDateTime).toMatch(/^2025-03-08T17:00:00/);
    const details = await getTaskDetails(secretary, task.id);
    const withReference = await updateTaskDetails(secretary, task.id, details.etag, {
      description: 'Raised at OPSG 41 under item 5.',
      reference: {
        url: 'https://minutebook.sharepoint.com/sites/OperationsGroup/Minutes/2025/OPSG 41 minutes.docx',
        alias: 'OPSG 41 minutes',
      },
    });
    expect(withReference.description).toBe('Raised at OPSG 41 under item 5.');
    expect(Object.values(withReference.references)).toEqual([
      { alias: 'OPSG 41 minutes', type: 'Word' },
    ]);
    const tasks = await listPlanTasks(secretary, seed.plan.id);
    expect(findTaskByActionId(tasks, 'OPSG 41/07')?.id).toBe(task.id);
  });
});

describe('To Do', () => {
  it('puts a reminder task in the owner’s default list as the app, and finds it by key', async () => {
    const owner = { id: seed.users[3]!.id };
    const list = await getDefaultTodoList(app, owner);
    expect(list?.id).toBe(seed.todoListIds[owner.id]);
    const key = 'mb:opsg-41:todo:07';
    const task = await createTodoTask(app, owner, list!.id, {
      title: 'OPSG 41/07 Review the budget',
      dueDateTime: { dateTime: '2025-03-01T00:00:00', timeZone: 'UTC' },
      reminderDateTime: { dateTime: '2025-02-28T09:00:00', timeZone: 'UTC' },
      key,
      webUrl:
        'https://minutebook.sharepoint.com/sites/OperationsGroup/Minutes/2025/OPSG%2041%20minutes.docx',
      linkDisplayName: 'OPSG 41 minutes',
    });
    expect(task).toMatchObject({ isReminderOn: true });
    await expect(findTodoTaskByKey(app, owner, list!.id, key)).resolves.toMatchObject({
      id: task.id,
    });
    await expect(findTodoTaskByKey(app, owner, list!.id, 'mb:other')).resolves.toBeNull();
    const updated = await updateTodoTask(app, owner, list!.id, task.id, {
      dueDateTime: { dateTime: '2025-03-08T00:00:00', timeZone: 'UTC' },
    });
    expect(updated.dueDateTime?.dateTime).toMatch(/^2025-03-08/);
  });
});

describe('$batch', () => {
  it('reads 25 resources in 2 round trips, results in order', async () => {
    const requests = Array.from({ length: 25 }, () => ({
      method: 'GET' as const,
      url: `/chats/${encodeURIComponent(seed.meeting.chatId)}`,
    }));
    const results = await sendBatch(secretary, requests);
    expect(secretary.stats.roundTrips).toBe(2);
    expect(results.every((result) => result.status === 200)).toBe(true);
  });
});

describe('the gateway', () => {
  it('uses the delegated client for the secretary’s work and the application client for To Do', async () => {
    const gateway = new GraphGateway({
      delegated: secretary,
      application: app,
      filesAsApplication: false,
    });
    await expect(gateway.meetings.getChat(seed.meeting.chatId)).resolves.toMatchObject({
      organizerId: seed.organizer.id,
    });
    await expect(gateway.todo.defaultList({ id: seed.users[4]!.id })).resolves.toMatchObject({
      wellknownListName: 'defaultList',
    });
    expect(gateway.roundTrips).toBe(secretary.stats.roundTrips + app.stats.roundTrips);
  });

  it('says what to configure when To Do is asked for without an application identity', () => {
    const gateway = new GraphGateway({ delegated: secretary });
    expect(() => gateway.todo.defaultList({ id: seed.users[4]!.id })).toThrow(
      /Tasks\.ReadWrite\.All/,
    );
  });
});
