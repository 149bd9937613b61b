/**
 * @jest-environment jsdom
 */
import { act, screen, within } from '@testing-library/react';
import { InMemoryMeetingSession } from '../../../../test/fakes/InMemoryMeetingSession';
import { MEETING_ID, opsg41Committee, opsg41Operations } from '../../../../test/fixtures/opsg41';
import type { NewOperation } from '../../../domain';
import { renderInTab } from '../../app/testSupport';
import { StagePage } from './StagePage';

function remoteOp(op: Pick<NewOperation, 'type' | 'payload'> & { id: string }): NewOperation {
  return {
    meetingId: MEETING_ID,
    actor: 'local:ines.carvalho',
    clientTime: '2021-01-25T15:40:00Z',
    ...op,
  } as NewOperation;
}

describe('meeting stage', () => {
  const all = opsg41Operations();
  const untilItem5 = all.slice(
    0,
    all.findIndex((op) => op.type === 'agenda.open' && op.clientTime >= '2021-01-25T15:00:00Z'),
  );

  it('shows the current item, the numbered actions and the quorum', () => {
    const session = new InMemoryMeetingSession({
      committee: opsg41Committee(),
      operations: all,
      meetingId: MEETING_ID,
    });
    renderInTab(<StagePage session={session} />);
    const agenda = screen.getByRole('list', { name: 'Agenda' });
    const current = within(agenda)
      .getAllByRole('listitem')
      .filter((item) => item.getAttribute('aria-current') === 'step');
    expect(current.map((item) => item.textContent)).toEqual(['8Any Other Business']);
    const actions = screen.getByRole('region', { name: 'Actions (6)' });
    expect(within(actions).getByText('OPSG 41/06')).toBeTruthy();
    expect(screen.getByRole('status', { name: 'Quorum' }).textContent).toContain('Quorate');
    expect(screen.getByText('12 members present · 24 people in all')).toBeTruthy();
  });

  it('follows ops as they arrive: a newly opened item and a new action', () => {
    const session = new InMemoryMeetingSession({
      committee: opsg41Committee(),
      operations: untilItem5,
      meetingId: MEETING_ID,
    });
    renderInTab(<StagePage session={session} />);
    const item6 = session.current().view.agenda.find((item) => item.number === '6');
    act(() =>
      session.receive([
        remoteOp({ id: 'op-open-6', type: 'agenda.open', payload: { id: item6?.id ?? '' } }),
        remoteOp({
          id: 'op-raise',
          type: 'action.raise',
          payload: {
            id: 'a-new',
            itemId: item6?.id ?? '',
            text: 'The CDS to publish the incident review.',
            ownerIds: ['cds'],
            assigneeIds: [],
          },
        }),
      ]),
    );
    const agenda = screen.getByRole('list', { name: 'Agenda' });
    const current = within(agenda)
      .getAllByRole('listitem')
      .filter((item) => item.getAttribute('aria-current') === 'step');
    expect(current.map((item) => item.textContent)).toEqual(['6Major Incident Review']);
    const count = session.current().view.actions.length;
    const actions = screen.getByRole('region', { name: `Actions (${count})` });
    expect(within(actions).getByText('The CDS to publish the incident review.')).toBeTruthy();
    expect(within(actions).getByText(`OPSG 41/0${count}`)).toBeTruthy();
    expect(screen.getByText(/Now: 6 Major Incident Review/)).toBeTruthy();
  });
});
