/**
 * @jest-environment jsdom
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { demoApologyProposals } from '../../../../test/fixtures/graphProposals';
import { InMemoryMeetingSession } from '../../../../test/fakes/InMemoryMeetingSession';
import { MEETING_ID, opsg41Committee, opsg41Operations } from '../../../../test/fixtures/opsg41';
import { renderInTab } from '../../app/testSupport';
import { ApologyProposals } from './ApologyProposals';

function setUp() {
  const session = new InMemoryMeetingSession({
    committee: opsg41Committee(),
    operations: opsg41Operations(),
    meetingId: MEETING_ID,
  });
  const { view, committee } = session.current();
  renderInTab(
    <ApologyProposals
      view={view}
      api={{ apologyProposals: async () => demoApologyProposals(view, committee) }}
      submit={(type, payload) => session.submit(type, payload)}
    />,
  );
  return session;
}

const entryOf = async (name: string) =>
  within(await screen.findByRole('list', { name: 'Proposed apologies' }))
    .getAllByRole('listitem')
    .find((item) => item.textContent?.startsWith(name)) as HTMLElement;

describe('apologies from the invitation, after the meeting', () => {
  it('proposes the declines, accepts one, and says which agree already', async () => {
    const user = userEvent.setup();
    const session = setUp();
    const marcus = await entryOf('Marcus Webb');
    expect(within(marcus).getByText('Agrees')).toBeTruthy();
    expect(within(marcus).queryByRole('button')).toBeNull();

    const nadia = await entryOf('Nadia Brooks');
    expect(within(nadia).getByText('Differs')).toBeTruthy();
    await user.click(
      within(nadia).getByRole('button', { name: 'Accept apologies from Nadia Brooks' }),
    );
    expect(session.payloadsOf('attendance.update')).toEqual([
      { personId: 'm-brooks', status: 'apologies' },
    ]);
    expect(await within(nadia).findByText('Accepted')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Recorded apologies from Nadia Brooks.');
  });

  it('accepts all that differ, and lists the declines of people not on the roster apart', async () => {
    const user = userEvent.setup();
    const session = setUp();
    await user.click(await screen.findByRole('button', { name: 'Accept all 2 apologies' }));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'All apologies recorded' })).toBeTruthy(),
    );
    expect(session.payloadsOf('attendance.update').map((payload) => payload.personId)).toEqual([
      'm-brooks',
      'm-achebe',
    ]);
    expect(screen.getByRole('heading', { name: 'Declined, but not on the roster' })).toBeTruthy();
    expect(
      screen.getByText(/^Olu Adeyemi \(olu\.adeyemi@cds\.example, CDS\) declined/),
    ).toBeTruthy();
    expect(screen.getByText(/^No answer or a tentative one/).textContent).toContain('Tomasz Nowak');
  });
});
