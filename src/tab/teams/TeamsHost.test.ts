/**
 * @jest-environment jsdom
 */
// The real teams-js talks to a fake Teams host over postMessage; each test loads teams-js afresh
// (it keeps its state in module variables) and plays one frame context.
import { FakeTeamsHost } from '../../../test/fakes/FakeTeamsHost';
import type { TeamsFrameContext } from '../../../test/fakes/FakeTeamsHost';
import type * as TeamsJsModule from '@microsoft/teams-js';
import type { FrameContext, HostPort, TabConfiguration } from './HostPort';
import type * as IndexModule from './index';

type Api = typeof IndexModule;
type TeamsJs = typeof TeamsJsModule;

interface Loaded {
  api: Api;
  teams: TeamsJs;
}

let uninstall: (() => void) | null = null;
let loaded: Loaded | null = null;

/** Loads fresh modules, installs `fake` as window.parent at `path`, and connects. */
async function connectThrough(
  fake: FakeTeamsHost,
  path = '/tab/meeting.html',
): Promise<{ host: HostPort; api: Api }> {
  jest.resetModules();
  window.history.replaceState(null, '', path);
  uninstall = fake.installIn(window);
  const api = (await import('./index')) as Api;
  const teams = (await import('@microsoft/teams-js')) as TeamsJs;
  loaded = { api, teams };
  const host = await api.connectHost({ timeoutMs: 1000 });
  return { host, api };
}

afterEach(() => {
  loaded?.teams.app._uninitialize();
  loaded = null;
  uninstall?.();
  uninstall = null;
  jest.restoreAllMocks();
});

