/**
 * What the resource modules put on the wire (URLs, headers, bodies) and how they read Graph's
 * answers, over real HTTP against scripted answers shaped like the docs' examples. The contract
 * tests (sandbox.contract.test.ts) then check the same requests against the Graph look-alike.
 */
import { createGraphClient, type GraphClient } from '../../src/graph/createGraphClient';
import { normalizeJoinUrl } from '../../src/domain/joinUrl';
import { findMeetingEvents, peopleInvited } from '../../src/graph/calendar';
import { postChatMessage } from '../../src/graph/chat';
import { pathSegments, uploadMinutesFile } from '../../src/graph/drive';
import { findRowByActionId } from '../../src/graph/lists';
import { createMinutesDraft, reconcileMinutesMail } from '../../src/graph/mail';
import { findOnlineMeetingByJoinUrl, pickOccurrence } from '../../src/graph/onlineMeetings';
import { createPlannerTask, plannerReferenceKey, updatePlannerTask } from '../../src/graph/planner';
import { createTodoTask } from '../../src/graph/todo';
import {
  graphError,
  recordingSleep,
  startFakeGraphServer,
  type FakeGraphServer,
} from './fakeGraphServer';

const JOIN_URL =
  'https://teams.microsoft.com/l/meetup-join/19%3ameeting_MjA5YjZkZmEtNzRlNi00ZWJjLWE4Y2EtZGJjMTI4NTI3ZmRh%40thread.v2/0?context=%7b%22Tid%22%3a%2272f988bf-86f1-41af-91ab-2d7cd011db47%22%7d';
const SECRETARY = '8b081ef6-4792-4def-b2c9-c363a1bf41d5';
const OWNER = 'f6b4c2a1-3d5e-4f70-8a9b-0c1d2e3f4a5b';

let server: FakeGraphServer;
let graph: GraphClient;

beforeEach(async () => {
  server = await startFakeGraphServer();
  graph = createGraphClient({
    getToken: () => Promise.resolve('token'),
    baseUrl: server.baseUrl,
    sleep: recordingSleep().sleep,
  });
});

afterEach(async () => {
  await server.close();
});

const sent = (index = 0) => {
  const request = server.received[index]!;
  const isJson = String(request.headers['content-type'] ?? '').includes('json');
  return {
    ...request,
    json: isJson && request.body ? (JSON.parse(request.body) as unknown) : undefined,
  };
};

describe('finding the online meeting by its join URL', () => {
  it('encodes the URL once inside the $filter and reads the one meeting', async () => {
    server.script(() => ({
      status: 200,
      body: {
        value: [
          {
            id: 'MSo4YjA4MWVmNi00NzkyLTRkZWYtYjJjOS1jMzYzYTFiZjQxZDUqMCoqMTk6bWVldGluZ19NakE1WWpaa1ptRXRAdGhyZWFkLnYy',
            subject: 'OPSG 41',
            startDateTime: '2026-08-20T09:00:00Z',
            endDateTime: '2026-08-20T11:00:00Z',
            joinWebUrl: JOIN_URL,
            chatInfo: {
              threadId: '19:meeting_MjA5YjZkZmEtNzRlNi00ZWJjLWE4Y2EtZGJjMTI4NTI3ZmRh@thread.v2',
            },
            participants: {
              organizer: {
                identity: { user: { id: SECRETARY, displayName: 'Adele Vance' } },
                role: 'presenter',
                upn: 'adele@contoso.com',
              },
              attendees: [
                {
                  identity: { user: { id: OWNER, displayName: 'Lee Gu' } },
                  role: 'attendee',
                  upn: 'lee@contoso.com',
                },
              ],
            },
          },
        ],
      },
    }));
    const meeting = await findOnlineMeetingByJoinUrl(graph, 'me', JOIN_URL);
    const url = new URL(sent().url, server.origin);
    expect(url.pathname).toBe('/v1.0/me/onlineMeetings');
    expect(url.searchParams.get('$filter')).toBe(`JoinWebUrl eq '${JOIN_URL}'`);
    expect(sent().url).toContain(
      'https%3A%2F%2Fteams.microsoft.com%2Fl%2Fmeetup-join%2F19%253ameeting_',
    );
    expect(meeting).toMatchObject({
      subject: 'OPSG 41',
      chatThreadId: '19:meeting_MjA5YjZkZmEtNzRlNi00ZWJjLWE4Y2EtZGJjMTI4NTI3ZmRh@thread.v2',
      organizer: { id: SECRETARY, displayName: 'Adele Vance' },
      attendees: [{ id: OWNER, role: 'attendee' }],
    });
  });

  it('doubles a quote inside the URL so the OData literal stays closed', async () => {
    server.script(() => ({ status: 200, body: { value: [] } }));
    await expect(
      findOnlineMeetingByJoinUrl(graph, { id: SECRETARY }, "https://x.example/it's"),
    ).resolves.toBeNull();
    const url = new URL(sent().url, server.origin);
    expect(url.pathname).toBe(`/v1.0/users/${SECRETARY}/onlineMeetings`);
    expect(url.searchParams.get('$filter')).toBe("JoinWebUrl eq 'https://x.example/it''s'");
  });
});

