/**
 * The host port over teams-js: the one place that talks to Microsoft Teams (or another Microsoft
 * 365 host). Calls are checked against Teams' own frame context before they go out, the way
 * teams-js checks them, so a page gets a HostError with a sentence instead of a teams-js Error.
 * connectHost loads this module only when the page may have such a host: importing teams-js
 * already fetches its list of valid origins from Microsoft's CDN.
 */
import { app, authentication, ErrorCode, meeting, pages } from '@microsoft/teams-js';
import type { SdkError } from '@microsoft/teams-js';
import { HostError } from './HostPort';
import type { HostContext, HostPort, HostTheme, HostUser, TabConfiguration } from './HostPort';
import {
  checkTabConfiguration,
  errorText,
  Listeners,
  refuseConfiguration,
  refuseStageSharing,
  stageUrl,
  toFrameContext,
  toHostTheme,
} from './hostRules';

/** teams-js' frame contexts from which it lets an app call the stage-sharing APIs. */
const TEAMS_STAGE_FRAMES = ['sidePanel', 'meetingStage'];
/** teams-js' frame contexts for pages.config.setValidityState. */
const TEAMS_VALIDITY_FRAMES = ['settings', 'remove'];
/** A cached SSO token is used until this long before it expires. */
const TOKEN_RENEW_MARGIN_MS = 5 * 60 * 1000;

export type TeamsStart = { ok: true } | { ok: false; reason: string };

/**
 * Calls `app.initialize()` and waits at most `timeoutMs` for the host to answer. Never rejects:
 * when no Microsoft host answers (teams-js itself would wait 60 s) it says why.
 */
export function startTeams(timeoutMs: number): Promise<TeamsStart> {
  return new Promise((resolve) => {
    const timer = setTimeout(
      () => resolve({ ok: false, reason: `no Microsoft host answered within ${timeoutMs} ms` }),
      timeoutMs,
    );
    const settle = (outcome: TeamsStart): void => {
      clearTimeout(timer);
      resolve(outcome);
    };
    let initializing: Promise<void>;
    try {
      initializing = app.initialize();
    } catch (error) {
      settle({ ok: false, reason: errorText(error) });
      return;
    }
    // Also handles teams-js' own rejection 60 s later, after the timeout has settled the race.
    initializing.then(
      () => settle({ ok: true }),
      (error: unknown) => settle({ ok: false, reason: errorText(error) }),
    );
  });
}

export interface TeamsHostOptions {
  /** The page's URL; defaults to `window.location.href`. */
  pageHref?: string;
  /** How long to wait for Teams' answer to getContext (default 3000 ms). */
  timeoutMs?: number;
}

export class TeamsHost implements HostPort {
  readonly kind = 'teams' as const;
  private theme: HostTheme;
  private readonly themeListeners = new Listeners<HostTheme>();
  private cachedToken: { value: string; renewAt: number } | null = null;
  private pendingToken: Promise<string> | null = null;

  private constructor(
    private readonly base: Omit<HostContext, 'theme'>,
    theme: HostTheme,
    /** Teams' own name for the frame (`content`, `stage`…), which teams-js checks calls against. */
    readonly teamsFrameContext: string,
    private readonly pageHref: string,
  ) {
    this.theme = theme;
    themeChanges.add((next) => {
      if (next === this.theme) return;
      this.theme = next;
      this.themeListeners.emit(next);
    });
  }

  /** Reads the context from the host. Call after `app.initialize()` (see `startTeams`) resolved. */
  static async connect(options: TeamsHostOptions = {}): Promise<TeamsHost> {
    const pageHref = options.pageHref ?? window.location.href;
    let context: app.Context;
    try {
      context = await withTimeout(app.getContext(), options.timeoutMs ?? 3000);
    } catch (error) {
      throw new HostError(
        'host_failed',
        `Teams did not tell Minutebook where this page is shown (${errorText(error)}); reload the tab.`,
      );
    }
    watchTeamsTheme();
    const teamsFrame = String(context.page.frameContext);
    const user: HostUser | null = context.user?.id
      ? {
          id: context.user.id,
          displayName:
            context.user.displayName || context.user.userPrincipalName || context.user.id,
          tenantId: context.user.tenant?.id ?? null,
        }
      : null;
    return new TeamsHost(
      {
        hostName: context.app.host.name || 'Teams',
        frameContext: toFrameContext(teamsFrame, pageHref),
        teamsMeetingId: context.meeting?.id ?? null,
        chatId: context.chat?.id ?? null,
        user,
        locale: context.app.locale || navigator.language || 'en-GB',
      },
      toHostTheme(context.app.theme),
      teamsFrame,
      pageHref,
    );
  }

  /**
   * Tells Teams the app has loaded (`app.notifySuccess`), which hides its loading indicator when
   * the manifest asks for one (`showLoadingIndicator`); harmless otherwise.
   */
  notifyLoaded(): void {
    try {
      void app.notifySuccess().catch((error: unknown) => {
        console.warn('Minutebook: Teams did not take the loaded notice', error);
      });
    } catch (error) {
      console.warn('Minutebook: Teams did not take the loaded notice', error);
    }
  }

  context(): HostContext {
    const user = this.base.user === null ? null : { ...this.base.user };
    return { ...this.base, user, theme: this.theme };
  }

  onThemeChange(handler: (theme: HostTheme) => void): () => void {
    return this.themeListeners.add(handler);
  }

  async authHeaders(): Promise<Record<string, string>> {
    return { authorization: `Bearer ${await this.ssoToken()}` };
  }