/** Lets queued postMessage deliveries and teams-js' promise chains run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

const CONFIGURATION: TabConfiguration = {
  contentUrl: 'http://localhost/tab/meeting.html?committee=opsg',
  websiteUrl: 'http://localhost/meetings',
  entityId: 'minutebook-opsg',
  suggestedDisplayName: 'Minutebook',
};

interface FrameCase {
  frame: FrameContext;
  teamsFrame: TeamsFrameContext;
  path: string;
  inMeeting: boolean;
  canShare: boolean;
  isSettings: boolean;
}

const FRAMES: FrameCase[] = [
  {
    frame: 'settings',
    teamsFrame: 'settings',
    path: '/tab/settings.html',
    inMeeting: false,
    canShare: false,
    isSettings: true,
  },
  {
    frame: 'content',
    teamsFrame: 'content',
    path: '/tab/meeting.html',
    inMeeting: true,
    canShare: false,
    isSettings: false,
  },
  {
    frame: 'sidePanel',
    teamsFrame: 'sidePanel',
    path: '/tab/meeting.html',
    inMeeting: true,
    canShare: true,
    isSettings: false,
  },
  {
    frame: 'meetingStage',
    teamsFrame: 'meetingStage',
    path: '/tab/stage.html',
    inMeeting: true,
    canShare: true,
    isSettings: false,
  },
  {
    frame: 'personal',
    teamsFrame: 'content',
    path: '/tab/my-actions.html?frame=personal',
    inMeeting: false,
    canShare: false,
    isSettings: false,
  },
];

describe.each(FRAMES)('when Teams shows the tab in the $frame frame', (frameCase) => {
  function fakeHost(): FakeTeamsHost {
    return new FakeTeamsHost({
      frameContext: frameCase.teamsFrame,
      theme: 'dark',
      locale: 'pt-PT',
      token: `token-for-${frameCase.frame}`,
      meetingId: frameCase.inMeeting ? 'MCMxOTptZWV0aW5n' : null,
      chatId: frameCase.inMeeting ? '19:meeting_abc@thread.v2' : null,
      user: {
        id: 'user-object-id',
        displayName: 'Inês Carvalho',
        userPrincipalName: 'ines@contoso.example',
        tenantId: 'tenant-id',
      },
    });
  }

  test('connectHost gives the Teams context of that frame', async () => {
    const fake = fakeHost();
    const { host } = await connectThrough(fake, frameCase.path);
    expect(host.kind).toBe('teams');
    expect(host.context()).toEqual({
      hostName: 'Teams',
      frameContext: frameCase.frame,
      teamsMeetingId: frameCase.inMeeting ? 'MCMxOTptZWV0aW5n' : null,
      chatId: frameCase.inMeeting ? '19:meeting_abc@thread.v2' : null,
      user: { id: 'user-object-id', displayName: 'Inês Carvalho', tenantId: 'tenant-id' },
      locale: 'pt-PT',
      theme: 'dark',
    });
    expect(fake.callsTo('initialize')).toHaveLength(1);
    expect(fake.callsTo('appInitialization.success')).toHaveLength(1);
    // teams-js asks Microsoft's CDN for its origin list on import; offline, it keeps its own.
    expect(fake.cdnRequests).toBe(1);
  });

  test('authHeaders carries the Teams SSO token', async () => {
    const { host } = await connectThrough(fakeHost(), frameCase.path);
    await expect(host.authHeaders()).resolves.toEqual({
      authorization: `Bearer token-for-${frameCase.frame}`,
    });
  });

  test('a theme change from Teams reaches onThemeChange and the context', async () => {
    const fake = fakeHost();
    const { host } = await connectThrough(fake, frameCase.path);
    const themes: string[] = [];
    const stop = host.onThemeChange((theme) => themes.push(theme));
    expect(fake.registeredHandlers).toContain('themeChange');
    fake.sendTheme('contrast');
    await settle();
    expect(themes).toEqual(['contrast']);
    expect(host.context().theme).toBe('contrast');
    stop();
    fake.sendTheme('default');
    await settle();
    expect(themes).toEqual(['contrast']);
    expect(host.context().theme).toBe('default');
  });

  if (frameCase.canShare) {
    test('shareToStage shares the page to the stage', async () => {
      const fake = fakeHost();
      const { host } = await connectThrough(fake, frameCase.path);
      await expect(host.canShareToStage()).resolves.toBe(true);
      await host.shareToStage('/tab/stage.html?meeting=42');
      expect(fake.stageShares).toEqual(['http://localhost/tab/stage.html?meeting=42']);
    });
  } else {
    test('shareToStage is refused as not supported, without asking Teams', async () => {
      const fake = fakeHost();
      const { host } = await connectThrough(fake, frameCase.path);
      await expect(host.canShareToStage()).resolves.toBe(false);
      await expect(host.shareToStage('/tab/stage.html')).rejects.toMatchObject({
        name: 'HostError',
        code: 'not_supported',
        message: `Sharing to the stage works from the meeting side panel; this page is in the ${frameCase.frame} frame.`,
      });
      expect(fake.callsTo('meeting.shareAppContentToStage')).toHaveLength(0);
      expect(fake.callsTo('meeting.getAppContentStageSharingCapabilities')).toHaveLength(0);
    });
  }

  if (frameCase.isSettings) {
    test("Save validity toggles Teams' Save button and the configuration reaches setConfig", async () => {
      const fake = fakeHost();
      const { host } = await connectThrough(fake, frameCase.path);
      host.onConfigSave(async () => CONFIGURATION);
      expect(fake.registeredHandlers).toContain('save');
      host.setConfigValid(true);
      host.setConfigValid(false);
      host.setConfigValid(true);
      await settle();
      expect(fake.validityStates).toEqual([true, false, true]);
      expect(fake.saveEnabled).toBe(true);
      await expect(fake.pressSave()).resolves.toEqual({ outcome: 'success' });
      expect(fake.savedConfig).toEqual(CONFIGURATION);
    });
  } else {
    test('the settings-page calls are refused as not supported', async () => {
      const fake = fakeHost();
      const { host } = await connectThrough(fake, frameCase.path);
      expect(() => host.onConfigSave(async () => CONFIGURATION)).toThrow(
        expect.objectContaining({ name: 'HostError', code: 'not_supported' }),
      );
      expect(() => host.setConfigValid(true)).toThrow(
        expect.objectContaining({ name: 'HostError', code: 'not_supported' }),
      );
      await settle();
      expect(fake.registeredHandlers).not.toContain('save');
      expect(fake.validityStates).toEqual([]);
    });
  }
});

describe('when Teams shows the tab on a stage view outside a meeting', () => {
  test('the frame is the meeting stage but sharing is refused, as teams-js would', async () => {
    const fake = new FakeTeamsHost({ frameContext: 'stage', meetingId: null });
    const { host } = await connectThrough(fake, '/tab/stage.html');
    expect(host.context().frameContext).toBe('meetingStage');
    await expect(host.shareToStage('/tab/stage.html')).rejects.toMatchObject({
      code: 'not_supported',
      message:
        'Sharing to the stage works from the meeting side panel; this page is in the stage frame.',
    });
  });
});

describe('when Teams cannot give a sign-in token', () => {
  test('authHeaders fails with auth_failed and says what to do', async () => {
    const fake = new FakeTeamsHost({ failures: { authToken: 'resourceRequiresConsent' } });
    const { host } = await connectThrough(fake);
    const failure = host.authHeaders();
    await expect(failure).rejects.toMatchObject({ name: 'HostError', code: 'auth_failed' });
    await expect(failure).rejects.toThrow(
      /resourceRequiresConsent.*Reload the tab; if it keeps failing, ask your Teams administrator/,
    );
  });

  test('a later call asks Teams again and succeeds once Teams does', async () => {
    const fake = new FakeTeamsHost({ failures: { authToken: 'FailedToOpenWindow' } });
    const { host } = await connectThrough(fake);
    await expect(host.authHeaders()).rejects.toMatchObject({ code: 'auth_failed' });
    fake.failures = {};
    fake.token = 'second-try';
    await expect(host.authHeaders()).resolves.toEqual({ authorization: 'Bearer second-try' });
  });
});

describe('when the SSO token is a JWT', () => {
  function jwt(exp: number): string {
    const part = (value: object): string =>
      btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ exp, aud: 'api://minutebook' })}.signature`;
  }

  test('it is reused until shortly before it expires', async () => {
    const token = jwt(Math.floor(Date.now() / 1000) + 3600);
    const fake = new FakeTeamsHost({ token });
    const { host } = await connectThrough(fake);
    const [first, second] = await Promise.all([host.authHeaders(), host.authHeaders()]);
    await host.authHeaders();
    expect(first).toEqual({ authorization: `Bearer ${token}` });
    expect(second).toEqual(first);
    expect(fake.callsTo('authentication.getAuthToken')).toHaveLength(1);
  });

  test('one about to expire is asked for again', async () => {
    const fake = new FakeTeamsHost({ token: jwt(Math.floor(Date.now() / 1000) + 60) });
    const { host } = await connectThrough(fake);
    await host.authHeaders();
    await host.authHeaders();
    expect(fake.callsTo('authentication.getAuthToken')).toHaveLength(2);
  });
});

describe('when sharing to the stage goes wrong', () => {
  test('a share refused by Teams is not_supported with the reason', async () => {
    const fake = new FakeTeamsHost({
      failures: { shareToStage: { errorCode: 1000, message: 'not a presenter' } },
    });
    const { host } = await connectThrough(fake);
    await expect(host.shareToStage('/tab/stage.html')).rejects.toMatchObject({
      code: 'not_supported',
      message: expect.stringContaining('not a presenter'),
    });
  });

  test('another host error is host_failed', async () => {
    const fake = new FakeTeamsHost({ failures: { shareToStage: { errorCode: 500 } } });
    const { host } = await connectThrough(fake);
    await expect(host.shareToStage('/tab/stage.html')).rejects.toMatchObject({
      code: 'host_failed',
    });
  });

  test('a URL on another origin is refused before Teams is asked', async () => {
    const fake = new FakeTeamsHost();
    const { host } = await connectThrough(fake);
    await expect(host.shareToStage('https://evil.example/stage')).rejects.toMatchObject({
      code: 'not_supported',
    });
    await expect(host.shareToStage('')).rejects.toMatchObject({ code: 'not_supported' });
    expect(fake.callsTo('meeting.shareAppContentToStage')).toHaveLength(0);
  });

  test('canShareToStage is false without the share permission or when Teams errs', async () => {
    const fake = new FakeTeamsHost({ sharePermission: false });
    const { host } = await connectThrough(fake);
    await expect(host.canShareToStage()).resolves.toBe(false);
    fake.failures = { sharingCapabilities: { errorCode: 1000 } };
    fake.sharePermission = true;
    await expect(host.canShareToStage()).resolves.toBe(false);
  });

  test('a side panel without a meeting id is not_in_meeting', async () => {
    const fake = new FakeTeamsHost({ meetingId: null });
    const { host } = await connectThrough(fake);
    await expect(host.shareToStage('/tab/stage.html')).rejects.toMatchObject({
      code: 'not_in_meeting',
    });
  });
});

describe('when the settings page saves', () => {
  test('an incomplete configuration is reported to Teams as a failure, never saved', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const fake = new FakeTeamsHost({ frameContext: 'settings' });
    const { host } = await connectThrough(fake, '/tab/settings.html');
    host.onConfigSave(async () => ({ ...CONFIGURATION, entityId: '' }));
    host.setConfigValid(true);
    await settle();
    await expect(fake.pressSave()).resolves.toEqual({
      outcome: 'failure',
      reason: expect.stringContaining('entityId'),
    });
    expect(fake.callsTo('settings.setSettings')).toHaveLength(0);
  });

  test('a content URL on another origin is refused', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const fake = new FakeTeamsHost({ frameContext: 'settings' });
    const { host } = await connectThrough(fake, '/tab/settings.html');
    host.onConfigSave(async () => ({ ...CONFIGURATION, contentUrl: 'https://other.example/' }));
    host.setConfigValid(true);
    await settle();
    const outcome = await fake.pressSave();
    expect(outcome).toMatchObject({ outcome: 'failure' });
    expect(fake.savedConfig).toBeNull();
  });

  test('a save Teams rejects is reported as a failure', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const fake = new FakeTeamsHost({
      frameContext: 'settings',
      failures: { setSettings: 'tab limit reached' },
    });
    const { host } = await connectThrough(fake, '/tab/settings.html');
    host.onConfigSave(async () => CONFIGURATION);
    host.setConfigValid(true);
    await settle();
    await expect(fake.pressSave()).resolves.toEqual({
      outcome: 'failure',
      reason: expect.stringContaining('tab limit reached'),
    });
  });

  test('setConfigValid refuses what is not a boolean', async () => {
    const { host } = await connectThrough(
      new FakeTeamsHost({ frameContext: 'settings' }),
      '/tab/settings.html',
    );
    expect(() => host.setConfigValid('yes' as unknown as boolean)).toThrow(TypeError);
  });
});

describe('when Teams answers initialize but not getContext', () => {
  test('connectHost fails with host_failed instead of pretending to be a browser', async () => {
    jest.resetModules();
    const fake = new FakeTeamsHost({ failures: { getContextNeverAnswers: true } });
    uninstall = fake.installIn(window);
    const api = (await import('./index')) as Api;
    loaded = { api, teams: (await import('@microsoft/teams-js')) as TeamsJs };
    await expect(api.connectHost({ timeoutMs: 50 })).rejects.toMatchObject({
      name: 'HostError',
      code: 'host_failed',
    });
  });
});

describe('when the page is mapped from Teams frame contexts', () => {
  test('each Teams frame context has one of ours', async () => {
    const { toFrameContext } = await import('./hostRules');
    const page = 'https://minutebook.example/tab/meeting.html';
    expect(toFrameContext('stage', page)).toBe('meetingStage');
    expect(toFrameContext('meetingStage', page)).toBe('meetingStage');
    expect(toFrameContext('sidePanel', page)).toBe('sidePanel');
    expect(toFrameContext('settings', page)).toBe('settings');
    expect(toFrameContext('remove', page)).toBe('settings');
    expect(toFrameContext('content', page)).toBe('content');
    expect(toFrameContext('content', `${page}?frame=personal`)).toBe('personal');
    expect(toFrameContext('task', page)).toBe('content');
  });
});
