/**
 * A fake Microsoft Teams host at the outermost edge: it plays the parent window's side of the
 * postMessage protocol that teams-js speaks (as in @microsoft/teams-js 2.x), so the real teams-js
 * and our TeamsHost run unchanged above it.
 *
 * Wire format (teams-js src/internal/communication.ts, messageObjects.ts):
 * - app to host: `{id, uuidAsString, func, args, apiVersionTag, timestamp, …}` posted to the parent;
 * - host's answer: `{id, uuidAsString, args}` with the same id and uuid;
 * - host to app (events): `{func, args}`, e.g. `{func: 'themeChange', args: ['dark']}`.
 * teams-js accepts messages whose `source` is its parent window and whose `origin` is a Microsoft
 * host (https://teams.microsoft.com) or the app's own origin.
 *
 * Two transports:
 * - `installIn(window)` for jest + jsdom: replaces `window.parent` (and `top`) with a fake parent
 *   whose `postMessage` answers by dispatching MessageEvents on `window`. It also stands in for
 *   Microsoft's CDN, which teams-js asks for its list of valid origins as soon as it is imported:
 *   the request fails as offline (jsdom has no fetch), and teams-js keeps its built-in list.
 * - `attachToFrame(iframe.contentWindow, hostWindow)` for a real browser page that embeds the tab
 *   in an iframe. The host page must be on the tab's own origin (teams-js accepts that origin).
 *
 * The file avoids DOM types on purpose: it is type-checked both with and without the DOM library.
 */

/** Teams' own frame context names, as the host sends them in its answer to `initialize`. */
export type TeamsFrameContext =
  | 'settings'
  | 'content'
  | 'authentication'
  | 'remove'
  | 'task'
  | 'sidePanel'
  | 'stage'
  | 'meetingStage';

export interface FakeTeamsUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  tenantId: string | null;
}

/** teams-js' SdkError: `{errorCode, message}`, e.g. 1000 for PERMISSION_DENIED. */
export interface FakeSdkError {
  errorCode: number;
  message?: string;
}

export interface FakeTeamsFailures {
  /** Never answer `initialize`: the page is framed by something that is not a Microsoft host. */
  initializeNeverAnswers?: boolean;
  /** Never answer `getContext`. */
  getContextNeverAnswers?: boolean;
  /** `authentication.getAuthToken` fails with this reason, e.g. "resourceRequiresConsent". */
  authToken?: string;
  /** `meeting.shareAppContentToStage` answers with this error. */
  shareToStage?: FakeSdkError;
  /** `meeting.getAppContentStageSharingCapabilities` answers with this error. */
  sharingCapabilities?: FakeSdkError;
  /** `settings.setSettings` (pages.config.setConfig) fails with this reason. */
  setSettings?: string;
}

export interface FakeTeamsHostOptions {
  frameContext?: TeamsFrameContext;
  hostName?: string;
  clientType?: string;
  theme?: string;
  locale?: string;
  user?: FakeTeamsUser | null;
  meetingId?: string | null;
  chatId?: string | null;
  /** The tab's entityId (page.id in the app's context). */
  entityId?: string;
  /** The SSO token `authentication.getAuthToken` gives. */
  token?: string;
  /** `doesAppHaveSharePermission` in the stage sharing capabilities. */
  sharePermission?: boolean;
  /** The origin the host's messages come from. */
  origin?: string;
  /** Capabilities the runtime config declares (replaces the default set). */
  supports?: Record<string, unknown>;
  failures?: FakeTeamsFailures;
}

/** One message the app sent to the host, as received. */
export interface FakeTeamsCall {
  id: number;
  func: string;
  args: unknown[];
  apiVersionTag: string | undefined;
  targetOrigin: string;
}

export type FakeSaveOutcome = { outcome: 'success' } | { outcome: 'failure'; reason: unknown };

/** What teams-js fetches when it is imported, to refresh its list of valid host origins. */
export const TEAMS_JS_ORIGINS_CDN =
  'https://res.cdn.office.net/teams-js/validDomains/json/validDomains.json';

