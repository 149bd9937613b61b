/**
 * Brings a page up: connects the host, builds the services (API client, outbox), picks the page
 * for the host's frame, loads its chunk and, for a meeting page, opens the session for
 * `?meetingId=`. Every failure lands in the ErrorView, with "Try again". In a browser it also
 * shows the local identity picker; switching user reopens the session.
 */
import { useEffect, useRef, useState, type ComponentType } from 'react';
import type { MeetingSession } from '../sync/MeetingSession';
import type { HostPort } from '../teams/HostPort';
import { ErrorBoundary } from './ErrorBoundary';
import { ErrorView } from './ErrorView';
import { LocalIdentityPicker } from './LocalIdentityPicker';
import { localUsers } from './localUsers';
import type { MeetingPageProps, PageProps, PageResolver } from './pageProps';
import { LoadingView, NoMeetingView } from './StatusViews';
import type { TabApi } from './TabApi';
import { TabRoot } from './TabRoot';

export interface TabServices {
  api: TabApi;
  openSession(meetingId: string): Promise<MeetingSession>;
}

/** The browser host's picked local user. */
export interface LocalIdentity {
  current(): string;
  set(user: string): void;
}

export interface BootstrapDeps {
  connect(): Promise<HostPort>;
  services(host: HostPort): Promise<TabServices>;
  localIdentity(host: HostPort): LocalIdentity | null;
  meetingId(): string | null;
}

type Phase =
  | { phase: 'connecting' }
  | { phase: 'no-meeting' }
  | { phase: 'failed'; error: unknown }
  | { phase: 'plain'; Page: ComponentType<PageProps>; api: TabApi }
  | {
      phase: 'meeting';
      Page: ComponentType<MeetingPageProps>;
      api: TabApi;
      session: MeetingSession;
    };

export interface PageBootstrapProps {
  deps: BootstrapDeps;
  resolvePage: PageResolver;
}

export function PageBootstrap({ deps, resolvePage }: PageBootstrapProps) {
  const [host, setHost] = useState<HostPort | null>(null);
  const [state, setState] = useState<Phase>({ phase: 'connecting' });
  const [attempt, setAttempt] = useState(0);
  const [user, setUser] = useState<string | null>(null);
  const hostRef = useRef<HostPort | null>(null);
  const depsRef = useRef(deps);
  const resolveRef = useRef(resolvePage);

  useEffect(() => {
    let cancelled = false;
    let session: MeetingSession | null = null;
    setState({ phase: 'connecting' });
    const bring = async () => {
      const connected = hostRef.current ?? (await depsRef.current.connect());
      hostRef.current = connected;
      if (cancelled) return;
      setHost(connected);
      setUser(depsRef.current.localIdentity(connected)?.current() ?? null);
      const choice = resolveRef.current(connected.context());
      const [{ api, openSession }, Page] = await Promise.all([
        depsRef.current.services(connected),
        choice.load(),
      ]);
      if (cancelled) return;
      if (choice.kind === 'plain') {
        setState({ phase: 'plain', Page: Page as ComponentType<PageProps>, api });
        return;
      }
      const meetingId = depsRef.current.meetingId();
      if (!meetingId) {
        setState({ phase: 'no-meeting' });
        return;
      }
      const opened = await openSession(meetingId);
      if (cancelled) {
        opened.close();
        return;
      }
      session = opened;
      setState({
        phase: 'meeting',
        Page: Page as ComponentType<MeetingPageProps>,
        api,
        session: opened,
      });
    };
    bring().catch((error: unknown) => {
      if (!cancelled) setState({ phase: 'failed', error });
    });
    return () => {
      cancelled = true;
      session?.close();
    };
  }, [attempt]);

  // The stage is read-only and seen by everyone: no identity picker there.
  const onStage = host?.context().frameContext === 'meetingStage';
  const identity = host && !onStage ? deps.localIdentity(host) : null;
  const switchUser = (name: string) => {
    identity?.set(name);
    setUser(name);
    setAttempt((value) => value + 1);
  };

  return (
    <TabRoot host={host}>
      {identity && user !== null && (
        <LocalIdentityPicker users={localUsers()} current={user} onChange={switchUser} />
      )}
      <main>
        {state.phase === 'connecting' && <LoadingView label="Opening Minutebook…" />}
        {state.phase === 'no-meeting' && <NoMeetingView />}
        {state.phase === 'failed' && (
          <ErrorView error={state.error} onRetry={() => setAttempt((value) => value + 1)} />
        )}
        {host && state.phase === 'plain' && (
          <ErrorBoundary>
            <state.Page host={host} api={state.api} />
          </ErrorBoundary>
        )}
        {host && state.phase === 'meeting' && (
          <ErrorBoundary>
            <state.Page host={host} api={state.api} session={state.session} />
          </ErrorBoundary>
        )}
      </main>
    </TabRoot>
  );
}
