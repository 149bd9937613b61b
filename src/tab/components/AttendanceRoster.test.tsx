/**
 * @jest-environment jsdom
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { InMemoryMeetingSession } from '../../../test/fakes/InMemoryMeetingSession';
import { MEETING_ID, opsg41Committee, opsg41Operations } from '../../../test/fixtures/opsg41';
import { renderInTab } from '../app/testSupport';
import { useSnapshot } from '../app/useSnapshot';
import { AttendanceRoster } from './AttendanceRoster';

function Roster({ session }: { session: InMemoryMeetingSession }) {
  const { view, committee } = useSnapshot(session);
  return (
    <AttendanceRoster
      view={view}
      committee={committee}
      submit={(type, payload) => session.submit(type, payload)}
    />
  );
}

function start() {
  const session = new InMemoryMeetingSession({
    committee: opsg41Committee(),
    operations: opsg41Operations(),
    meetingId: MEETING_ID,
  });
  renderInTab(<Roster session={session} />);
  return session;
}

const row = (name: string) => {
  const found = screen.getByText(name, { selector: 'li span' }).closest('li');
  if (!found) throw new Error(`no row for ${name}`);
  return found;
};

describe('AttendanceRoster', () => {
  it('lists members by category and other participants by organisation', () => {
    start();
    const heading = (name: string) =>
      within(screen.getByRole('region', { name })).getByRole('heading', { level: 2 });
    expect(heading('Large Suppliers').textContent).toBe('Large Suppliers5/10 present');
    expect(heading('CSEC, other participants').textContent).toBe('CSEC3/3 present');
    // Every region has its own name, even where a category and an organisation share one.
    const names = screen.getAllByRole('region').map((region) => region.getAttribute('aria-label'));
    expect(new Set(names).size).toBe(names.length);
    expect(row('Grace Okafor').textContent).toContain('Alternate for Simon Achebe');
    expect(row('Theo Dunmore').textContent).toContain('Part: item 4');
  });

  it('records part attendance and the items attended', async () => {
    const user = userEvent.setup();
    const session = start();
    const lena = row('Lena Wu');
    await user.click(within(lena).getByRole('button', { name: 'More for Lena Wu' }));
    await user.click(within(lena).getByRole('switch', { name: 'Part attendance' }));
    await user.click(
      within(row('Lena Wu')).getByRole('checkbox', {
        name: 'Lena Wu attended item 5: Performance Measurement Report – November',
      }),
    );
    const [part, items] = session.payloadsOf('attendance.update');
    expect(part).toEqual({ personId: expect.any(String), part: true });
    expect(items?.agendaItemIds).toHaveLength(1);
    expect(row('Lena Wu').textContent).toContain('Part: item 5');
    // Switched off, the items go with it: nothing would list them in the minutes any more.
    await user.click(within(row('Lena Wu')).getByRole('switch', { name: 'Part attendance' }));
    expect(session.payloadsOf('attendance.update').at(-1)).toEqual({
      personId: expect.any(String),
      part: false,
      agendaItemIds: [],
    });
    expect(row('Lena Wu').textContent).not.toContain('Part: item');
  });

  it('adds a participant by organisation with a role, present by default', async () => {
    const user = userEvent.setup();
    const session = start();
    const form = screen.getByRole('group', { name: 'Add a participant' });
    await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Kofi Mensah');
    await user.selectOptions(
      within(form).getByRole('combobox', { name: 'Organisation' }),
      'DfEN (Department for Energy Networks)',
    );
    await user.type(within(form).getByRole('textbox', { name: 'Role (optional)' }), 'Observer');
    await user.click(within(form).getByRole('button', { name: 'Add participant' }));
    expect(session.payloadsOf('participant.add')).toEqual([
      { id: expect.any(String), name: 'Kofi Mensah', organisationId: 'dfen', role: 'Observer' },
    ]);
    expect(row('Kofi Mensah').closest('section')?.getAttribute('aria-label')).toBe(
      'DfEN, other participants',
    );
    expect(
      within(row('Kofi Mensah'))
        .getByRole('button', { name: 'Mark Kofi Mensah present' })
        .getAttribute('aria-pressed'),
    ).toBe('true');
  });
});
