/** What the bootstrap hands to a page: the host, the API, and for meeting pages the session. */
import type { ComponentType } from 'react';
import type { MeetingSession } from '../sync/MeetingSession';
import type { HostContext, HostPort } from '../teams/HostPort';
import type { TabApi } from './TabApi';

export interface PageProps {
  host: HostPort;
  api: TabApi;
}

export interface MeetingPageProps extends PageProps {
  session: MeetingSession;
}

/** A page and whether it needs a meeting session; `load` is a dynamic import, one chunk each. */
export type PageChoice =
  | { kind: 'meeting'; load: () => Promise<ComponentType<MeetingPageProps>> }
  | { kind: 'plain'; load: () => Promise<ComponentType<PageProps>> };

/** Picks the page once the host says where the tab is shown (side panel, content, stage…). */
export type PageResolver = (context: HostContext) => PageChoice;
