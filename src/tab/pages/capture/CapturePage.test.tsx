/**
 * @jest-environment jsdom
 */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { InMemoryMeetingSession } from '../../../../test/fakes/InMemoryMeetingSession';
import { MEETING_ID, opsg41Committee, opsg41Operations } from '../../../../test/fixtures/opsg41';
import { renderInTab } from '../../app/testSupport';
import { CapturePage } from './CapturePage';

function startSession(keep: (type: string) => boolean = () => true) {
  return new InMemoryMeetingSession({
    committee: opsg41Committee(),
    operations: opsg41Operations().filter((op) => keep(op.type)),
    meetingId: MEETING_ID,
  });
}

function renderCapture(session: InMemoryMeetingSession, autosaveDelayMs?: number) {
  renderInTab(<CapturePage session={session} autosaveDelayMs={autosaveDelayMs} />);
}

const withoutAttendance = (type: string) => type !== 'attendance.update';

/** One person's row in the roster; role queries inside it stay fast on a large page. */
function personRow(name: string): HTMLElement {
  const row = screen.getByText(name, { selector: 'li span' }).closest('li');
  if (!row) throw new Error(`No roster row for ${name}`);
  return row;
}

function markButton(name: string, status: 'present' | 'apologies' | 'absent'): HTMLElement {
  return within(personRow(name)).getByRole('button', { name: `Mark ${name} ${status}` });
}

describe('capture side panel: attendance', () => {
  it('marks a member present and another with apologies, one click each', async () => {
    const user = userEvent.setup();
    const session = startSession(withoutAttendance);
    renderCapture(session);
    await user.click(screen.getByRole('tab', { name: 'Attendance' }));

    await user.click(markButton('Fiona Marsh', 'present'));
    await user.click(markButton('Tomasz Nowak', 'apologies'));

    expect(session.payloadsOf('attendance.update')).toEqual([
      { personId: 'm-marsh', status: 'present' },
      { personId: 'm-nowak', status: 'apologies' },
    ]);
    expect(markButton('Fiona Marsh', 'present').getAttribute('aria-pressed')).toBe('true');
    expect(markButton('Tomasz Nowak', 'apologies').getAttribute('aria-pressed')).toBe('true');
    expect(markButton('Tomasz Nowak', 'present').getAttribute('aria-pressed')).toBe('false');
  });

  it('changes the quorum indicator as members are marked present', async () => {
    const user = userEvent.setup();
    const session = startSession(withoutAttendance);
    renderCapture(session);
    const quorum = screen.getByRole('status', { name: 'Quorum' });
    expect(quorum.textContent).toContain(
      'Not quorate: 6 more members needed; Large Suppliers needs 2 more.',
    );

    await user.click(screen.getByRole('tab', { name: 'Attendance' }));
    for (const name of [
      'Harriet Cole',
      'Owen Pryce',
      'Priya Natarajan',
      'Callum Reid',
      'Fiona Marsh',
    ])
      await user.click(markButton(name, 'present'));
    expect(quorum.textContent).toContain(
      'Not quorate: 1 more member needed; Large Suppliers needs 1 more.',
    );

    await user.click(markButton('Tomasz Nowak', 'present'));
    expect(quorum.textContent).toContain('Quorate: 6 members present, 6 needed.');
  });

  it('adds an alternate who fills the seat of the member replaced', async () => {
    const user = userEvent.setup();
    const session = startSession(
      (type) => type !== 'attendance.update' && type !== 'meetingMember.add',
    );
    renderCapture(session);
    await user.click(screen.getByRole('tab', { name: 'Attendance' }));
    await user.click(
      within(personRow('Simon Achebe')).getByRole('button', { name: 'More for Simon Achebe' }),
    );
    const achebe = personRow('Simon Achebe');
    await user.type(
      within(achebe).getByRole('textbox', { name: 'Alternate for Simon Achebe' }),
      'Grace Okafor',
    );
    await user.click(within(achebe).getByRole('button', { name: 'Add alternate' }));

    const [added] = session.payloadsOf('meetingMember.add');
    expect(added).toMatchObject({ name: 'Grace Okafor', categoryId: 'large' });
    expect(session.payloadsOf('attendance.update')).toEqual([
      { personId: added?.id, status: 'present', alternateForMemberId: 'm-achebe' },
      { personId: 'm-achebe', status: 'absent' },
    ]);
    expect(personRow('Grace Okafor').textContent).toContain('Alternate for Simon Achebe');
    expect(personRow('Grace Okafor').closest('section')?.getAttribute('aria-label')).toBe(
      'Large Suppliers',
    );
  });
});

