/**
 * @jest-environment jsdom
 */
import { FakeTeamsHost } from '../../../test/fakes/FakeTeamsHost';
import type { HostPort, HostTheme, TabConfiguration } from './HostPort';
import type * as IndexModule from './index';

type Api = typeof IndexModule;

let api: Api;
let cleanups: (() => void)[] = [];

beforeEach(async () => {
  jest.resetModules();
  api = (await import('./index')) as Api;
});

afterEach(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
  cleanups = [];
  document.cookie = 'minutebook_user=; path=/; max-age=0';
  window.history.replaceState(null, '', '/');
  jest.useRealTimers();
  jest.restoreAllMocks();
});

function visit(path: string): void {
  window.history.replaceState(null, '', path);
}

/** Replaces a property of `window` for one test. */
function stub(key: string, value: unknown): void {
  const target = window as unknown as Record<string, unknown>;
  const saved = Object.getOwnPropertyDescriptor(target, key);
  Object.defineProperty(target, key, { value, configurable: true, writable: true });
  cleanups.push(() => {
    if (saved) Object.defineProperty(target, key, saved);
    else delete target[key];
  });
}

/** A `window.matchMedia` whose answers the test changes, firing `change` like a browser. */
function mockMedia(initial: { dark?: boolean; forced?: boolean } = {}) {
  const state = { dark: initial.dark ?? false, forced: initial.forced ?? false };
  const listeners = new Map<string, Set<() => void>>();
  const matches = (query: string): boolean =>
    query.includes('prefers-color-scheme: dark')
      ? state.dark
      : query.includes('forced-colors: active')
        ? state.forced
        : false;
  const matchMedia = jest.fn((query: string) => {
    const set = listeners.get(query) ?? new Set<() => void>();
    listeners.set(query, set);
    return {
      media: query,
      get matches() {
        return matches(query);
      },
      addEventListener: (_type: string, listener: () => void) => set.add(listener),
      removeEventListener: (_type: string, listener: () => void) => set.delete(listener),
    };
  });
  stub('matchMedia', matchMedia);
  return {
    set(next: { dark?: boolean; forced?: boolean }) {
      const before = { ...state };
      Object.assign(state, next);
      for (const [query, set] of listeners) {
        if (matches(query) !== (query.includes('dark') ? before.dark : before.forced))
          for (const listener of [...set]) listener();
      }
    },
    listenerCount: () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0),
  };
}

const CONFIGURATION: TabConfiguration = {
  contentUrl: 'http://localhost/tab/meeting.html?committee=opsg',
  websiteUrl: 'http://localhost/meetings',
  entityId: 'minutebook-opsg',
  suggestedDisplayName: 'Minutebook',
};

describe('when the page has no parent window', () => {
  test('connectHost picks the browser host without loading teams-js', async () => {
    jest.resetModules();
    let teamsJsLoaded = false;
    jest.doMock('@microsoft/teams-js', () => {
      teamsJsLoaded = true;
      return {};
    });
    const { connectHost } = (await import('./index')) as Api;
    // How soon is a bench figure; that it waits for no timer is the next test.
    const host = await connectHost();
    expect(host.kind).toBe('browser');
    expect(teamsJsLoaded).toBe(false);
    jest.dontMock('@microsoft/teams-js');
  });

  test('connectHost resolves with no timer run at all', async () => {
    jest.useFakeTimers();
    let host: HostPort | undefined;
    void api.connectHost().then((connected) => {
      host = connected;
    });
    for (let i = 0; i < 5; i += 1) await Promise.resolve();
    expect(host?.kind).toBe('browser');
    expect(jest.getTimerCount()).toBe(0);
  });

  test('a window opened by a Minutebook page (same origin) is not in Teams', () => {
    stub('opener', { location: { origin: window.location.origin } });
    expect(api.mayHaveMicrosoftHost()).toBe(false);
  });

  test('a Teams mobile web view (window.nativeInterface, no parent) might be', () => {
    stub('nativeInterface', { framelessPostMessage: () => undefined });
    expect(api.mayHaveMicrosoftHost()).toBe(true);
  });

  test('a window opened by another origin might be', () => {
    const crossOrigin = {
      get location(): never {
        throw new DOMException('Blocked a frame', 'SecurityError');
      },
    };
    stub('opener', crossOrigin);
    expect(api.mayHaveMicrosoftHost()).toBe(true);
  });
});

