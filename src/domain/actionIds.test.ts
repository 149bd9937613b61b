/**
 * The property behind issue 9's "two actions end up as OPSG 41/01": across any sequence of
 * batches the append check accepts, an action ID once shown never changes, and no two actions
 * of a meeting share one. Batches mix raising and withdrawing actions with settings changes that
 * try every field an ID is made from (number, date, committee code, action-ID format).
 */
import fc from 'fast-check';
import { opsg41Committee, sequence } from '../../test/fixtures/opsg41';
import { checkAppend } from './appendRules';
import { DomainError } from './DomainError';
import { foldOperations } from './foldOperations';
import { advanceSummary, EMPTY_SUMMARY } from './meetingSummary';
import { meetingView } from './meetingView';
import { parseOperation, type NewOperation } from './operation';

const MEETING = 'm-ids';
const committee = opsg41Committee();

const settingsChange = fc
  .record(
    {
      number: fc.constantFrom('41', '42', '41x'),
      date: fc.constantFrom('2021-01-25', '2021-02-22', '2022-01-25'),
      reference: fc.constantFrom('OPSG_41_2501', 'OPSG_42_2202'),
      committeeCode: fc.constantFrom('OPSG', 'XYZ'),
      actionIdFormat: fc.constantFrom(
        '{code} {number}/{seq:2}',
        '{code} {number}/01',
        '{code}-{YY}-{number}-{seq}',
      ),
    },
    { requiredKeys: [] },
  )
  .filter((fields) => Object.keys(fields).length > 0)
  .map((payload) => ({ type: 'meeting.update', payload }));

const body = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom('a1', 'a2', 'a3', 'a4').map((id) => ({
      type: 'action.raise',
      payload: { id, itemId: 'i1', text: 'Do it.', ownerIds: ['cds'] },
    })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('a1', 'a2').map((id) => ({
      type: 'action.withdraw',
      payload: { id },
    })),
  },
  { weight: 3, arbitrary: settingsChange },
  {
    weight: 1,
    arbitrary: fc.constantFrom('draft', 'circulated').map((status) => ({
      type: 'meeting.setStatus',
      payload: { status },
    })),
  },
);

let counter = 0;
function parsed(raw: { type: string; payload: unknown }): NewOperation {
  counter += 1;
  const result = parseOperation(
    { id: `op-${counter}`, meetingId: MEETING, clientTime: '2021-01-25T13:20:00Z', ...raw },
    MEETING,
    'local:owner',
  );
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

const CREATION = {
  type: 'meeting.update',
  payload: {
    number: '41',
    reference: 'OPSG_41_2501',
    date: '2021-01-25',
    title: 'Operations Group Meeting',
    committeeCode: 'OPSG',
    actionIdFormat: '{code} {number}/{seq:2}',
  },
};

describe('action IDs', () => {
  it('never change, and never repeat, across any accepted sequence of batches', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(body, { minLength: 1, maxLength: 3 }), { maxLength: 12 }),
        (batches) => {
          const log: NewOperation[] = [parsed(CREATION)];
          const shown = new Map<string, string>();
          for (const batch of batches) {
            const ops = batch.map(parsed);
            const context = {
              meeting: {
                id: MEETING,
                lastSeq: log.length,
                summary: advanceSummary(EMPTY_SUMMARY, log),
                archivedAt: null,
              },
              state: foldOperations(MEETING, sequence(log)),
              committee,
              caller: { userId: 'local:owner', role: 'owner' as const },
              owners: ['Owner'],
            };
            try {
              checkAppend(context, ops);
            } catch (error) {
              if (error instanceof DomainError) continue;
              throw error;
            }
            log.push(...ops);
            const actions = meetingView(foldOperations(MEETING, sequence(log)), committee).actions;
            for (const action of actions) {
              expect(action.actionId).toBe(shown.get(action.id) ?? action.actionId);
              shown.set(action.id, action.actionId);
            }
            expect(new Set(actions.map((action) => action.actionId)).size).toBe(actions.length);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
