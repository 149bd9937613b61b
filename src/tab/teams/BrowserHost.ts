/**
 * The host port when there is no Microsoft host: a plain browser on a local Minutebook server.
 * The page URL says which frame it plays (`?frame=`, else the page's file name), the theme follows
 * `?theme=` or the system's colour scheme, and the local user is the `minutebook_user` cookie that
 * the server's local mode reads (see src/server/Identity.ts).
 */
import { HostError } from './HostPort';
import type { FrameContext, HostContext, HostPort, HostTheme, TabConfiguration } from './HostPort';
import {
  checkTabConfiguration,
  frameFromQuery,
  Listeners,
  refuseConfiguration,
  refuseStageSharing,
  STAGE_SHARING_FRAMES,
  stageUrl,
} from './hostRules';

export const LOCAL_USER_HEADER = 'x-minutebook-user';
export const LOCAL_USER_COOKIE = 'minutebook_user';
export const DEFAULT_LOCAL_USER = 'secretary';
/** The same rule as the server's local mode: anything else is refused there. */
const LOCAL_USER = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/;
/** The window the browser stand-in for "share to stage" opens (and reuses). */
export const STAGE_WINDOW_NAME = 'minutebook-stage';

const DARK_QUERY = '(prefers-color-scheme: dark)';
const FORCED_COLORS_QUERY = '(forced-colors: active)';

const userChanges = new Listeners<string>();

export function isValidLocalUser(name: unknown): name is string {
  return typeof name === 'string' && LOCAL_USER.test(name);
}

/** The picked local user: the `minutebook_user` cookie when valid, else "secretary". */
export function localUser(): string {
  for (const part of document.cookie.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key !== LOCAL_USER_COOKIE) continue;
    const name = safeDecode(value.join('='));
    return isValidLocalUser(name) ? name : DEFAULT_LOCAL_USER;
  }
  return DEFAULT_LOCAL_USER;
}

/** Switches the local user: sets the cookie for the whole site and tells the listeners. */
export function setLocalUser(name: string): void {
  if (!isValidLocalUser(name)) {
    throw new HostError(
      'auth_failed',
      `"${String(name).slice(0, 40)}" is not a valid local user; use letters, digits, ".", "_", "@" or "-" (at most 100).`,
    );
  }
  const before = localUser();
  document.cookie = `${LOCAL_USER_COOKIE}=${encodeURIComponent(name)}; path=/; max-age=31536000; samesite=lax`;
  if (name !== before) userChanges.emit(name);
}

/** Calls `listener` with the new user name after every `setLocalUser` that changes it. */
export function onLocalUserChange(listener: (user: string) => void): () => void {
  return userChanges.add(listener);
}

/** The frame a page plays in the browser: `?frame=`, else by its file name, else the side panel. */
export function browserFrameContext(href: string): FrameContext {
  const fromQuery = frameFromQuery(href);
  if (fromQuery !== null) return fromQuery;
  const file = new URL(href).pathname.split('/').pop() ?? '';
  switch (file) {
    case 'stage.html':
      return 'meetingStage';
    case 'settings.html':
      return 'settings';
    case 'my-actions.html':
      return 'personal';
    default:
      return 'sidePanel';
  }
}

/** The theme from the system: forced colours are high contrast, a dark scheme is dark. */
function systemTheme(): HostTheme {
  if (typeof window.matchMedia !== 'function') return 'default';
  if (window.matchMedia(FORCED_COLORS_QUERY).matches) return 'contrast';
  if (window.matchMedia(DARK_QUERY).matches) return 'dark';
  return 'default';
}

function queryTheme(href: string): HostTheme | null {
  const theme = new URL(href).searchParams.get('theme');
  return theme === 'default' || theme === 'dark' || theme === 'contrast' ? theme : null;
}

function pageLocale(href: string): string {
  const candidates = [new URL(href).searchParams.get('locale'), navigator.language];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      const [canonical] = Intl.getCanonicalLocales(candidate);
      if (canonical) return canonical;
    } catch {
      // not a BCP 47 tag: try the next one
    }
  }
  return 'en-GB';
}

export class BrowserHost implements HostPort {
  readonly kind = 'browser' as const;
  readonly frameContext: FrameContext;
  private readonly pageHref: string;
  private readonly fixedTheme: HostTheme | null;
  private readonly locale: string;
  private readonly themeListeners = new Listeners<HostTheme>();
  private unwatchSystemTheme: (() => void) | null = null;
  private lastTheme: HostTheme;
  private save: (() => Promise<TabConfiguration>) | null = null;
  private configValid = false;
  private readonly validityListeners = new Listeners<boolean>();

  constructor(pageHref: string = window.location.href) {
    this.pageHref = pageHref;
    this.frameContext = browserFrameContext(pageHref);
    this.fixedTheme = queryTheme(pageHref);
    this.locale = pageLocale(pageHref);
    this.lastTheme = this.theme();
  }

