import { foldOperations, meetingView, type AgendaItemView } from '../../../domain';
import {
  opsg41Committee,
  opsg41Operations,
  sequence,
  MEETING_ID,
} from '../../../../test/fixtures/opsg41';
import { moveItem, orderForNewItem, siblingsOf } from './agendaOrder';

function demoAgenda(): AgendaItemView[] {
  const state = foldOperations(MEETING_ID, sequence(opsg41Operations()));
  return meetingView(state, opsg41Committee()).agenda;
}

describe('agenda order keys', () => {
  const agenda = demoAgenda();
  const byNumber = (number: string) => agenda.find((item) => item.number === number)!;

  it('lists the siblings of a group in order', () => {
    expect(siblingsOf(agenda, null).map((item) => item.number)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
    ]);
    expect(siblingsOf(agenda, byNumber('3').id).map((item) => item.number)).toEqual([
      '3.1',
      '3.2',
      '3.3',
    ]);
  });

  it('puts a new item after its siblings', () => {
    expect(orderForNewItem(agenda, null)).toBe(9);
    expect(orderForNewItem(agenda, byNumber('3').id)).toBe(4);
    expect(orderForNewItem(agenda, byNumber('4').id)).toBe(1);
  });

  it('moves an item by writing its group afresh', () => {
    const moves = moveItem(agenda, byNumber('3.3').id, 'up');
    expect(moves).toEqual([
      { id: byNumber('3.1').id, order: 1 },
      { id: byNumber('3.3').id, order: 2 },
      { id: byNumber('3.2').id, order: 3 },
    ]);
  });

  it('does not move the first item up or the last one down', () => {
    expect(moveItem(agenda, byNumber('1').id, 'up')).toEqual([]);
    expect(moveItem(agenda, byNumber('8').id, 'down')).toEqual([]);
    expect(moveItem(agenda, 'no-such-item', 'down')).toEqual([]);
  });
});