describe('when the page is framed by a parent that never answers', () => {
  let fake: FakeTeamsHost;

  beforeEach(() => {
    jest.useFakeTimers();
    fake = new FakeTeamsHost({ failures: { initializeNeverAnswers: true } });
    cleanups.push(fake.installIn(window));
  });

  test('connectHost falls back to the browser host after 3 s, with a warning', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    let host: HostPort | undefined;
    const connecting = api.connectHost().then((connected) => (host = connected));
    await jest.advanceTimersByTimeAsync(2999);
    expect(host).toBeUndefined();
    expect(fake.callsTo('initialize')).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    await expect(connecting).resolves.toMatchObject({ kind: 'browser' });
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('no Microsoft host answered within 3000 ms'),
    );
    // teams-js' own 60 s timeout later rejects its promise; nothing is left unhandled.
    await jest.advanceTimersByTimeAsync(60_000);
  });

  test('the timeout is a parameter', async () => {
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const connecting = api.connectHost({ timeoutMs: 250 });
    await jest.advanceTimersByTimeAsync(250);
    await expect(connecting).resolves.toMatchObject({ kind: 'browser' });
  });

  test('a timeout that is not a duration is refused', async () => {
    await expect(api.connectHost({ timeoutMs: -1 })).rejects.toThrow(RangeError);
    await expect(api.connectHost({ timeoutMs: Number.NaN })).rejects.toThrow(RangeError);
  });
});

describe('when the URL says which frame the page plays', () => {
  test.each([
    ['/tab/stage.html', 'meetingStage'],
    ['/tab/settings.html', 'settings'],
    ['/tab/my-actions.html', 'personal'],
    ['/tab/meeting.html', 'sidePanel'],
    ['/', 'sidePanel'],
    ['/tab/meeting.html?frame=content', 'content'],
    ['/tab/meeting.html?frame=meetingStage', 'meetingStage'],
    ['/tab/stage.html?frame=sidePanel', 'sidePanel'],
    ['/tab/settings.html?frame=personal', 'personal'],
    ['/tab/stage.html?frame=nonsense', 'meetingStage'],
  ])('%s is the %s frame', (path, frame) => {
    visit(path);
    const host = new api.BrowserHost();
    expect(host.context()).toMatchObject({
      hostName: 'Browser',
      frameContext: frame,
      teamsMeetingId: null,
      chatId: null,
    });
  });

  test('?locale= sets the locale, else the browser language', () => {
    visit('/tab/meeting.html?locale=pt-pt');
    expect(new api.BrowserHost().context().locale).toBe('pt-PT');
    visit('/tab/meeting.html');
    expect(new api.BrowserHost().context().locale).toBe(navigator.language);
  });
});

describe('when the theme comes from the URL or the system', () => {
  test('?theme= wins over the system and stays put', () => {
    const media = mockMedia({ dark: true });
    visit('/tab/meeting.html?theme=contrast');
    const host = new api.BrowserHost();
    const themes: HostTheme[] = [];
    host.onThemeChange((theme) => themes.push(theme));
    expect(host.context().theme).toBe('contrast');
    media.set({ dark: false });
    expect(themes).toEqual([]);
    expect(media.listenerCount()).toBe(0);
  });

  test.each([
    [{}, 'default'],
    [{ dark: true }, 'dark'],
    [{ forced: true }, 'contrast'],
    [{ dark: true, forced: true }, 'contrast'],
  ])('a system with %j is %s', (system, theme) => {
    mockMedia(system);
    expect(new api.BrowserHost().context().theme).toBe(theme);
  });

  test('without matchMedia the theme is default', () => {
    expect(typeof window.matchMedia).toBe('undefined');
    const host = new api.BrowserHost();
    expect(host.context().theme).toBe('default');
    expect(() => host.onThemeChange(() => undefined)()).not.toThrow();
  });

  test('a live prefers-color-scheme change reaches onThemeChange until unsubscribed', () => {
    const media = mockMedia();
    const host = new api.BrowserHost();
    const themes: HostTheme[] = [];
    const stop = host.onThemeChange((theme) => themes.push(theme));
    media.set({ dark: true });
    expect(themes).toEqual(['dark']);
    expect(host.context().theme).toBe('dark');
    media.set({ forced: true });
    media.set({ forced: false });
    expect(themes).toEqual(['dark', 'contrast', 'dark']);
    stop();
    expect(media.listenerCount()).toBe(0);
    media.set({ dark: false });
    expect(themes).toEqual(['dark', 'contrast', 'dark']);
    expect(host.context().theme).toBe('default');
  });
});

