/**
 * The client against the sandbox's injected faults (src/sandbox/faults.ts): throttling with
 * Retry-After, 503, a reset connection, a batch with some items throttled, and the hard one,
 * "commit then time out", where the only safe move is to look before writing again.
 */
import {
  startGraphSandbox,
  type RunningGraphSandbox,
  type SandboxExchange,
  type ScriptedFault,
  type SeedInfo,
} from '../../src/sandbox';
import { sendBatch } from '../../src/graph/batch';
import { findChatMessageByMarker, postChatMessage } from '../../src/graph/chat';
import { createGraphClient, type GraphClient } from '../../src/graph/createGraphClient';
import { uploadMinutesFile } from '../../src/graph/drive';
import { createMinutesDraft, reconcileMinutesMail, sendDraft } from '../../src/graph/mail';
import { getMeetingChat } from '../../src/graph/onlineMeetings';
import { GraphRequestError } from '../../src/graph/GraphRequestError';

let sandbox: RunningGraphSandbox;
let seed: SeedInfo;
let exchanges: SandboxExchange[];
let waits: number[];
let secretary: GraphClient;

beforeAll(async () => {
  sandbox = await startGraphSandbox({ onExchange: (exchange) => exchanges.push(exchange) });
});

afterAll(async () => {
  await sandbox.close();
});

function script(...faults: ScriptedFault[]): void {
  sandbox.faults.configure({ script: faults, hangMs: 600 });
}

beforeEach(() => {
  sandbox.reset();
  seed = sandbox.seed!;
  exchanges = [];
  waits = [];
  secretary = createGraphClient({
    getToken: () => Promise.resolve(`user:${seed.organizer.id}`),
    baseUrl: sandbox.graphBaseUrl,
    timeoutMs: 300,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  });
});

describe('when the sandbox throttles a read', () => {
  it('waits the Retry-After it names and reads again', async () => {
    script({ kind: 'throttle', method: 'GET', pathIncludes: '/chats/', retryAfterSeconds: 2 });
    await expect(getMeetingChat(secretary, seed.meeting.chatId)).resolves.toMatchObject({
      chatId: seed.meeting.chatId,
    });
    expect(waits).toEqual([2000]);
    expect(secretary.stats.roundTrips).toBe(2);
  });
});

describe('when a connection is reset', () => {
  it('reads again', async () => {
    script({ kind: 'reset', method: 'GET', pathIncludes: '/chats/' });
    await expect(getMeetingChat(secretary, seed.meeting.chatId)).resolves.not.toBeNull();
    expect(secretary.stats.roundTrips).toBe(2);
  });
});

describe('when a post is refused with 503', () => {
  it('posts again, and the chat has the message once', async () => {
    script({ kind: 'unavailable', method: 'POST', pathIncludes: '/messages' });
    await postChatMessage(secretary, seed.meeting.chatId, {
      html: '<p>Minutes</p>',
      marker: 'mb:opsg-41:chat:503',
    });
    const posted = exchanges.filter(
      (exchange) => exchange.method === 'POST' && exchange.status === 201,
    );
    expect(posted).toHaveLength(1);
  });
});

describe('when a post is carried out but its answer never comes', () => {
  it('reports an unknown outcome, and the marker shows the post is there', async () => {
    script({ kind: 'commitThenTimeout', method: 'POST', pathIncludes: '/messages' });
    const marker = 'mb:opsg-41:chat:lost-answer';
    const error = await postChatMessage(secretary, seed.meeting.chatId, {
      html: '<p>Minutes</p>',
      marker,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphRequestError);
    expect(error).toMatchObject({ code: 'timeout', outcomeUnknown: true });
    await expect(
      findChatMessageByMarker(secretary, seed.meeting.chatId, marker),
    ).resolves.not.toBeNull();
    expect(exchanges.filter((exchange) => exchange.method === 'POST')).toHaveLength(1);
  });

  it('reconciles a send of the minutes e-mail as sent', async () => {
    const key = 'mb:opsg-41:mail:lost-answer';
    const draft = await createMinutesDraft(secretary, 'me', {
      subject: 'OPSG 41 draft minutes',
      html: '<p>Attached.</p>',
      to: [{ address: seed.users[1]!.mail }],
      key,
    });
    script({ kind: 'commitThenTimeout', method: 'POST', pathIncludes: '/send' });
    await expect(sendDraft(secretary, 'me', draft.id)).rejects.toMatchObject({ code: 'timeout' });
    await expect(
      reconcileMinutesMail(secretary, 'me', { draftId: draft.id, key }),
    ).resolves.toEqual({ state: 'sent' });
  });
});

describe('when some items of a batch are throttled', () => {
  it('sends only those again and returns every result in order', async () => {
    const chat = `/chats/${encodeURIComponent(seed.meeting.chatId)}`;
    const requests = [
      { method: 'GET' as const, url: chat },
      { method: 'GET' as const, url: `/users/${seed.users[1]!.id}/todo/lists` },
      { method: 'GET' as const, url: chat },
    ];
    script({ kind: 'throttle', pathIncludes: '/todo/lists', retryAfterSeconds: 1 });
    const app = createGraphClient({
      getToken: () => Promise.resolve('app'),
      baseUrl: sandbox.graphBaseUrl,
      sleep: secretary.sleep,
    });
    const results = await sendBatch(app, requests);
    expect(results.map((result) => [result.status, result.attempts])).toEqual([
      [200, 1],
      [200, 2],
      [200, 1],
    ]);
    expect(waits).toEqual([1000]);
    const items = exchanges
      .filter((exchange) => exchange.inBatch)
      .map((exchange) => `${exchange.path} ${exchange.status}`);
    expect(items.filter((item) => item.includes('/todo/lists'))).toEqual([
      expect.stringMatching(/ 429$/),
      expect.stringMatching(/ 200$/),
    ]);
    expect(items.filter((item) => item.includes('/chats/'))).toHaveLength(2);
  });
});

describe('when an upload range is refused with 503', () => {
  it('sends the range again and finishes the file', async () => {
    script({ kind: 'unavailable', method: 'PUT', pathIncludes: '/upload/' });
    const bytes = Buffer.alloc(4 * 1024 * 1024 + 10, 3);
    const item = await uploadMinutesFile(secretary, {
      driveId: seed.site.driveId,
      folder: 'Minutes',
      year: 2025,
      fileName: 'retry.docx',
      bytes,
    });
    expect(item.size).toBe(bytes.byteLength);
  });
});