export const DEFAULT_FAKE_USER: FakeTeamsUser = {
  id: '6f1c2a4e-0000-4000-8000-00000000a11c',
  displayName: 'Alice Secretary',
  userPrincipalName: 'alice@contoso.example',
  tenantId: '72f988bf-0000-4000-8000-0000000000c0',
};

/** What a current Teams client declares for a meeting app: meeting, pages, authentication… */
export const DEFAULT_FAKE_SUPPORTS: Record<string, unknown> = {
  app: {},
  appEntity: {},
  authentication: {},
  dialog: { card: {}, url: { bot: {}, parentCommunication: {} }, update: {} },
  interactive: {},
  meeting: {},
  pages: { appButton: {}, backStack: {}, config: {}, currentApp: {}, tabs: {} },
  stageView: {},
  teamsCore: {},
};

/** What the fake needs of a window in jsdom (a structural slice of the DOM's Window). */
export interface JsdomWindowLike {
  dispatchEvent(event: never): boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  MessageEvent: new (type: string, init: any) => unknown;
}

/** Anything with postMessage: a window or the app's iframe's contentWindow. */
export interface PostMessageTarget {
  postMessage(message: unknown, targetOrigin: string): void;
}

/** The page hosting the app's iframe, in a real browser. */
export interface HostWindowLike {
  addEventListener(type: 'message', listener: (event: never) => void): void;
  removeEventListener(type: 'message', listener: (event: never) => void): void;
}

interface IncomingEvent {
  data: unknown;
  source: unknown;
  origin: string;
}

interface WireRequest {
  id: number;
  uuidAsString?: string;
  func: string;
  args?: unknown[];
  apiVersionTag?: string;
}

export class FakeTeamsHost {
  frameContext: TeamsFrameContext;
  hostName: string;
  clientType: string;
  theme: string;
  locale: string;
  user: FakeTeamsUser | null;
  meetingId: string | null;
  chatId: string | null;
  entityId: string;
  token: string;
  sharePermission: boolean;
  readonly origin: string;
  supports: Record<string, unknown>;
  failures: FakeTeamsFailures;

  /** Every message the app sent, in order. */
  readonly calls: FakeTeamsCall[] = [];
  /** URLs the app shared to the stage. */
  readonly stageShares: string[] = [];
  /** Every `settings.setValidityState` value, in order. */
  readonly validityStates: boolean[] = [];
  /** The last configuration saved through `settings.setSettings`, or null. */
  savedConfig: Record<string, unknown> | null = null;
  /** How often teams-js asked the CDN for its origin list while the fake was installed. */
  cdnRequests = 0;

  private deliver: ((message: unknown) => void) | null = null;
  private detach: (() => void) | null = null;
  private pendingSave: ((outcome: FakeSaveOutcome) => void) | null = null;

  constructor(options: FakeTeamsHostOptions = {}) {
    this.frameContext = options.frameContext ?? 'sidePanel';
    this.hostName = options.hostName ?? 'Teams';
    this.clientType = options.clientType ?? 'web';
    this.theme = options.theme ?? 'default';
    this.locale = options.locale ?? 'en-GB';
    this.user = options.user === undefined ? { ...DEFAULT_FAKE_USER } : options.user;
    this.meetingId =
      options.meetingId === undefined
        ? 'MCMxOTptZWV0aW5nX2Zha2VAdGhyZWFkLnYyIzA='
        : options.meetingId;
    this.chatId = options.chatId === undefined ? '19:meeting_fake@thread.v2' : options.chatId;
    this.entityId = options.entityId ?? 'minutebook';
    this.token = options.token ?? 'fake-sso-token';
    this.sharePermission = options.sharePermission ?? true;
    this.origin = options.origin ?? 'https://teams.microsoft.com';
    this.supports = options.supports ?? DEFAULT_FAKE_SUPPORTS;
    this.failures = { ...options.failures };
  }

  /** Whether Teams' Save button is enabled (the last `setValidityState`; Teams starts disabled). */
  get saveEnabled(): boolean {
    return this.validityStates.at(-1) ?? false;
  }

