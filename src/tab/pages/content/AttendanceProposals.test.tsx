/**
 * @jest-environment jsdom
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { demoAttendanceProposals } from '../../../../test/fixtures/graphProposals';
import { InMemoryMeetingSession } from '../../../../test/fakes/InMemoryMeetingSession';
import { MEETING_ID, opsg41Committee, opsg41Operations } from '../../../../test/fixtures/opsg41';
import { renderInTab } from '../../app/testSupport';
import { AttendanceProposals } from './AttendanceProposals';

function setUp(load?: () => Promise<never>) {
  const session = new InMemoryMeetingSession({
    committee: opsg41Committee(),
    operations: opsg41Operations(),
    meetingId: MEETING_ID,
  });
  const { view, committee } = session.current();
  const asked: string[] = [];
  const api = {
    attendanceProposals: (meetingId: string) => {
      asked.push(meetingId);
      return load ? load() : Promise.resolve(demoAttendanceProposals(view, committee));
    },
  };
  renderInTab(
    <AttendanceProposals
      view={view}
      committee={committee}
      api={api}
      submit={(type, payload) => session.submit(type, payload)}
    />,
  );
  return { session, asked };
}

const proposals = () => screen.findByRole('list', { name: 'Attendance proposals' });
const entryOf = async (name: string) =>
  within(await proposals())
    .getAllByRole('listitem')
    .find((item) => item.textContent?.startsWith(name)) as HTMLElement;

describe('attendance from the Teams report, after the meeting', () => {
  it('lists only what would change what was recorded, and everyone on request', async () => {
    const user = userEvent.setup();
    const { asked } = setUp();
    const list = await proposals();
    expect(asked).toEqual([MEETING_ID]);
    const names = within(list)
      .getAllByRole('listitem')
      .map((item) => item.querySelector('span')?.textContent);
    expect(names).toEqual(
      expect.arrayContaining(['Leo Fairbanks', 'Nadia Brooks', 'Erik Lindqvist', 'Kofi Mensah']),
    );
    expect(names).not.toContain('Harriet Cole');
    expect(screen.getByText(/would change what you recorded/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: /^Show everyone \(\d+\)$/ }));
    const harriet = await entryOf('Harriet Cole');
    expect(within(harriet).getByText('Agrees')).toBeTruthy();
    expect(within(harriet).queryByRole('button', { name: /Accept/ })).toBeNull();
  });

  it('accepts one proposal through the meeting session', async () => {
    const user = userEvent.setup();
    const { session } = setUp();
    const leo = await entryOf('Leo Fairbanks');
    expect(within(leo).getByText('Differs')).toBeTruthy();
    expect(within(leo).getByText(/joined 14:26–15:35/)).toBeTruthy();

    await user.click(
      within(leo).getByRole('button', { name: 'Accept the proposal for Leo Fairbanks' }),
    );
    expect(session.payloadsOf('attendance.update')).toEqual([
      expect.objectContaining({ personId: 'm-fairbanks', part: true }),
    ]);
    expect(await within(leo).findByText('Accepted')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe(
      "Recorded Leo Fairbanks's attendance as proposed.",
    );
    const part = session
      .current()
      .view.attendees.flatMap((category) => category.people)
      .find((person) => person.personId === 'm-fairbanks');
    expect(part).toMatchObject({ status: 'present', part: true });
  });

  it('edits a proposal before accepting it, from the keyboard', async () => {
    const user = userEvent.setup();
    const { session } = setUp();
    const kofi = await entryOf('Kofi Mensah');
    within(kofi).getByRole('button', { name: 'Edit the proposal for Kofi Mensah' }).focus();
    await user.keyboard('{Enter}');
    const form = within(kofi).getByRole('form', { name: 'Attendance of Kofi Mensah' });
    // Proposed: CDS (from his address), part of the meeting.
    expect(
      within(form).getByRole<HTMLSelectElement>('combobox', { name: 'List them under' }).value,
    ).toBe('organisation:cds');
    expect(within(form).getByRole('checkbox', { name: 'For part of the meeting' })).toHaveProperty(
      'checked',
      true,
    );
    await user.selectOptions(
      within(form).getByRole('combobox', { name: 'List them under' }),
      'TAG',
    );
    await user.click(within(form).getByRole('checkbox', { name: 'For part of the meeting' }));
    await user.click(within(form).getByRole('button', { name: 'Accept as edited' }));

    expect(session.payloadsOf('participant.add')).toEqual([
      expect.objectContaining({
        name: 'Kofi Mensah',
        organisationId: 'tag',
        email: 'kofi.mensah@cds.example',
      }),
    ]);
    expect(session.payloadsOf('attendance.update').at(-1)).toEqual(
      expect.objectContaining({ status: 'present', part: false, agendaItemIds: [] }),
    );
    expect(await within(kofi).findByText('Accepted')).toBeTruthy();
  });

  it('leaves the editor with Escape, changing nothing', async () => {
    const user = userEvent.setup();
    const { session } = setUp();
    const nadia = await entryOf('Nadia Brooks');
    await user.click(
      within(nadia).getByRole('button', { name: 'Edit the proposal for Nadia Brooks' }),
    );
    await user.click(within(nadia).getByRole('radio', { name: 'Apologies' }));
    await user.keyboard('{Escape}');
    expect(within(nadia).queryByRole('form')).toBeNull();
    expect(session.submitted).toEqual([]);
  });

  it('accepts all of them at once', async () => {
    const user = userEvent.setup();
    const { session } = setUp();
    await proposals();
    const all = screen.getByRole('button', { name: /^Accept all \d+ proposals$/ });
    const count = Number(/\d+/.exec(all.textContent ?? '')?.[0]);
    await user.click(all);
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Nothing to accept' })).toBeTruthy(),
    );
    expect(screen.getByRole('status').textContent).toBe(`Recorded ${count} proposals.`);
    expect(
      session
        .payloadsOf('participant.add')
        .map((p) => p.name)
        .sort(),
    ).toEqual(['Erik Lindqvist', 'Kofi Mensah']);
    expect(session.current().refused ?? []).toEqual([]);
  });

  it('says why the report could not be read, with the consent link when that is why', async () => {
    setUp(() =>
      Promise.reject(
        Object.assign(
          new Error('Minutebook needs your consent to use Microsoft 365 on your behalf.'),
          {
            code: 'consent_required',
            details: { consentUrl: 'https://login.microsoftonline.com/t/adminconsent?client_id=c' },
          },
        ),
      ),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The attendance report could not be read.');
    expect(within(alert).getByRole('link', { name: 'Grant consent' }).getAttribute('href')).toBe(
      'https://login.microsoftonline.com/t/adminconsent?client_id=c',
    );
  });
});