describe('picking the occurrence of a recurring meeting', () => {
  const sessions = [
    { id: 'march', start: '2026-03-12T09:00:00Z', end: '2026-03-12T11:00:00Z' },
    { id: 'april', start: '2026-04-09T09:00:00Z', end: '2026-04-09T11:00:00Z' },
    { id: 'may', start: '2026-05-14T09:00:00Z', end: null },
  ];
  const pick = (at: string) =>
    pickOccurrence(
      sessions,
      new Date(at),
      (s) => s.start,
      (s) => s.end,
    )?.id;

  it('takes the one the time falls in, else the nearest start', () => {
    expect(pick('2026-04-09T10:15:00Z')).toBe('april');
    expect(pick('2026-04-01T00:00:00Z')).toBe('april');
    expect(pick('2026-05-14T09:30:00Z')).toBe('may');
    expect(
      pickOccurrence(
        [],
        new Date(),
        () => null,
        () => null,
      ),
    ).toBeNull();
  });
});

describe('reading the calendar around the meeting', () => {
  it('asks a day either side in UTC with isOnlineMeeting selected, and keeps only this meeting', async () => {
    server.script(() => ({
      status: 200,
      body: {
        value: [
          {
            id: 'AAMkAGI1-occurrence',
            subject: 'OPSG 41',
            start: { dateTime: '2026-08-20T09:00:00.0000000', timeZone: 'UTC' },
            end: { dateTime: '2026-08-20T11:00:00.0000000', timeZone: 'UTC' },
            type: 'occurrence',
            isOnlineMeeting: true,
            onlineMeeting: { joinUrl: JOIN_URL.replace('%3a', '%3A') },
            organizer: { emailAddress: { name: 'Adele Vance', address: 'adele@contoso.com' } },
            attendees: [
              {
                type: 'required',
                status: { response: 'declined', time: '2026-08-18T16:02:00Z' },
                emailAddress: { name: 'Lee Gu', address: 'lee@contoso.com' },
              },
              {
                type: 'resource',
                status: { response: 'accepted', time: '2026-08-01T08:00:00Z' },
                emailAddress: { name: 'Room 4.12', address: 'room412@contoso.com' },
              },
            ],
          },
          {
            id: 'AAMkAGI1-other',
            subject: 'Lunch',
            isOnlineMeeting: false,
            onlineMeeting: null,
            attendees: [],
          },
        ],
      },
    }));
    const events = await findMeetingEvents(graph, 'me', {
      joinWebUrl: JOIN_URL,
      start: new Date('2026-08-20T09:00:00Z'),
      end: new Date('2026-08-20T11:00:00Z'),
    });
    const url = new URL(sent().url, server.origin);
    expect(url.pathname).toBe('/v1.0/me/calendarView');
    expect(url.searchParams.get('startDateTime')).toBe('2026-08-19T09:00:00.000Z');
    expect(url.searchParams.get('endDateTime')).toBe('2026-08-21T11:00:00.000Z');
    expect(url.searchParams.get('$select')?.split(',')).toEqual(
      expect.arrayContaining(['isOnlineMeeting', 'onlineMeeting', 'attendees']),
    );
    expect(sent().headers.prefer).toBe('outlook.timezone="UTC"');
    expect(events.map((event) => event.id)).toEqual(['AAMkAGI1-occurrence']);
    expect(events[0]?.start).toBe('2026-08-20T09:00:00.000Z');
    expect(peopleInvited(events[0]!)).toEqual([
      {
        name: 'Lee Gu',
        address: 'lee@contoso.com',
        type: 'required',
        response: 'declined',
        responseTime: '2026-08-18T16:02:00Z',
      },
    ]);
  });

  it('compares join URLs whatever their percent-encoding', () => {
    expect(normalizeJoinUrl(JOIN_URL)).toBe(normalizeJoinUrl(decodeURIComponent(JOIN_URL)));
  });
});

