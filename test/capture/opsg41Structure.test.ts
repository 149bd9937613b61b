/**
 * The capture model can hold everything our reference minutes contain: the OPSG-41-like
 * meeting, built only through ops, folds to the seed's structures.
 */
import { foldOperations, meetingView, type MeetingView } from '../../src/domain';
import { MEETING_ID, opsg41Committee, opsg41Operations, sequence } from '../fixtures/opsg41';

function captured(): MeetingView {
  return meetingView(foldOperations(MEETING_ID, sequence(opsg41Operations())), opsg41Committee());
}

const names = (people: { name: string }[]) => people.map((person) => person.name);

describe('the OPSG-41-like meeting captured through ops', () => {
  const view = captured();

  it('has the title block: reference from the committee format, times, mode and status', () => {
    expect(view.meeting).toMatchObject({
      number: '41',
      reference: 'OPSG_41_2501',
      title: 'Operations Group Meeting',
      date: '2021-01-25',
      startsAt: '2021-01-25T13:20:00Z',
      endsAt: '2021-01-25T15:35:00Z',
      mode: 'teleconference',
      series: 'main',
      status: 'draft',
      classification: 'WHITE',
    });
  });

  it('lists attendees in the committee category order, with the alternate in the seat they fill', () => {
    expect(view.attendees.map((group) => group.categoryName)).toEqual([
      'Operations Group Chair',
      'CDS',
      'Network Parties',
      'Large Suppliers',
      'Small Suppliers',
      'Other Code Parties',
    ]);
    const large = view.attendees.find((group) => group.categoryId === 'large');
    const present = large?.people.filter((person) => person.status === 'present') ?? [];
    expect(names(present)).toEqual([
      'Fiona Marsh',
      'Tomasz Nowak',
      'Nadia Brooks',
      'Leo Fairbanks',
      'Grace Okafor',
    ]);
    const alternate = present.find((person) => person.name === 'Grace Okafor');
    expect(alternate).toMatchObject({
      onRoster: false,
      alternateFor: { memberId: 'm-achebe', name: 'Simon Achebe' },
    });
  });

  it('records apologies by category', () => {
    const apologies = view.attendees.map((group) => ({
      category: group.categoryName,
      names: names(group.people.filter((person) => person.status === 'apologies')),
    }));
    expect(apologies.filter((entry) => entry.names.length > 0)).toEqual([
      {
        category: 'Large Suppliers',
        names: ['Marcus Webb', 'Alice Duval', 'Peter Yoon', 'Hannah Stirling'],
      },
      { category: 'Small Suppliers', names: ['Colin Ashby'] },
      { category: 'Other Code Parties', names: ['Zara Quinn'] },
    ]);
  });

  it('groups other participants by organisation with parts, agenda items and the secretary role', () => {
    expect(view.otherParticipants.map((group) => group.organisationName)).toEqual([
      'CDS',
      'CSEC',
      'TAG',
      'DfEN',
    ]);
    const cds = view.otherParticipants[0]?.people ?? [];
    const itemNumber = new Map(view.agenda.map((item) => [item.id, item.number]));
    expect(
      cds.map((person) => [
        person.name,
        person.part,
        person.agendaItemIds.map((id) => itemNumber.get(id)),
      ]),
    ).toEqual([
      ['Wanda Lyle', false, ['2']],
      ['Dominic Rowe', false, []],
      ['Lena Wu', false, []],
      ['Theo Dunmore', true, ['4']],
      ['Rashid Amin', true, ['4']],
      ['Alina Atkins', true, ['6']],
      ['Gareth Lomax', true, ['4']],
    ]);
    expect(view.otherParticipants[1]?.people[0]).toMatchObject({
      name: 'Ines Carvalho',
      role: 'Meeting Secretary',
    });
    expect(view.otherParticipants[2]?.people[0]).toMatchObject({ name: 'Rowan Hale', part: true });
  });

  it('numbers eight agenda items with sub-items 3.1 to 3.3, each with the time it was opened', () => {
    expect(view.agenda.map((item) => item.number)).toEqual([
      '1',
      '2',
      '3',
      '3.1',
      '3.2',
      '3.3',
      '4',
      '5',
      '6',
      '7',
      '8',
    ]);
    expect(view.agenda.every((item) => item.openedAt.length === 1)).toBe(true);
    const opened = view.agenda.map((item) => Date.parse(item.openedAt[0] ?? ''));
    expect([...opened].sort((a, b) => a - b)).toEqual(opened);
    expect(view.currentItemId).toBe(view.agenda.at(-1)?.id);
  });

  it('updates and closes the three outstanding actions of earlier meetings', () => {
    expect(
      view.outstanding.map((entry) => [
        entry.actionRef,
        entry.status,
        entry.owners.map((owner) => owner.name),
      ]),
    ).toEqual([
      ['OPSG 37x/01', 'closed', ['CDS']],
      ['OPSG 38x/03', 'closed', ['CDS']],
      ['OPSG 39/07', 'closed', ['CSP N', 'CDS']],
    ]);
    expect(view.outstanding.every((entry) => (entry.update ?? '').length > 0)).toBe(true);
  });

  it('numbers the six new actions 41/01 to 41/06 in the order raised, defaulting targets to the next meeting', () => {
    expect(view.actions.map((action) => action.actionId)).toEqual([
      'OPSG 41/01',
      'OPSG 41/02',
      'OPSG 41/03',
      'OPSG 41/04',
      'OPSG 41/05',
      'OPSG 41/06',
    ]);
    expect(
      view.actions.map((action) => action.owners.map((owner) => owner.name).join('/')),
    ).toEqual(['CDS', 'OPSG', 'CDS', 'CDS', 'CDS', 'CDS']);
    expect(view.actions[1]).toMatchObject({ targetDate: '2021-02-04', targetDateIsDefault: false });
    expect(view.actions[0]).toMatchObject({ targetDate: '2021-02-22', targetDateIsDefault: true });
  });

  it('records NOTED and AGREED decisions against their items', () => {
    const itemNumber = new Map(view.agenda.map((item) => [item.id, item.number]));
    expect(
      view.decisions.map((decision) => `${itemNumber.get(decision.itemId)} ${decision.verb}`),
    ).toEqual([
      '1 NOTED',
      '3.3 NOTED',
      '4 NOTED',
      '4 AGREED',
      '5 NOTED',
      '6 NOTED',
      '6 AGREED',
      '7 NOTED',
    ]);
  });

  it('keeps the next main and reporting meeting dates', () => {
    expect(view.meeting.nextMainMeetingDate).toBe('2021-02-22');
    expect(view.meeting.nextReportingMeetingDate).toBe('2021-02-08');
  });

  it('is quorate, counting the alternate in the seat of the member replaced', () => {
    expect(view.quorum).toMatchObject({ met: true, seatsFilled: 12 });
    expect(view.quorum.categories).toEqual([
      { categoryId: 'large', categoryName: 'Large Suppliers', present: 5, minimum: 2, met: true },
    ]);
  });

  it('applies every op: none is ignored', () => {
    expect(view.ignored).toEqual([]);
  });
});