  /** The handlers the app registered (`themeChange`, `save`…). */
  get registeredHandlers(): string[] {
    return this.callsTo('registerHandler').map((call) => String(call.args[0]));
  }

  callsTo(func: string): FakeTeamsCall[] {
    return this.calls.filter((call) => call.func === func);
  }

  /**
   * jest + jsdom: makes `win.parent` and `win.top` a fake parent window that answers the app.
   * Returns the uninstall function (also `uninstall()`).
   */
  installIn(win: JsdomWindowLike): () => void {
    this.uninstall();
    const target = win as unknown as Record<string, unknown>;
    const saved = ['parent', 'top', 'fetch'].map(
      (key) => [key, Object.getOwnPropertyDescriptor(target, key)] as const,
    );
    let installed = true;
    const fakeParent = {
      closed: false,
      postMessage: (message: unknown, targetOrigin: string) => {
        // A parent left over from an earlier test stays silent.
        if (installed) this.receive(message, targetOrigin);
      },
    };
    for (const key of ['parent', 'top'])
      Object.defineProperty(target, key, { value: fakeParent, configurable: true });
    const realFetch = target['fetch'];
    const fetchStandIn = (input: unknown, init?: unknown): Promise<unknown> => {
      if (String(input) === TEAMS_JS_ORIGINS_CDN) {
        this.cdnRequests += 1;
        return Promise.reject(new TypeError('Failed to fetch (the fake Teams host is offline)'));
      }
      if (typeof realFetch === 'function') return (realFetch as typeof fetchStandIn)(input, init);
      return Promise.reject(new TypeError(`This test window has no fetch for ${String(input)}`));
    };
    Object.defineProperty(target, 'fetch', {
      value: fetchStandIn,
      configurable: true,
      writable: true,
    });
    this.deliver = (message) => {
      // postMessage is asynchronous; a promise (not a timer) keeps it independent of fake timers.
      void Promise.resolve().then(() => {
        if (!installed) return;
        const event = new win.MessageEvent('message', {
          data: clone(message),
          origin: this.origin,
          source: fakeParent,
        });
        win.dispatchEvent(event as never);
      });
    };
    this.detach = () => {
      installed = false;
      for (const [key, descriptor] of saved) {
        if (descriptor) Object.defineProperty(target, key, descriptor);
        else delete target[key];
      }
    };
    return () => this.uninstall();
  }

  /**
   * A real browser: answers the tab running in an iframe of `hostWindow` (its `contentWindow` is
   * `appWindow`). Serve the host page from the tab's origin so teams-js accepts its messages.
   */
  attachToFrame(appWindow: PostMessageTarget, hostWindow: HostWindowLike): () => void {
    this.uninstall();
    const listener = (event: IncomingEvent): void => {
      if (event.source === appWindow) this.receive(event.data, '*');
    };
    hostWindow.addEventListener('message', listener as (event: never) => void);
    this.deliver = (message) => appWindow.postMessage(message, '*');
    this.detach = () =>
      hostWindow.removeEventListener('message', listener as (event: never) => void);
    return () => this.uninstall();
  }

  uninstall(): void {
    this.detach?.();
    this.detach = null;
    this.deliver = null;
  }

  /** Teams' theme changes: the app gets a `themeChange` event, later contexts say the new theme. */
  sendTheme(theme: string): void {
    this.theme = theme;
    this.send({ func: 'themeChange', args: [theme] });
  }

  /**
   * The user presses Teams' Save button on the settings page. Resolves when the app notifies
   * success or failure. Teams only sends this while Save is enabled; so does the fake.
   */
  pressSave(): Promise<FakeSaveOutcome> {
    if (!this.saveEnabled)
      return Promise.reject(new Error('Save is disabled: the app has not set a valid state.'));
    return new Promise((resolve) => {
      this.pendingSave = resolve;
      this.send({ func: 'settings.save', args: [{}] });
    });
  }

  /** Sends a host-to-app event. */
  send(message: { func: string; args: unknown[] }): void {
    if (!this.deliver) throw new Error('The fake Teams host is not installed in a window.');
    this.deliver(message);
  }

