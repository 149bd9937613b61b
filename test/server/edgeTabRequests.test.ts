/**
 * The tab's own requests pass the server's guards (Host, Origin, JSON content type) as a browser
 * sends them: the tab's API client and TabApi, unchanged, against the real server with the demo
 * data and the Graph sandbox. The only stand-in is the browser itself: its `fetch` adds the
 * `Origin` header of the page, which Node's `fetch` leaves out.
 */
import { createTabApi } from '../../src/tab/app/TabApi';
import { ApiError, createApiClient } from '../../src/tab/sync/ApiClient';
import type { TestServer } from '../helpers/testServer';
import { DEMO_MEETING_ID, SECRETARY, startDemoServer } from './graphSupport';

let server: TestServer;

beforeAll(async () => {
  server = await startDemoServer();
});

afterAll(async () => {
  await server.close();
});

/** The tab's API as a page at `pageOrigin` would call it. */
function tabApiFrom(pageOrigin: string) {
  const browserFetch: typeof fetch = (input, init) =>
    fetch(input, { ...init, headers: { ...(init?.headers as object), origin: pageOrigin } });
  return createTabApi(
    createApiClient({
      baseUrl: server.baseUrl,
      authHeaders: async () => ({ 'x-minutebook-user': SECRETARY }),
      fetch: browserFetch,
    }),
  );
}

describe("the tab's requests, from Minutebook's own page", () => {
  it('get signed links to the minutes (a POST of {})', async () => {
    const links = await tabApiFrom(server.baseUrl).minutesLinks(DEMO_MEETING_ID);
    expect(links.links.docx).toMatch(/^\/links\/meetings\/demo-opsg-41\/minutes\.docx\?/);
  });

  it('publish the demo meeting to the end (a POST of {}, then its stream)', async () => {
    const api = tabApiFrom(server.baseUrl);
    const started = await api.startPublish(DEMO_MEETING_ID);
    const end = await api.followPublish(DEMO_MEETING_ID, started.runId, () => undefined);
    expect(end.status).toBe('done');
  });
});

describe('the same requests from another web page', () => {
  it('are refused with bad_origin, and nothing is published', async () => {
    const before = (await tabApiFrom(server.baseUrl).publishStatus(DEMO_MEETING_ID)).lastRun;
    const hostile = tabApiFrom('https://evil.example');
    await expect(hostile.startPublish(DEMO_MEETING_ID)).rejects.toMatchObject({
      status: 403,
      code: 'bad_origin',
    });
    await expect(hostile.minutesLinks(DEMO_MEETING_ID)).rejects.toBeInstanceOf(ApiError);
    const after = (await tabApiFrom(server.baseUrl).publishStatus(DEMO_MEETING_ID)).lastRun;
    expect(after).toEqual(before);
  });
});
