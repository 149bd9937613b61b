/**
 * @jest-environment jsdom
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { InMemoryMeetingSession } from '../../../../test/fakes/InMemoryMeetingSession';
import { MEETING_ID, opsg41Committee, opsg41Operations } from '../../../../test/fixtures/opsg41';
import type { TabApi } from '../../app/TabApi';
import { fakeHost, graphCallsNotMade, renderInTab } from '../../app/testSupport';
import { MyActionsPage } from './MyActionsPage';

function api(): TabApi {
  const session = new InMemoryMeetingSession({
    committee: opsg41Committee(),
    operations: opsg41Operations(),
    meetingId: MEETING_ID,
  });
  const { view, committee } = session.current();
  return {
    ...graphCallsNotMade(),
    minutesLinks: async () => {
      throw new Error('My actions never asks for minutes links');
    },
    listCommittees: async () => [committee],
    listMeetings: async () => [
      {
        id: view.id,
        committeeId: committee.id,
        number: '41',
        reference: view.meeting.reference,
        title: view.meeting.title,
        date: view.meeting.date,
        series: 'main',
        status: 'draft',
        lastSeq: view.seq,
        createdAt: '',
      },
    ],
    meetingView: async () => view,
    createMeeting: async () => {
      throw new Error('not used');
    },
  };
}

describe('my actions', () => {
  it('shows the actions assigned to the user, and all of them on request', async () => {
    const user = userEvent.setup();
    const host = fakeHost({
      user: { id: 'megan.ross', displayName: 'megan.ross', tenantId: null },
    });
    renderInTab(<MyActionsPage host={host} api={api()} />);
    expect((await screen.findByRole('status')).textContent).toBe('1 open action in 1 meeting.');
    const meeting = screen.getByRole('region', { name: 'OPSG_41_2501' });
    expect(within(meeting).getByText('OPSG 41/01')).toBeTruthy();

    await user.click(screen.getByRole('switch', { name: 'Only actions assigned to me' }));
    expect(screen.getByRole('status').textContent).toBe('6 open actions in 1 meeting.');
  });

  it('shows every open action, with a note, when the user is not a contact', async () => {
    const host = fakeHost({ user: { id: 'secretary', displayName: 'secretary', tenantId: null } });
    renderInTab(<MyActionsPage host={host} api={api()} />);
    expect((await screen.findByRole('status')).textContent).toBe('6 open actions in 1 meeting.');
    expect(screen.getByText(/secretary is not a contact/)).toBeTruthy();
  });
});
