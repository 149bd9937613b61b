/** The host port and its two hosts. Pages import from here, never from @microsoft/teams-js. */
export { HostError } from './HostPort';
export type {
  FrameContext,
  HostContext,
  HostErrorCode,
  HostPort,
  HostTheme,
  HostUser,
  TabConfiguration,
} from './HostPort';
export { connectHost, DEFAULT_HOST_TIMEOUT_MS, mayHaveMicrosoftHost } from './connectHost';
export type { ConnectHostOptions } from './connectHost';
// TeamsHost is loaded by connectHost when needed (importing teams-js fetches from a CDN); its
// type is enough for pages that want Teams-only extras such as `teamsFrameContext`.
export type { TeamsHost, TeamsHostOptions, TeamsStart } from './TeamsHost';
export { toFrameContext } from './hostRules';
export {
  BrowserHost,
  browserFrameContext,
  DEFAULT_LOCAL_USER,
  isValidLocalUser,
  LOCAL_USER_COOKIE,
  LOCAL_USER_HEADER,
  localUser,
  onLocalUserChange,
  setLocalUser,
  STAGE_WINDOW_NAME,
} from './BrowserHost';