describe('posting to the meeting chat', () => {
  it('sends HTML with the marker, and refuses a message over Teams’ size', async () => {
    server.script(() => ({
      status: 201,
      body: {
        id: '1755684000000',
        createdDateTime: '2026-08-20T11:20:00Z',
        body: { contentType: 'html', content: '<p>Draft minutes</p>' },
      },
    }));
    await postChatMessage(graph, '19:meeting_abc@thread.v2', {
      html: '<p>Draft minutes</p>',
      marker: 'mb:opsg-41:chat:v1',
    });
    expect(sent().url).toBe('/v1.0/chats/19%3Ameeting_abc%40thread.v2/messages');
    expect(sent().json).toEqual({
      body: {
        contentType: 'html',
        content: '<p>Draft minutes</p><p><small>Ref mb:opsg-41:chat:v1</small></p>',
      },
    });
    await expect(
      postChatMessage(graph, '19:meeting_abc@thread.v2', {
        html: 'x'.repeat(30_000),
        marker: 'mb:opsg-41:chat:v1',
      }),
    ).rejects.toThrow(/28 KB/);
  });
});

describe('sending the minutes e-mail', () => {
  it('creates a draft with the key header and the .docx inline under 3 MB', async () => {
    server.script(() => ({ status: 201, body: { id: 'AAMkADraft1', isDraft: true } }));
    const draft = await createMinutesDraft(graph, 'me', {
      subject: 'OPSG 41 draft minutes',
      html: '<p>Attached.</p>',
      to: [{ address: 'members@contoso.com', name: 'OPSG members' }],
      key: 'mb:opsg-41:mail:v1',
      attachment: {
        name: 'OPSG 41 minutes.docx',
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        bytes: Buffer.from('PK docx'),
      },
    });
    expect(draft.id).toBe('AAMkADraft1');
    expect(sent().url).toBe('/v1.0/me/messages');
    expect(sent().json).toEqual({
      subject: 'OPSG 41 draft minutes',
      body: {
        contentType: 'html',
        content: '<p>Attached.</p><!-- x-minutebook-key: mb:opsg-41:mail:v1 -->',
      },
      toRecipients: [{ emailAddress: { address: 'members@contoso.com', name: 'OPSG members' } }],
      ccRecipients: [],
      internetMessageHeaders: [{ name: 'x-minutebook-key', value: 'mb:opsg-41:mail:v1' }],
      attachments: [
        {
          '@odata.type': '#microsoft.graph.fileAttachment',
          name: 'OPSG 41 minutes.docx',
          contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          contentBytes: Buffer.from('PK docx').toString('base64'),
        },
      ],
    });
  });

  it('reads a vanished draft as sent and a remaining one as not sent', async () => {
    server.script((_, index) =>
      index === 0
        ? {
            status: 404,
            body: graphError(
              'ErrorItemNotFound',
              'The specified object was not found in the store.',
            ),
          }
        : { status: 200, body: { id: 'AAMkADraft1', isDraft: true } },
    );
    await expect(
      reconcileMinutesMail(graph, 'me', { draftId: 'AAMkADraft1', key: 'k' }),
    ).resolves.toEqual({ state: 'sent' });
    await expect(
      reconcileMinutesMail(graph, 'me', { draftId: 'AAMkADraft1', key: 'k' }),
    ).resolves.toEqual({ state: 'draft', draftId: 'AAMkADraft1' });
  });
});

