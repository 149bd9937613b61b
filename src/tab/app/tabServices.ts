/**
 * The real wiring of the bootstrap: the host from src/tab/teams, the API client, outbox and
 * meeting session from src/tab/sync. The session module (with the fold) loads only for the
 * meeting pages, so the settings and "My actions" pages stay small.
 */
import { createApiClient } from '../sync/ApiClient';
import type { Outbox } from '../sync/Outbox';
import { connectHost, type HostPort } from '../teams';
import type { BootstrapDeps, LocalIdentity } from './PageBootstrap';
import { createTabApi } from './TabApi';

interface BrowserUser {
  user(): string;
  setLocalUser(name: string): void;
}

function localIdentityOf(host: HostPort): LocalIdentity | null {
  if (host.kind !== 'browser' || !('setLocalUser' in host) || !('user' in host)) return null;
  const browser = host as HostPort & BrowserUser;
  return { current: () => browser.user(), set: (name) => browser.setLocalUser(name) };
}

export function tabServices(): BootstrapDeps {
  let outbox: Outbox | null = null;
  return {
    connect: () => connectHost(),
    services: async (host) => {
      const client = createApiClient({ authHeaders: () => host.authHeaders() });
      return {
        api: createTabApi(client),
        openSession: async (meetingId) => {
          const [{ openMeetingSession }, { createOutbox }] = await Promise.all([
            import(/* webpackChunkName: "session" */ '../sync/openMeetingSession'),
            import(/* webpackChunkName: "session" */ '../sync/Outbox'),
          ]);
          outbox ??= createOutbox();
          return openMeetingSession({ meetingId, api: client, outbox });
        },
      };
    },
    localIdentity: localIdentityOf,
    meetingId: () => new URLSearchParams(window.location.search).get('meetingId'),
  };
}
