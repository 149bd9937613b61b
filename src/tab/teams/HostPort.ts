/**
 * The host port: everything the tab needs from its host (Microsoft Teams, or a plain browser
 * when there is no Teams host). Only src/tab/teams imports @microsoft/teams-js; pages use this.
 */

/** Where the page is shown. Teams' own names, plus `personal` for the "My actions" tab. */
export type FrameContext = 'settings' | 'content' | 'sidePanel' | 'meetingStage' | 'personal';

export type HostTheme = 'default' | 'dark' | 'contrast';

export interface HostUser {
  /** Entra object id in Teams; the local user name in the browser. */
  id: string;
  displayName: string;
  tenantId: string | null;
}

export interface HostContext {
  /** "Teams", "Outlook"… or "Browser" when there is no Microsoft host. */
  hostName: string;
  frameContext: FrameContext;
  /** Teams' meeting id (not Graph's onlineMeeting id) when in a meeting. */
  teamsMeetingId: string | null;
  chatId: string | null;
  user: HostUser | null;
  /** BCP 47, e.g. "en-GB". */
  locale: string;
  theme: HostTheme;
}

/** What the settings (configuration) page saves for a configurable tab. */
export interface TabConfiguration {
  contentUrl: string;
  websiteUrl: string;
  entityId: string;
  suggestedDisplayName: string;
}

export type HostErrorCode = 'not_supported' | 'not_in_meeting' | 'auth_failed' | 'host_failed';

export class HostError extends Error {
  constructor(
    readonly code: HostErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HostError';
  }
}

export interface HostPort {
  readonly kind: 'teams' | 'browser';
  context(): HostContext;
  /** Calls `handler` whenever the host's theme changes; returns an unsubscribe function. */
  onThemeChange(handler: (theme: HostTheme) => void): () => void;
  /**
   * Headers that authenticate an API request: `Authorization: Bearer <Teams SSO token>` in Teams,
   * the picked local user (`X-Minutebook-User`) in the browser.
   */
  authHeaders(): Promise<Record<string, string>>;
  /** Whether this page may share content to the meeting stage now. */
  canShareToStage(): Promise<boolean>;
  /** Shares `url` (same origin as the tab) to the meeting stage; HostError when not possible. */
  shareToStage(url: string): Promise<void>;
  /** Settings page only: what to save when the user presses Save. */
  onConfigSave(save: () => Promise<TabConfiguration>): void;
  /** Settings page only: enables or disables the host's Save button. */
  setConfigValid(valid: boolean): void;
}
