/**
 * @jest-environment jsdom
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { InMemoryMeetingSession } from '../../../../test/fakes/InMemoryMeetingSession';
import {
  demoApologyProposals,
  demoAttendanceProposals,
  doneRun,
} from '../../../../test/fixtures/graphProposals';
import { MEETING_ID, opsg41Committee, opsg41Operations } from '../../../../test/fixtures/opsg41';
import type { MeetingView } from '../../../domain';
import type { TabApi } from '../../app/TabApi';
import { renderInTab } from '../../app/testSupport';
import { ContentPage } from './ContentPage';

/** The demo meeting as it stood before it began: agenda and carried actions, nothing opened. */
function beforeTheMeeting() {
  const ops = opsg41Operations();
  const firstOpen = ops.findIndex((op) => op.type === 'agenda.open');
  return new InMemoryMeetingSession({
    committee: opsg41Committee(),
    operations: ops
      .slice(0, firstOpen)
      .filter((op) => op.type !== 'attendance.update')
      .map((op) =>
        op.type === 'meeting.update'
          ? { ...op, payload: { ...op.payload, date: '2999-01-25', endsAt: null } }
          : op,
      ),
    meetingId: MEETING_ID,
  });
}

function fakeApi(views: MeetingView[] = [], session?: InMemoryMeetingSession): TabApi {
  const current = () => {
    if (!session) throw new Error('This test reads no proposals.');
    return session.current();
  };
  return {
    attendanceProposals: async () => demoAttendanceProposals(current().view, current().committee),
    apologyProposals: async () => demoApologyProposals(current().view, current().committee),
    publishStatus: async () => ({
      canPublish: true,
      reason: null,
      graphMode: 'sandbox',
      inspectorUrl: '/_sandbox',
      lastRun: null,
    }),
    startPublish: async () => ({ runId: 'run-1', status: 'running', resumed: false }),
    followPublish: async () => doneRun(),
    minutesLinks: async (meetingId) => ({
      expiresAt: '2026-11-24T10:10:00Z',
      links: {
        docx: `/links/meetings/${meetingId}/minutes.docx?sig=test`,
        html: `/links/meetings/${meetingId}/minutes.html?sig=test`,
        txt: `/links/meetings/${meetingId}/minutes.txt?sig=test`,
      },
    }),
    listCommittees: async () => [],
    listMeetings: async () =>
      views.map((view) => ({
        id: view.id,
        committeeId: 'test-committee',
        number: view.meeting.number,
        reference: view.meeting.reference,
        title: view.meeting.title,
        date: view.meeting.date,
        series: view.meeting.series,
        status: view.meeting.status,
        lastSeq: view.seq,
        createdAt: '2020-01-01T00:00:00Z',
      })),
    meetingView: async (id) => {
      const view = views.find((entry) => entry.id === id);
      if (!view) throw Object.assign(new Error('No such meeting.'), { code: 'not_found' });
      return view;
    },
    createMeeting: async () => {
      throw new Error('not used');
    },
  };
}

const titles = () =>
  within(screen.getByRole('list', { name: 'Agenda items' }))
    .getAllByRole('listitem')
    .map((row) => {
      const number = row.firstChild?.textContent ?? '';
      const title = within(row).getByRole<HTMLInputElement>('textbox', {
        name: `Title of item ${number}`,
      }).value;
      return `${number} ${title}`;
    });