  context(): HostContext {
    const user = localUser();
    return {
      hostName: 'Browser',
      frameContext: this.frameContext,
      teamsMeetingId: null,
      chatId: null,
      user: { id: user, displayName: user, tenantId: null },
      locale: this.locale,
      theme: this.theme(),
    };
  }

  /** Follows the system theme live while someone listens, unless the URL fixed it (`?theme=`). */
  onThemeChange(handler: (theme: HostTheme) => void): () => void {
    const remove = this.themeListeners.add(handler);
    if (this.fixedTheme === null && this.unwatchSystemTheme === null) this.watchSystemTheme();
    return () => {
      remove();
      if (this.themeListeners.size === 0 && this.unwatchSystemTheme !== null) {
        this.unwatchSystemTheme();
        this.unwatchSystemTheme = null;
      }
    };
  }

  async authHeaders(): Promise<Record<string, string>> {
    return { [LOCAL_USER_HEADER]: localUser() };
  }

  /** The local user (the `minutebook_user` cookie). */
  user(): string {
    return localUser();
  }

  /** Switches the local user for the whole site; see `setLocalUser`. */
  setLocalUser(name: string): void {
    setLocalUser(name);
  }

  onUserChange(listener: (user: string) => void): () => void {
    return onLocalUserChange(listener);
  }

  async canShareToStage(): Promise<boolean> {
    return STAGE_SHARING_FRAMES.includes(this.frameContext) && typeof window.open === 'function';
  }

  /** The browser's stand-in for the meeting stage: the page opens in a window of its own. */
  async shareToStage(url: string): Promise<void> {
    if (!STAGE_SHARING_FRAMES.includes(this.frameContext))
      throw refuseStageSharing(this.frameContext);
    const target = new URL(stageUrl(url, this.pageHref));
    if (!target.searchParams.has('frame')) target.searchParams.set('frame', 'meetingStage');
    const opened = window.open(target.href, STAGE_WINDOW_NAME);
    if (!opened) {
      throw new HostError(
        'host_failed',
        'The browser blocked the stage window; allow pop-ups for this site and share again.',
      );
    }
    try {
      // The stage page is a page of its own, as in Teams, not a child of this one.
      opened.opener = null;
    } catch {
      // a browser that refuses is fine: connectHost treats a same-origin opener as no host
    }
  }

  /** Keeps the handler; the page's own Save button calls `saveConfig()`. */
  onConfigSave(save: () => Promise<TabConfiguration>): void {
    if (typeof save !== 'function') throw new TypeError('onConfigSave needs a function.');
    if (this.frameContext !== 'settings') throw refuseConfiguration(this.frameContext);
    this.save = save;
  }

  setConfigValid(valid: boolean): void {
    if (typeof valid !== 'boolean') throw new TypeError('setConfigValid needs true or false.');
    if (this.frameContext !== 'settings') {
      throw new HostError(
        'not_supported',
        `Only the tab's settings page can enable Save; this page is in the ${this.frameContext} frame.`,
      );
    }
    if (valid === this.configValid) return;
    this.configValid = valid;
    this.validityListeners.emit(valid);
  }

  /** Whether the settings page said its configuration may be saved (Teams' Save button state). */
  isConfigValid(): boolean {
    return this.configValid;
  }

  onConfigValidChange(listener: (valid: boolean) => void): () => void {
    return this.validityListeners.add(listener);
  }

  /** What pressing Save would save: the registered handler's configuration, checked as Teams does. */
  async saveConfig(): Promise<TabConfiguration> {
    if (this.frameContext !== 'settings') throw refuseConfiguration(this.frameContext);
    if (this.save === null) {
      throw new HostError(
        'not_supported',
        'This settings page has not said what to save yet; wait for it to load, then press Save.',
      );
    }
    if (!this.configValid) {
      throw new HostError(
        'not_supported',
        'The tab configuration is not complete; fill in the form before pressing Save.',
      );
    }
    return checkTabConfiguration(await this.save(), this.pageHref);
  }

  private theme(): HostTheme {
    return this.fixedTheme ?? systemTheme();
  }

  private watchSystemTheme(): void {
    if (typeof window.matchMedia !== 'function') return;
    this.lastTheme = systemTheme();
    const onChange = (): void => {
      const theme = systemTheme();
      if (theme === this.lastTheme) return;
      this.lastTheme = theme;
      this.themeListeners.emit(theme);
    };
    const queries = [window.matchMedia(DARK_QUERY), window.matchMedia(FORCED_COLORS_QUERY)];
    for (const query of queries) query.addEventListener('change', onChange);
    this.unwatchSystemTheme = () => {
      for (const query of queries) query.removeEventListener('change', onChange);
    };
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