  async canShareToStage(): Promise<boolean> {
    if (!TEAMS_STAGE_FRAMES.includes(this.teamsFrameContext)) return false;
    if (this.base.teamsMeetingId === null) return false;
    return new Promise((resolve) => {
      try {
        meeting.getAppContentStageSharingCapabilities((error, capabilities) =>
          resolve(error === null && capabilities?.doesAppHaveSharePermission === true),
        );
      } catch {
        resolve(false);
      }
    });
  }

  async shareToStage(url: string): Promise<void> {
    if (!TEAMS_STAGE_FRAMES.includes(this.teamsFrameContext))
      throw refuseStageSharing(this.frameLabel());
    if (this.base.teamsMeetingId === null) {
      throw new HostError(
        'not_in_meeting',
        'Sharing to the stage needs a meeting; open Minutebook from the meeting side panel.',
      );
    }
    const target = stageUrl(url, this.pageHref);
    await new Promise<void>((resolve, reject) => {
      try {
        meeting.shareAppContentToStage((error) => {
          if (error) reject(stageSharingError(error));
          else resolve();
        }, target);
      } catch (error) {
        reject(
          new HostError(
            'not_supported',
            `Teams cannot share to the stage from this page (${errorText(error)}).`,
          ),
        );
      }
    });
  }

  onConfigSave(save: () => Promise<TabConfiguration>): void {
    if (typeof save !== 'function') throw new TypeError('onConfigSave needs a function.');
    if (this.teamsFrameContext !== 'settings') throw refuseConfiguration(this.frameLabel());
    try {
      pages.config.registerOnSaveHandler((saveEvent) => {
        void this.save(save, saveEvent);
      });
    } catch (error) {
      throw new HostError(
        'not_supported',
        `Teams does not take a tab configuration from this page (${errorText(error)}).`,
      );
    }
  }

  setConfigValid(valid: boolean): void {
    if (typeof valid !== 'boolean') throw new TypeError('setConfigValid needs true or false.');
    if (!TEAMS_VALIDITY_FRAMES.includes(this.teamsFrameContext)) {
      throw new HostError(
        'not_supported',
        `Only the tab's settings page can enable Teams' Save button; this page is in the ${this.frameLabel()} frame.`,
      );
    }
    try {
      pages.config.setValidityState(valid);
    } catch (error) {
      throw new HostError(
        'not_supported',
        `Teams did not let this page enable its Save button (${errorText(error)}).`,
      );
    }
  }

  private async save(
    save: () => Promise<TabConfiguration>,
    saveEvent: pages.config.SaveEvent,
  ): Promise<void> {
    try {
      const configuration = checkTabConfiguration(await save(), this.pageHref);
      try {
        await pages.config.setConfig(configuration);
      } catch (error) {
        throw new HostError(
          'host_failed',
          `Teams did not save the tab (${errorText(error)}); press Save again.`,
        );
      }
      saveEvent.notifySuccess();
    } catch (error) {
      console.error('Minutebook: the tab configuration was not saved', error);
      saveEvent.notifyFailure(errorText(error));
    }
  }

  private ssoToken(): Promise<string> {
    if (this.cachedToken !== null && Date.now() < this.cachedToken.renewAt)
      return Promise.resolve(this.cachedToken.value);
    this.pendingToken ??= authentication
      .getAuthToken()
      .then((token) => {
        if (typeof token !== 'string' || token === '') throw new Error('Teams gave an empty token');
        const expiresAt = tokenExpiry(token);
        this.cachedToken =
          expiresAt === null ? null : { value: token, renewAt: expiresAt - TOKEN_RENEW_MARGIN_MS };
        return token;
      })
      .catch((error: unknown) => {
        throw new HostError(
          'auth_failed',
          `Teams could not sign you in to Minutebook (${errorText(error)}). Reload the tab; if it keeps failing, ask your Teams administrator to grant Minutebook consent.`,
        );
      })
      .finally(() => {
        this.pendingToken = null;
      });
    return this.pendingToken;
  }

  /** Our name for the frame in messages, or Teams' own when ours would hide the difference. */
  private frameLabel(): string {
    const frame = this.base.frameContext;
    const renamed = frame === 'personal' || frame === this.teamsFrameContext;
    return renamed ? frame : this.teamsFrameContext;
  }
}

/**
 * teams-js keeps one theme handler per page; it is registered once and fanned out to every
 * TeamsHost (connectHost may be called more than once).
 */
const themeChanges = new Listeners<HostTheme>();
let watchingTheme = false;

function watchTeamsTheme(): void {
  if (watchingTheme) return;
  app.registerOnThemeChangeHandler((theme) => themeChanges.emit(toHostTheme(theme)));
  watchingTheme = true;
}

function stageSharingError(error: SdkError): HostError {
  const detail = error.message
    ? `${error.message}, code ${error.errorCode}`
    : `code ${error.errorCode}`;
  switch (error.errorCode) {
    case ErrorCode.PERMISSION_DENIED:
      return new HostError(
        'not_supported',
        `Teams refused to share to the stage (${detail}); only presenters can share, and the app needs the MeetingStage.Write.Chat permission.`,
      );
    case ErrorCode.NOT_SUPPORTED_ON_PLATFORM:
    case ErrorCode.NOT_SUPPORTED_IN_CURRENT_CONTEXT:
      return new HostError(
        'not_supported',
        `This Teams client cannot share apps to the stage (${detail}); try Teams on the desktop or the web.`,
      );
    default:
      return new HostError(
        'host_failed',
        `Teams could not share the page to the stage (${detail}); try again.`,
      );
  }
}

/** The `exp` of a JWT in milliseconds, or null when the token is not a readable JWT. */
function tokenExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (payload === undefined) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(errorText(error)));
      },
    );
  });
}
