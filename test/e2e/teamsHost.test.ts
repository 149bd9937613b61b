/**
 * The stage page inside a fake Microsoft Teams, in Debian's Chromium: a host page on the tab's
 * own origin frames /tab/stage.html and answers teams-js' postMessage protocol with the test
 * fake (test/fakes/FakeTeamsHost.ts, `attachToFrame`), compiled for the browser here. The host
 * page is not served by the server: the browser context answers its address itself
 * (`context.route`), so no server code exists for it. Microsoft's CDN, which teams-js asks for
 * its origin list, is answered "unreachable" by the context too: nothing leaves the machine.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Page, Request } from 'playwright-core';
import ts from 'typescript';
import { api, type TestServer } from '../helpers/testServer';
import {
  closeBrowser,
  eventually,
  launchChromium,
  newUserContext,
  pageProblems,
  STAGE_VIEWPORT,
  waitForText,
} from './browser';
import {
  createFreshMeeting,
  SECRETARY,
  startE2eServer,
  stopE2eServer,
  type FreshMeeting,
} from './support';

jest.setTimeout(60_000);

const HOST_PATH = '/e2e/fake-teams-host.html';
const FAKE_SOURCE = path.resolve(__dirname, '../fakes/FakeTeamsHost.ts');

/** FakeTeamsHost as a browser script that sets `window.FakeTeamsHost`. */
function fakeHostScript(): string {
  const compiled = ts.transpileModule(fs.readFileSync(FAKE_SOURCE, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
  }).outputText;
  return `(function () {
  var exports = {};
  ${compiled}
  window.FakeTeamsHost = exports.FakeTeamsHost;
})();`;
}

/** The host page: the fake Teams answering the frame that shows `tabPath`. */
function hostPage(tabPath: string, theme: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Fake Teams meeting stage</title></head>
<body style="margin:0">
<script>${fakeHostScript()}</script>
<script>
  const host = new window.FakeTeamsHost({ frameContext: 'meetingStage', theme: ${JSON.stringify(theme)} });
  window.fakeHost = host;
  const frame = document.createElement('iframe');
  frame.title = 'Minutebook on the stage';
  frame.style.cssText = 'width:${STAGE_VIEWPORT.width}px;height:${STAGE_VIEWPORT.height}px;border:0';
  document.body.append(frame);
  // Answer the frame before its page loads: teams-js says "initialize" at once.
  host.attachToFrame(frame.contentWindow, window);
  frame.src = ${JSON.stringify(tabPath)};
</script>
</body></html>`;
}

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await closeBrowser(browser);
  await stopE2eServer(server);
});

describe('when the stage is shared in a Teams meeting', () => {
  let meeting: FreshMeeting;
  let context: BrowserContext;
  let hostWindow: Page;
  let stage: FrameLocator;
  const apiRequests: Request[] = [];
  /** Every request to anywhere but the Minutebook server. */
  const elsewhere: string[] = [];

  beforeAll(async () => {
    meeting = await createFreshMeeting(server.baseUrl);
    context = await newUserContext(browser, server.baseUrl, 'stage.viewer', {
      viewport: STAGE_VIEWPORT,
    });
    await context.route('https://res.cdn.office.net/**', (route) =>
      route.abort('internetdisconnected'),
    );
    context.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin !== server.baseUrl) elsewhere.push(url.href);
    });
    const tabPath = `/tab/stage.html?meetingId=${encodeURIComponent(meeting.meetingId)}`;
    await context.route(`${server.baseUrl}${HOST_PATH}`, (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: hostPage(tabPath, 'dark') }),
    );
    hostWindow = await context.newPage();
    pageProblems(hostWindow);
    hostWindow.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/')) apiRequests.push(request);
    });
    await hostWindow.goto(`${server.baseUrl}${HOST_PATH}`);
    stage = hostWindow.frameLocator('iframe[title="Minutebook on the stage"]');
    await stage.getByRole('list', { name: 'Agenda' }).waitFor({ timeout: 20_000 });
  });

  afterAll(async () => {
    await context?.close();
  });

  const hostCalls = () =>
    hostWindow.evaluate(() =>
      (globalThis as unknown as { fakeHost: { calls: { func: string }[] } }).fakeHost.calls.map(
        (call) => call.func,
      ),
    );

  it('talks to Teams through teams-js: initialize, context, loaded, and a Teams token per request', async () => {
    const calls = await hostCalls();
    expect(calls).toEqual(
      expect.arrayContaining([
        'initialize',
        'getContext',
        'appInitialization.success',
        'authentication.getAuthToken',
      ]),
    );
    expect(calls.indexOf('initialize')).toBe(0);
    expect(apiRequests.length).toBeGreaterThan(0);
    for (const request of apiRequests) {
      expect({
        url: request.url(),
        authorization: await request.headerValue('authorization'),
      }).toEqual({
        url: request.url(),
        authorization: 'Bearer fake-sso-token',
      });
    }
    // Only teams-js' origin list was asked for outside, and the context answered it unreachable.
    for (const url of elsewhere) expect(url).toMatch(/^https:\/\/res\.cdn\.office\.net\//);
  });

  it("shows the meeting in Teams' theme and follows Teams' theme changes", async () => {
    const provider = stage.locator('.fui-FluentProvider[data-theme]').first();
    expect(await provider.getAttribute('data-theme')).toBe('dark');
    // No local identity picker on the stage: everyone sees it.
    expect(await stage.getByRole('region', { name: 'Local identity' }).count()).toBe(0);
    await hostWindow.evaluate(() =>
      (
        globalThis as unknown as { fakeHost: { sendTheme(theme: string): void } }
      ).fakeHost.sendTheme('contrast'),
    );
    await eventually('the stage in high contrast', async () =>
      expect(await provider.getAttribute('data-theme')).toBe('contrast'),
    );
  });

  it('shows what the secretary records', async () => {
    const posted = await api(server.baseUrl, 'POST', `/api/meetings/${meeting.meetingId}/ops`, {
      headers: SECRETARY,
      body: {
        ops: [
          {
            id: 'teams-open-2',
            meetingId: meeting.meetingId,
            clientTime: '2021-02-22T13:40:00Z',
            type: 'agenda.open',
            payload: { id: 'item-2' },
          },
          {
            id: 'teams-raise-1',
            meetingId: meeting.meetingId,
            clientTime: '2021-02-22T13:41:00Z',
            type: 'action.raise',
            payload: {
              id: 'teams-action-1',
              itemId: 'item-2',
              text: 'The CDS to share the stage view with the panel.',
              ownerIds: ['cds'],
            },
          },
        ],
      },
    });
    expect(posted.status).toBe(200);
    await eventually('The stage in Teams', async () => {
      expect(
        (await stage.locator('[aria-current="step"]').innerText({ timeout: 200 }))
          .replace(/\s+/g, ' ')
          .trim(),
      ).toBe('2 CDS Operational Update');
      const actions = stage.getByRole('region', { name: 'Actions (1)' });
      expect((await actions.innerText({ timeout: 200 })).replace(/\s+/g, ' ')).toContain(
        'OPSG 42/01 The CDS to share the stage view with the panel.',
      );
    });
    await waitForText(stage.getByRole('status').first(), /Now: 2 CDS Operational Update$/);
    expect(pageProblems(hostWindow).pageErrors).toEqual([]);
  });
});
