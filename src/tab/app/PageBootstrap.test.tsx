/**
 * @jest-environment jsdom
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { InMemoryMeetingSession } from '../../../test/fakes/InMemoryMeetingSession';
import { MEETING_ID, opsg41Committee, opsg41Operations } from '../../../test/fixtures/opsg41';
import { useSnapshot } from './useSnapshot';
import { PageBootstrap, type BootstrapDeps } from './PageBootstrap';
import type { MeetingPageProps, PageChoice, PageProps } from './pageProps';
import { NO_MEETING_MESSAGE } from './StatusViews';
import type { TabApi } from './TabApi';
import { fakeHost, renderInTab } from './testSupport';

function ReferencePage({ session }: MeetingPageProps) {
  const { view } = useSnapshot(session);
  return <p>Meeting page for {view.meeting.reference}</p>;
}

function PlainPage({ host }: PageProps) {
  return <p>Plain page for {host.context().user?.displayName}</p>;
}

const meetingPage: PageChoice = { kind: 'meeting', load: async () => ReferencePage };
const plainPage: PageChoice = { kind: 'plain', load: async () => PlainPage };

function deps(overrides: Partial<BootstrapDeps> = {}) {
  const sessions: InMemoryMeetingSession[] = [];
  let user = 'secretary';
  const openSession = jest.fn(async (meetingId: string) => {
    const session = new InMemoryMeetingSession({
      committee: opsg41Committee(),
      operations: opsg41Operations(),
      meetingId,
    });
    sessions.push(session);
    return session;
  });
  const host = fakeHost({}, 'browser');
  const value: BootstrapDeps = {
    connect: async () => host,
    services: async () => ({ api: {} as TabApi, openSession }),
    localIdentity: () => ({ current: () => user, set: (name) => (user = name) }),
    meetingId: () => MEETING_ID,
    ...overrides,
  };
  return { value, sessions, openSession, currentUser: () => user };
}

describe('page bootstrap', () => {
  it('opens the meeting session for ?meetingId= and shows the page', async () => {
    const { value, openSession } = deps();
    renderInTab(<PageBootstrap deps={value} resolvePage={() => meetingPage} />);
    expect(await screen.findByText('Meeting page for OPSG_41_2501')).toBeTruthy();
    expect(openSession).toHaveBeenCalledWith(MEETING_ID);
  });

  it('says what to do when the tab is not linked to a meeting', async () => {
    const { value, openSession } = deps({ meetingId: () => null });
    renderInTab(<PageBootstrap deps={value} resolvePage={() => meetingPage} />);
    expect(await screen.findByText(NO_MEETING_MESSAGE)).toBeTruthy();
    expect(openSession).not.toHaveBeenCalled();
  });

  it('explains a failure by its code and tries again on request', async () => {
    const user = userEvent.setup();
    const { value, openSession } = deps();
    openSession.mockRejectedValueOnce(
      Object.assign(new Error('No meeting demo-opsg-99.'), { code: 'not_found', requestId: 'r-1' }),
    );
    renderInTab(<PageBootstrap deps={value} resolvePage={() => meetingPage} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This meeting could not be found.');
    expect(alert.textContent).toContain('open the tab settings and choose the meeting again');
    expect(alert.textContent).toContain('(request id r-1)');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Meeting page for OPSG_41_2501')).toBeTruthy();
  });

  it('in a browser, switching the local user reopens the session as that user', async () => {
    const user = userEvent.setup();
    const { value, sessions, currentUser } = deps();
    renderInTab(<PageBootstrap deps={value} resolvePage={() => meetingPage} />);
    await screen.findByText('Meeting page for OPSG_41_2501');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Acting as' }), 'Megan Ross');
    await waitFor(() => expect(sessions).toHaveLength(2));
    expect(currentUser()).toBe('megan.ross');
    expect(sessions[0]?.isClosed).toBe(true);
    expect(await screen.findByText('Meeting page for OPSG_41_2501')).toBeTruthy();
  });

  it('shows a plain page without opening a session', async () => {
    const { value, openSession } = deps({ localIdentity: () => null });
    renderInTab(<PageBootstrap deps={value} resolvePage={() => plainPage} />);
    expect(await screen.findByText('Plain page for Ines Carvalho')).toBeTruthy();
    expect(openSession).not.toHaveBeenCalled();
    expect(screen.queryByRole('combobox', { name: 'Acting as' })).toBeNull();
  });
});