describe('content tab before the meeting: agenda editor', () => {
  it('opens on the agenda and adds an item at the end and a sub-item', async () => {
    const user = userEvent.setup();
    const session = beforeTheMeeting();
    renderInTab(<ContentPage session={session} api={fakeApi()} />);
    expect(screen.getByRole('tab', { name: 'Agenda' }).getAttribute('aria-selected')).toBe('true');

    const form = screen.getByRole('form', { name: 'Add an agenda item' });
    await user.type(
      within(form).getByRole('textbox', { name: 'New item' }),
      'Date of Next Meeting',
    );
    await user.click(within(form).getByRole('button', { name: 'Add item' }));
    expect(titles().at(-1)).toBe('9 Date of Next Meeting');

    await user.type(
      within(form).getByRole('textbox', { name: 'New item' }),
      'Smart Metering Update',
    );
    await user.selectOptions(
      within(form).getByRole('combobox', { name: 'Place' }),
      'Under 8 Any Other Business',
    );
    await user.click(within(form).getByRole('button', { name: 'Add item' }));
    expect(titles()).toContain('8.1 Smart Metering Update');
    expect(session.payloadsOf('agenda.add')).toEqual([
      expect.objectContaining({ title: 'Date of Next Meeting', parentId: null, order: 9 }),
      expect.objectContaining({ title: 'Smart Metering Update', order: 1 }),
    ]);
  });

  it('reorders items with order keys and renames one', async () => {
    const user = userEvent.setup();
    const session = beforeTheMeeting();
    renderInTab(<ContentPage session={session} api={fakeApi()} />);

    await user.click(screen.getByRole('button', { name: 'Move item 3.3 up' }));
    expect(titles().slice(3, 6)).toEqual([
      '3.1 Registration Data Incident Report',
      '3.2 Service Request Variance Report',
      '3.3 Certificate Signing Request Variance Report',
    ]);
    await user.click(screen.getByRole('button', { name: 'Move item 2 down' }));
    expect(titles()[1]).toBe('2 Code Panel Reports');
    expect(titles()[2]).toBe('2.1 Registration Data Incident Report');

    const title = screen.getByRole('textbox', { name: 'Title of item 8' });
    await user.clear(title);
    await user.type(title, 'AOB{Enter}');
    expect(session.payloadsOf('agenda.update').at(-1)).toEqual({
      id: expect.any(String),
      title: 'AOB',
    });
  });

  it('carries an open action of an earlier meeting', async () => {
    const user = userEvent.setup();
    const earlier = new InMemoryMeetingSession({
      committee: opsg41Committee(),
      operations: opsg41Operations(),
      meetingId: 'earlier-meeting',
    }).current().view;
    const past = {
      ...earlier,
      id: 'meeting-40',
      meeting: { ...earlier.meeting, date: '2020-12-14' },
    };
    const session = beforeTheMeeting();
    renderInTab(<ContentPage session={session} api={fakeApi([past])} />);
    await user.click(screen.getByRole('tab', { name: 'Outstanding actions' }));
    await user.click(await screen.findByRole('button', { name: 'Carry OPSG 41/05' }));
    expect(session.payloadsOf('outstanding.carry').at(-1)).toMatchObject({
      actionRef: 'OPSG 41/05',
      ownerIds: ['cds'],
      dateRaised: '2020-12-14',
      sourceMeetingId: 'meeting-40',
    });
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Carry OPSG 41/05' })).toBeNull(),
    );
  });
});

describe('content tab after the meeting', () => {
  it('opens on the draft minutes, checks attendance against Teams, and publishes', async () => {
    const user = userEvent.setup();
    const session = new InMemoryMeetingSession({
      committee: opsg41Committee(),
      operations: opsg41Operations(),
      meetingId: MEETING_ID,
    });
    renderInTab(<ContentPage session={session} api={fakeApi([], session)} />);
    // Signed links, because neither a frame nor a download can carry the Teams sign-in token.
    const frame = await screen.findByTitle('Draft minutes of OPSG_41_2501');
    expect(frame.getAttribute('src')).toBe(`/links/meetings/${MEETING_ID}/minutes.html?sig=test`);
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(screen.getByRole('link', { name: 'Download Word (.docx)' }).getAttribute('href')).toBe(
      `/links/meetings/${MEETING_ID}/minutes.docx?sig=test`,
    );

    await user.click(screen.getByRole('tab', { name: 'Check attendance' }));
    expect(await screen.findByRole('list', { name: 'Attendance proposals' })).toBeTruthy();
    expect(await screen.findByRole('list', { name: 'Proposed apologies' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Accept the proposal for Leo Fairbanks' }));
    expect(session.payloadsOf('attendance.update').at(-1)).toMatchObject({
      personId: 'm-fairbanks',
      part: true,
    });

    await user.click(screen.getByRole('tab', { name: 'Publish' }));
    await user.click(await screen.findByRole('button', { name: 'Publish minutes' }));
    expect(await screen.findByText('Published.')).toBeTruthy();
  });
});