describe('when the local user is picked', () => {
  test('the default user is "secretary"', async () => {
    const host = new api.BrowserHost();
    expect(host.context().user).toEqual({
      id: 'secretary',
      displayName: 'secretary',
      tenantId: null,
    });
    await expect(host.authHeaders()).resolves.toEqual({ 'x-minutebook-user': 'secretary' });
  });

  test('the minutebook_user cookie names the user', async () => {
    document.cookie = 'minutebook_user=ines.carvalho; path=/';
    await expect(new api.BrowserHost().authHeaders()).resolves.toEqual({
      'x-minutebook-user': 'ines.carvalho',
    });
  });

  test('setLocalUser sets the cookie, tells the listeners and changes the headers', async () => {
    const host = new api.BrowserHost();
    const seen: string[] = [];
    const fromHost: string[] = [];
    const stop = api.onLocalUserChange((user) => seen.push(user));
    host.onUserChange((user) => fromHost.push(user));
    host.setLocalUser('joao@minutebook');
    expect(document.cookie).toContain('minutebook_user=joao%40minutebook');
    expect(host.user()).toBe('joao@minutebook');
    await expect(host.authHeaders()).resolves.toEqual({ 'x-minutebook-user': 'joao@minutebook' });
    expect(host.context().user?.id).toBe('joao@minutebook');
    api.setLocalUser('joao@minutebook');
    stop();
    api.setLocalUser('ines');
    expect(seen).toEqual(['joao@minutebook']);
    expect(fromHost).toEqual(['joao@minutebook', 'ines']);
  });

  test('a user name the server would refuse is refused and the cookie kept', () => {
    api.setLocalUser('ines');
    expect(() => api.setLocalUser('ines; path=/evil')).toThrow(
      expect.objectContaining({ name: 'HostError', code: 'auth_failed' }),
    );
    expect(() => api.setLocalUser('')).toThrow(expect.objectContaining({ code: 'auth_failed' }));
    expect(api.localUser()).toBe('ines');
  });

  test('an unreadable cookie falls back to the default user', () => {
    document.cookie = 'minutebook_user=%E0%A4%A; path=/';
    expect(api.localUser()).toBe('secretary');
  });
});

describe('when a page shares to the stage in the browser', () => {
  test('the side panel opens the stage page in a window of its own', async () => {
    visit('/tab/meeting.html');
    const opened = { opener: window as unknown };
    const open = jest.fn(() => opened);
    stub('open', open);
    const host = new api.BrowserHost();
    await expect(host.canShareToStage()).resolves.toBe(true);
    await host.shareToStage('/tab/stage.html?meeting=42');
    expect(open).toHaveBeenCalledWith(
      'http://localhost/tab/stage.html?meeting=42&frame=meetingStage',
      'minutebook-stage',
    );
    expect(opened.opener).toBeNull();
  });

  test('a blocked pop-up is host_failed with what to do', async () => {
    visit('/tab/stage.html');
    stub(
      'open',
      jest.fn(() => null),
    );
    await expect(new api.BrowserHost().shareToStage('stage.html')).rejects.toMatchObject({
      code: 'host_failed',
      message: 'The browser blocked the stage window; allow pop-ups for this site and share again.',
    });
  });

  test.each(['content', 'settings', 'personal'])('the %s frame is refused', async (frame) => {
    visit(`/tab/meeting.html?frame=${frame}`);
    const open = jest.fn();
    stub('open', open);
    const host = new api.BrowserHost();
    await expect(host.canShareToStage()).resolves.toBe(false);
    await expect(host.shareToStage('/tab/stage.html')).rejects.toMatchObject({
      name: 'HostError',
      code: 'not_supported',
      message: `Sharing to the stage works from the meeting side panel; this page is in the ${frame} frame.`,
    });
    expect(open).not.toHaveBeenCalled();
  });

  test('a page of another origin is refused', async () => {
    visit('/tab/meeting.html');
    const open = jest.fn();
    stub('open', open);
    await expect(
      new api.BrowserHost().shareToStage('https://evil.example/stage.html'),
    ).rejects.toMatchObject({ code: 'not_supported' });
    expect(open).not.toHaveBeenCalled();
  });
});

describe('when the settings page saves in the browser', () => {
  test('the page’s own Save button gets the configuration once it is valid', async () => {
    visit('/tab/settings.html');
    const host = new api.BrowserHost();
    const validity: boolean[] = [];
    host.onConfigValidChange((valid) => validity.push(valid));
    await expect(host.saveConfig()).rejects.toMatchObject({ code: 'not_supported' });
    host.onConfigSave(async () => CONFIGURATION);
    expect(host.isConfigValid()).toBe(false);
    await expect(host.saveConfig()).rejects.toMatchObject({ code: 'not_supported' });
    host.setConfigValid(true);
    host.setConfigValid(true);
    expect(validity).toEqual([true]);
    await expect(host.saveConfig()).resolves.toEqual(CONFIGURATION);
    host.setConfigValid(false);
    expect(validity).toEqual([true, false]);
  });

  test('an incomplete configuration is refused as Teams would', async () => {
    visit('/tab/settings.html');
    const host = new api.BrowserHost();
    host.onConfigSave(async () => ({ ...CONFIGURATION, contentUrl: 'not a url' }));
    host.setConfigValid(true);
    await expect(host.saveConfig()).rejects.toMatchObject({
      code: 'host_failed',
      message: expect.stringContaining('contentUrl'),
    });
  });

  test('other frames cannot register a save or enable Save', () => {
    visit('/tab/meeting.html');
    const host = new api.BrowserHost();
    expect(() => host.onConfigSave(async () => CONFIGURATION)).toThrow(
      expect.objectContaining({
        code: 'not_supported',
        message:
          "Saving a tab configuration works on the tab's settings page; this page is in the sidePanel frame.",
      }),
    );
    expect(() => host.setConfigValid(true)).toThrow(
      expect.objectContaining({ code: 'not_supported' }),
    );
  });
});