  /** Handles one message from the app; the transports call it. */
  receive(message: unknown, targetOrigin: string): void {
    if (!isWireRequest(message)) return;
    const args = Array.isArray(message.args) ? clone(message.args) : [];
    this.calls.push({
      id: message.id,
      func: message.func,
      args,
      apiVersionTag: message.apiVersionTag,
      targetOrigin,
    });
    const answer = this.answer(message.func, args);
    if (answer !== undefined && this.deliver)
      this.deliver({ id: message.id, uuidAsString: message.uuidAsString, args: answer });
  }

  /** The answer's args, or undefined for messages Teams does not answer. */
  private answer(func: string, args: unknown[]): unknown[] | undefined {
    const failures = this.failures;
    switch (func) {
      case 'initialize':
        if (failures.initializeNeverAnswers) return undefined;
        // [frameContext, hostClientType, runtimeConfig (JSON), clientSupportedSDKVersion]
        return [
          this.frameContext,
          this.clientType,
          JSON.stringify({ apiVersion: 4, isLegacyTeams: false, supports: this.supports }),
          '2.58.0',
        ];
      case 'getContext':
        return failures.getContextNeverAnswers ? undefined : [this.legacyContext()];
      case 'authentication.getAuthToken':
        return failures.authToken !== undefined ? [false, failures.authToken] : [true, this.token];
      case 'meeting.getAppContentStageSharingCapabilities':
        return failures.sharingCapabilities
          ? [failures.sharingCapabilities, null]
          : [null, { doesAppHaveSharePermission: this.sharePermission }];
      case 'meeting.shareAppContentToStage':
        if (failures.shareToStage) return [failures.shareToStage, null];
        if (!['sidePanel', 'meetingStage'].includes(this.frameContext))
          return [{ errorCode: 501, message: 'not in a meeting frame' }, null];
        this.stageShares.push(String(args[0]));
        return [null, true];
      case 'settings.setSettings':
        if (failures.setSettings !== undefined) return [false, failures.setSettings];
        this.savedConfig = { ...(args[0] as Record<string, unknown>) };
        return [true];
      case 'settings.getSettings':
        return [this.savedConfig ?? {}];
      case 'settings.setValidityState':
        this.validityStates.push(args[0] === true);
        return undefined;
      case 'settings.save.success':
        this.settleSave({ outcome: 'success' });
        return undefined;
      case 'settings.save.failure':
        this.settleSave({ outcome: 'failure', reason: args[0] });
        return undefined;
      default:
        // registerHandler, appInitialization.success… are one-way; unknown calls stay unanswered.
        return undefined;
    }
  }

  private settleSave(outcome: FakeSaveOutcome): void {
    const settle = this.pendingSave;
    this.pendingSave = null;
    settle?.(outcome);
  }

  /** The context as Teams sends it on the wire (teams-js maps it to app.Context). */
  private legacyContext(): Record<string, unknown> {
    const user = this.user;
    return {
      locale: this.locale,
      theme: this.theme,
      frameContext: this.frameContext,
      hostName: this.hostName,
      hostClientType: this.clientType,
      entityId: this.entityId,
      appSessionId: 'fake-app-session',
      sessionId: 'fake-host-session',
      ...(this.meetingId !== null ? { meetingId: this.meetingId } : {}),
      ...(this.chatId !== null ? { chatId: this.chatId } : {}),
      ...(user !== null
        ? {
            userObjectId: user.id,
            userDisplayName: user.displayName,
            userPrincipalName: user.userPrincipalName,
            loginHint: user.userPrincipalName,
            ...(user.tenantId !== null ? { tid: user.tenantId } : {}),
          }
        : {}),
    };
  }
}

function isWireRequest(message: unknown): message is WireRequest {
  if (typeof message !== 'object' || message === null) return false;
  const { id, func } = message as { id?: unknown; func?: unknown };
  return typeof id === 'number' && typeof func === 'string';
}

/** What postMessage's structured clone does to these plain messages. */
function clone<T>(value: T): T {
  const structured = (globalThis as { structuredClone?: (value: T) => T }).structuredClone;
  if (typeof structured === 'function') return structured(value);
  return JSON.parse(JSON.stringify(value)) as T;
}