describe('uploading the minutes document', () => {
  it('puts a small file in {folder}/{year}/{name} in one request', async () => {
    server.script(() => ({
      status: 201,
      body: {
        id: '01ABCDEF',
        name: 'OPSG 41 minutes.docx',
        size: 7,
        eTag: '"{1A2B},1"',
        sharepointIds: { listItemId: '42' },
      },
    }));
    const item = await uploadMinutesFile(graph, {
      driveId: 'b!drive',
      folder: 'Minutes/OPSG',
      year: 2026,
      fileName: 'OPSG 41 minutes.docx',
      bytes: Buffer.from('PK docx'),
    });
    expect(sent().method).toBe('PUT');
    expect(sent().url).toBe(
      '/v1.0/drives/b!drive/root:/Minutes/OPSG/2026/OPSG%2041%20minutes.docx:/content',
    );
    expect(sent().headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(sent().body).toBe('PK docx');
    expect(item).toMatchObject({ id: '01ABCDEF', listItemId: '42', eTag: '"{1A2B},1"' });
  });

  it('uses an upload session above 4 MB, in 320 KiB multiples, without the token on the ranges', async () => {
    const size = 4 * 1024 * 1024 + 100;
    server.script((request) => {
      if (request.url.endsWith(':/createUploadSession')) {
        return {
          status: 200,
          body: {
            uploadUrl: `${server.origin}/upload/drive/session-1?tempauth=abc`,
            nextExpectedRanges: ['0-'],
          },
        };
      }
      const range = /bytes (\d+)-(\d+)\/(\d+)/.exec(String(request.headers['content-range']))!;
      const end = Number(range[2]);
      return end + 1 < size
        ? { status: 202, body: { nextExpectedRanges: [`${end + 1}-`] } }
        : { status: 201, body: { id: '01LARGE', name: 'big.docx', size } };
    });
    const item = await uploadMinutesFile(graph, {
      driveId: 'b!drive',
      folder: 'Minutes',
      year: '2026',
      fileName: 'big.docx',
      bytes: Buffer.alloc(size, 7),
    });
    expect(item.id).toBe('01LARGE');
    const ranges = server.received.slice(1);
    expect(ranges.map((request) => request.headers['content-range'])).toEqual([
      `bytes 0-3276799/${size}`,
      `bytes 3276800-${size - 1}/${size}`,
    ]);
    expect(ranges.every((request) => request.headers.authorization === undefined)).toBe(true);
    expect(server.received[0]?.headers.authorization).toBe('Bearer token');
    expect(sent(0).json).toEqual({ item: { '@microsoft.graph.conflictBehavior': 'replace' } });
  });

  it('refuses path parts SharePoint cannot hold', () => {
    expect(() => pathSegments('Minutes/../Secret', 'x.docx')).toThrow(RangeError);
  });
});

describe('the action register list', () => {
  it('filters on the ActionId column with the non-indexed-query Prefer header', async () => {
    server.script(() => ({
      status: 200,
      body: {
        value: [
          {
            id: '7',
            '@odata.etag': '"abc,3"',
            fields: { ActionId: 'OPSG 41/01', Title: 'Review' },
          },
        ],
      },
    }));
    const row = await findRowByActionId(
      graph,
      { siteId: 'contoso.sharepoint.com,1,2', listId: 'list-1' },
      'OPSG 41/01',
    );
    const url = new URL(sent().url, server.origin);
    expect(url.searchParams.get('$filter')).toBe("fields/ActionId eq 'OPSG 41/01'");
    expect(url.searchParams.get('$expand')).toBe('fields');
    expect(sent().headers.prefer).toBe('HonorNonIndexedQueriesWarningMayFailRandomly');
    expect(row).toMatchObject({ id: '7', etag: '"abc,3"' });
  });
});

describe('Planner tasks', () => {
  const task = {
    id: 'pt-1',
    '@odata.etag': 'W/"JzEtVGFzayAgQEBAQEBAQEBAQEBAQEBAWCc="',
    planId: 'plan-1',
    title: 'OPSG 41/01 Review the budget',
    assignments: { [OWNER]: { orderHint: '8585' } },
  };

  it('creates a task whose title starts with the action id, assigned with an orderHint', async () => {
    server.script(() => ({ status: 201, body: task }));
    const created = await createPlannerTask(graph, {
      planId: 'plan-1',
      actionId: 'OPSG 41/01',
      title: 'Review the budget',
      dueDateTime: '2026-09-01T17:00:00Z',
      assigneeIds: [OWNER],
    });
    expect(sent().json).toEqual({
      planId: 'plan-1',
      title: 'OPSG 41/01 Review the budget',
      assignments: {
        [OWNER]: { '@odata.type': '#microsoft.graph.plannerAssignment', orderHint: ' !' },
      },
      dueDateTime: '2026-09-01T17:00:00Z',
    });
    expect(created.assigneeIds).toEqual([OWNER]);
  });

  it('re-reads the etag once on 412 and repeats the update with it', async () => {
    server.script((_, index) =>
      index === 0
        ? { status: 412, body: graphError('PreconditionFailed', 'The etag does not match') }
        : index === 1
          ? { status: 200, body: { ...task, '@odata.etag': 'W/"fresh"' } }
          : { status: 200, body: { ...task, '@odata.etag': 'W/"after"', percentComplete: 50 } },
    );
    const updated = await updatePlannerTask(graph, 'pt-1', 'W/"stale"', { percentComplete: 50 });
    expect(
      server.received.map((request) => [request.method, request.headers['if-match'] ?? null]),
    ).toEqual([
      ['PATCH', 'W/"stale"'],
      ['GET', null],
      ['PATCH', 'W/"fresh"'],
    ]);
    expect(updated.etag).toBe('W/"after"');
  });

  it('keys a reference by the URL with : and . encoded', () => {
    expect(
      plannerReferenceKey('https://contoso.sharepoint.com/sites/opsg/Minutes/OPSG%2041.docx'),
    ).toBe('https%3A//contoso%2Esharepoint%2Ecom/sites/opsg/Minutes/OPSG%252041%2Edocx');
  });
});

describe('To Do tasks', () => {
  it('creates the task with due date, reminder and our key in a linked resource', async () => {
    server.script(() => ({
      status: 201,
      body: {
        id: 'todo-1',
        title: 'OPSG 41/01 Review the budget',
        isReminderOn: true,
        linkedResources: [{ id: 'lr', externalId: 'mb:opsg-41:todo:01' }],
      },
    }));
    const created = await createTodoTask(graph, { id: OWNER }, 'list-1', {
      title: 'OPSG 41/01 Review the budget',
      dueDateTime: { dateTime: '2026-09-01T00:00:00', timeZone: 'UTC' },
      reminderDateTime: { dateTime: '2026-08-31T09:00:00', timeZone: 'UTC' },
      key: 'mb:opsg-41:todo:01',
      webUrl: 'https://contoso.sharepoint.com/sites/opsg/Minutes/2026/OPSG%2041.docx',
      linkDisplayName: 'OPSG 41 minutes',
    });
    expect(sent().url).toBe(`/v1.0/users/${OWNER}/todo/lists/list-1/tasks`);
    expect(sent().json).toEqual({
      title: 'OPSG 41/01 Review the budget',
      dueDateTime: { dateTime: '2026-09-01T00:00:00', timeZone: 'UTC' },
      reminderDateTime: { dateTime: '2026-08-31T09:00:00', timeZone: 'UTC' },
      isReminderOn: true,
      linkedResources: [
        {
          webUrl: 'https://contoso.sharepoint.com/sites/opsg/Minutes/2026/OPSG%2041.docx',
          applicationName: 'Minutebook',
          displayName: 'OPSG 41 minutes',
          externalId: 'mb:opsg-41:todo:01',
        },
      ],
    });
    expect(created.externalIds).toEqual(['mb:opsg-41:todo:01']);
  });
});