describe('capture side panel: agenda, notes, decisions and actions', () => {
  it('opens item 4 and highlights it as current', async () => {
    const user = userEvent.setup();
    const session = startSession();
    renderCapture(session);
    await user.click(
      screen.getByRole('button', { name: 'Open item 4: Hub Returns Report – Workshop Outputs' }),
    );

    const [opened] = session.payloadsOf('agenda.open').slice(-1);
    expect(opened).toEqual({ id: session.current().view.agenda.find((i) => i.number === '4')?.id });
    expect(screen.getByRole('heading', { level: 2 }).textContent).toContain(
      '4 Hub Returns Report – Workshop Outputs',
    );
    const agenda = screen.getByRole('list', { name: 'Agenda' });
    expect(
      within(agenda)
        .getByText('Hub Returns Report – Workshop Outputs')
        .closest('li')
        ?.getAttribute('aria-current'),
    ).toBe('step');
  });

  it('saves a note as it is typed: note.add, then note.update of the same note', async () => {
    jest.useFakeTimers();
    try {
      const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
      const session = startSession();
      renderCapture(session, 500);
      const box = screen.getByRole('textbox', { name: 'Note on item 8' });
      await user.type(box, 'The Chair thanked');
      expect(session.payloadsOf('note.add')).toHaveLength(0);
      await act(async () => {
        jest.advanceTimersByTime(600);
      });
      const added = session.payloadsOf('note.add').at(-1);
      expect(added).toMatchObject({ text: 'The Chair thanked', speakerId: null });

      await user.type(box, ' everyone.');
      await act(async () => {
        jest.advanceTimersByTime(600);
      });
      expect(session.payloadsOf('note.update')).toEqual([
        { id: added?.id, text: 'The Chair thanked everyone.' },
      ]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('saves the note when the text box loses focus', async () => {
    const user = userEvent.setup();
    const session = startSession();
    renderCapture(session, 60_000);
    await user.type(screen.getByRole('textbox', { name: 'Note on item 8' }), 'Closing remark.');
    await user.tab();
    expect(session.payloadsOf('note.add').at(-1)).toMatchObject({ text: 'Closing remark.' });
  });

  it('records a decision with a committee verb', async () => {
    const user = userEvent.setup();
    const session = startSession();
    renderCapture(session);
    const form = screen.getByRole('form', { name: 'Decision on item 8' });
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Verb' }), 'AGREED');
    await user.type(within(form).getByRole('textbox', { name: 'Decision' }), 'to meet again.');
    await user.click(within(form).getByRole('button', { name: 'Record decision' }));

    expect(session.payloadsOf('decision.add').at(-1)).toMatchObject({
      verb: 'AGREED',
      text: 'to meet again.',
    });
    const decisions = screen.getByRole('region', { name: 'Decisions' });
    expect(
      within(decisions)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toContain('AGREED to meet again.');
  });

  it('raises an action that shows "pending" until acknowledged, then its number', async () => {
    const user = userEvent.setup();
    const session = startSession();
    renderCapture(session);
    const form = screen.getByRole('form', { name: 'Action on item 8' });
    await user.type(
      within(form).getByRole('textbox', { name: 'Action' }),
      'The CDS to circulate the slides.',
    );
    await user.click(
      within(form).getByRole('checkbox', { name: 'Owner CDS (Central Data Service)' }),
    );
    await user.click(within(form).getByRole('checkbox', { name: 'Megan Ross (CDS)' }));
    expect((within(form).getByLabelText('Target date') as HTMLInputElement).value).toBe(
      '2021-02-22',
    );
    await user.click(within(form).getByRole('button', { name: 'Raise action' }));

    expect(session.payloadsOf('action.raise').at(-1)).toMatchObject({
      text: 'The CDS to circulate the slides.',
      ownerIds: ['cds'],
      assigneeIds: ['c-ross'],
    });
    expect(session.payloadsOf('action.raise').at(-1)).not.toHaveProperty('targetDate');
    const actions = screen.getByRole('region', { name: 'Actions' });
    expect(within(actions).getByText('pending')).toBeTruthy();
    expect(within(actions).queryByText('OPSG 41/07')).toBeNull();

    act(() => session.confirmAll());
    expect(within(actions).getByText('OPSG 41/07')).toBeTruthy();
    expect(within(actions).queryByText('pending')).toBeNull();
  });

  it('opens the next item with Alt+N and item 3 with Alt+3', async () => {
    const user = userEvent.setup();
    const session = startSession();
    renderCapture(session);
    await user.keyboard('{Alt>}3{/Alt}');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toContain('3 Code Panel Reports');
    await user.keyboard('{Alt>}n{/Alt}');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toContain(
      '3.1 Registration Data Incident Report',
    );
    expect(session.payloadsOf('agenda.open').slice(-2)).toHaveLength(2);
  });

  it('keeps the note being typed when Alt+N opens the next item', async () => {
    const user = userEvent.setup();
    const session = startSession();
    renderCapture(session, 60_000);
    await user.keyboard('{Alt>}7{/Alt}');
    await user.type(screen.getByRole('textbox', { name: 'Note on item 7' }), 'Half a sentence');
    await user.keyboard('{Alt>}n{/Alt}');
    expect(session.payloadsOf('note.add').at(-1)).toMatchObject({ text: 'Half a sentence' });
    expect(screen.getByRole('textbox', { name: 'Note on item 8' })).toBeTruthy();
  });

  it('moves the focus to the decision text with Alt+D', async () => {
    const user = userEvent.setup();
    renderCapture(startSession());
    await user.click(screen.getByRole('tab', { name: 'Attendance' }));
    await user.keyboard('{Alt>}d{/Alt}');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Decision' }));
  });
});

describe('capture side panel: outstanding actions and status', () => {
  it('updates an outstanding action: status, update text and revised date', async () => {
    const user = userEvent.setup();
    const session = startSession((type) => type !== 'outstanding.update');
    renderCapture(session);
    await user.click(screen.getByRole('tab', { name: 'Outstanding' }));
    const card = screen.getByRole('listitem', { name: 'Outstanding action OPSG 39/07' });
    await user.click(within(card).getByRole('radio', { name: 'Closed' }));
    await user.type(within(card).getByRole('textbox', { name: 'Update on OPSG 39/07' }), 'Done.');
    await user.click(within(card).getByRole('button', { name: 'Save update' }));

    const id = session.current().view.outstanding.find((o) => o.actionRef === 'OPSG 39/07')?.id;
    expect(session.payloadsOf('outstanding.update')).toEqual([
      { id, status: 'closed' },
      { id, update: 'Done.' },
    ]);
    expect(within(card).getByText('Closed', { selector: '.fui-Badge' })).toBeTruthy();
  });

  it('shows the sync status: Saved, Saving…, Offline — N pending, Refused', () => {
    const session = startSession();
    renderCapture(session);
    const status = screen.getByRole('status', { name: 'Sync status' });
    expect(status.textContent).toContain('Saved');
    act(() => session.setStatus({ state: 'saving', pending: 1 }));
    expect(status.textContent).toContain('Saving…');
    act(() => session.setStatus({ state: 'offline', pending: 3 }));
    expect(status.textContent).toContain('Offline — 3 pending');
    act(() =>
      session.setStatus({
        state: 'refused',
        pending: 1,
        code: 'meeting_final',
        message: 'The meeting is final and locked.',
      }),
    );
    expect(status.textContent).toContain('Refused: The meeting is final and locked.');
  });
});
