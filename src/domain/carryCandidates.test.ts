/**
 * The actions offered for carrying to a meeting, over meetings folded from their ops: the latest
 * review decides (its revised target date, closed or reopened), and withdrawn, already carried
 * and closed actions are not offered.
 */
import { opsg41Committee } from '../../test/fixtures/opsg41';
import { carryCandidates, carryPayload } from './carryCandidates';
import { foldOperations } from './foldOperations';
import { meetingView, type MeetingView } from './meetingView';
import { parseOperation, type StoredOperation } from './operation';

const committee = opsg41Committee();

interface Body {
  type: string;
  payload: Record<string, unknown>;
}

/** A meeting of the committee, folded from `bodies` after its number, date and agenda. */
function meeting(id: string, number: string, date: string, bodies: Body[]): MeetingView {
  const all: Body[] = [
    {
      type: 'meeting.update',
      payload: { number, date, reference: `OPSG_${number}`, committeeCode: 'OPSG' },
    },
    { type: 'agenda.add', payload: { id: 'i1', title: 'Actions Outstanding', order: 1 } },
    ...bodies,
  ];
  const log: StoredOperation[] = all.map((body, index) => {
    const parsed = parseOperation(
      { id: `${id}-op-${index + 1}`, meetingId: id, clientTime: `${date}T13:00:00Z`, ...body },
      id,
      'local:ines',
    );
    if (!parsed.ok) throw new Error(`${body.type}: ${JSON.stringify(parsed.problems)}`);
    return { ...parsed.value, seq: index + 1, serverTime: `${date}T13:00:00Z` };
  });
  return meetingView(foldOperations(id, log), committee);
}

const raise = (id: string, targetDate?: string): Body => ({
  type: 'action.raise',
  payload: { id, itemId: 'i1', text: `Action ${id}.`, ownerIds: ['cds'], targetDate },
});

const carry = (id: string, actionRef: string, lastTargetDate: string | null): Body => ({
  type: 'outstanding.carry',
  payload: {
    id,
    actionRef,
    text: 'Carried.',
    dateRaised: '2021-01-25',
    lastTargetDate,
    ownerIds: ['cds'],
    itemId: 'i1',
  },
});

const review = (id: string, changes: Record<string, unknown>): Body => ({
  type: 'outstanding.update',
  payload: { id, ...changes },
});

const m41 = meeting('m41', '41', '2021-01-25', [
  raise('a1', '2021-02-22'),
  raise('a2', '2021-02-22'),
  raise('a3'),
  raise('a4', '2021-02-22'),
  { type: 'action.withdraw', payload: { id: 'a4', reason: 'duplicate' } },
]);

describe('carryCandidates', () => {
  it('offers the actions of an earlier meeting, not withdrawn ones, with their target dates', () => {
    const m42 = meeting('m42', '42', '2021-02-22', []);
    const candidates = carryCandidates(m42, [m41]);
    expect(candidates.map((c) => [c.action.actionId, c.lastTargetDate])).toEqual([
      ['OPSG 41/01', '2021-02-22'],
      ['OPSG 41/02', '2021-02-22'],
      ['OPSG 41/03', m41.actions[2]?.targetDate ?? null],
    ]);
    expect(candidates[0]).toMatchObject({ meetingId: 'm41', meetingReference: 'OPSG_41' });
  });

  it('leaves out what is already carried here and what a later review closed', () => {
    const m42 = meeting('m42', '42', '2021-02-22', [
      carry('o1', 'OPSG 41/01', '2021-02-22'),
      review('o1', { status: 'closed' }),
      carry('o2', 'OPSG 41/02', '2021-02-22'),
    ]);
    const m43 = meeting('m43', '43', '2021-03-22', [carry('o3', 'OPSG 41/03', null)]);
    const ids = carryCandidates(m43, [m41, m42]).map((c) => c.action.actionId);
    expect(ids).toEqual(['OPSG 41/02']);
  });

  it('carries the latest revised target date, not the first', () => {
    const m42 = meeting('m42', '42', '2021-02-22', [
      carry('o1', 'OPSG 41/01', '2021-02-22'),
      review('o1', { revisedTargetDate: '2021-03-22' }),
    ]);
    const m43 = meeting('m43', '43', '2021-03-22', [
      carry('o1', 'OPSG 41/01', '2021-03-22'),
      review('o1', { revisedTargetDate: '2021-04-19', update: 'Delayed by the supplier.' }),
    ]);
    const m44 = meeting('m44', '44', '2021-04-19', []);
    // The views arrive in any order: the meeting dates decide which review is the latest.
    const [first] = carryCandidates(m44, [m43, m41, m42]);
    expect(first).toMatchObject({
      action: { actionId: 'OPSG 41/01' },
      lastTargetDate: '2021-04-19',
    });
    expect(carryPayload(first!, 'o-new')).toEqual({
      id: 'o-new',
      actionRef: 'OPSG 41/01',
      text: 'Action a1.',
      dateRaised: '2021-01-25',
      lastTargetDate: '2021-04-19',
      ownerIds: ['cds'],
      sourceMeetingId: 'm41',
    });
  });

  it('keeps an earlier revision when a later review changes nothing but the text', () => {
    const m42 = meeting('m42', '42', '2021-02-22', [
      carry('o1', 'OPSG 41/01', '2021-02-22'),
      review('o1', { revisedTargetDate: '2021-03-22' }),
    ]);
    const m43 = meeting('m43', '43', '2021-03-22', [
      carry('o1', 'OPSG 41/01', '2021-03-22'),
      review('o1', { update: 'In hand.' }),
    ]);
    const m44 = meeting('m44', '44', '2021-04-19', []);
    expect(carryCandidates(m44, [m41, m42, m43])[0]?.lastTargetDate).toBe('2021-03-22');
  });

  it('offers again an action closed at one meeting and reopened at a later one', () => {
    const m42 = meeting('m42', '42', '2021-02-22', [
      carry('o1', 'OPSG 41/01', '2021-02-22'),
      review('o1', { status: 'closed' }),
    ]);
    const m43 = meeting('m43', '43', '2021-03-22', [
      carry('o1', 'OPSG 41/01', '2021-02-22'),
      review('o1', { status: 'open', revisedTargetDate: '2021-05-17' }),
    ]);
    const m44 = meeting('m44', '44', '2021-04-19', []);
    const offered = carryCandidates(m44, [m43, m42, m41]);
    expect(offered.find((c) => c.action.actionId === 'OPSG 41/01')?.lastTargetDate).toBe(
      '2021-05-17',
    );
    // And closed again by the latest review: not offered.
    const m45 = meeting('m45', '45', '2021-05-17', [
      carry('o1', 'OPSG 41/01', '2021-05-17'),
      review('o1', { status: 'closed' }),
    ]);
    const m46 = meeting('m46', '46', '2021-06-21', []);
    expect(carryCandidates(m46, [m41, m42, m43, m45]).map((c) => c.action.actionId)).not.toContain(
      'OPSG 41/01',
    );
  });

  it('never offers the meeting’s own actions', () => {
    expect(carryCandidates(m41, [m41])).toEqual([]);
  });
});
