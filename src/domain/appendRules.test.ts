/**
 * The append check (the server's guard): roles per op, the rules PATCH and the op share, the
 * final lock with its structured `opIndex`, archived meetings, and status moves.
 */
import { opsg41Committee, opsg41Operations, sequence } from '../../test/fixtures/opsg41';
import { checkAppend, type AppendContext } from './appendRules';
import { DomainError } from './DomainError';
import { foldOperations } from './foldOperations';
import { advanceSummary, EMPTY_SUMMARY } from './meetingSummary';
import { meetingView } from './meetingView';
import type { NewOperation } from './operation';
import type { CommitteeRole } from './roles';

const committee = opsg41Committee();
const MEETING = 'm-rules';
let counter = 0;

function op(type: string, payload: unknown): NewOperation {
  counter += 1;
  return {
    id: `op-${counter}`,
    meetingId: MEETING,
    actor: 'local:someone',
    clientTime: '2021-01-25T13:20:00Z',
    type,
    payload,
  } as NewOperation;
}

const creation = () =>
  op('meeting.update', {
    number: '41',
    reference: 'OPSG_41_2501',
    date: '2021-01-25',
    title: 'Operations Group Meeting',
    committeeCode: 'OPSG',
    actionIdFormat: '{code} {number}/{seq:2}',
  });
const raise = (id: string) =>
  op('action.raise', { id, itemId: 'i1', text: 'Do it.', ownerIds: ['cds'], assigneeIds: [] });

/** The context of a meeting whose log is `log`, for a caller with `role`. */
function contextAfter(
  log: readonly NewOperation[],
  caller: { userId?: string; role: CommitteeRole | null },
  extra: Partial<AppendContext['meeting']> = {},
): AppendContext {
  return {
    meeting: {
      id: MEETING,
      lastSeq: log.length,
      summary: advanceSummary(EMPTY_SUMMARY, log),
      archivedAt: null,
      ...extra,
    },
    state: foldOperations(MEETING, sequence(log)),
    committee,
    caller: { userId: caller.userId ?? 'local:someone', role: caller.role },
    owners: ['Ines Carvalho'],
  };
}

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the batch to be refused');
}

describe('checkAppend: roles', () => {
  const log = [creation()];

  it('refuses a member writing a note, naming the op, the role needed and who grants it', () => {
    const error = refusal(() =>
      checkAppend(contextAfter(log, { role: 'member' }), [
        op('note.add', { id: 'n1', itemId: 'i1', text: 'Hello.' }),
      ]),
    );
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe(
      'ops[0] (note.add): Only a note-taker or owner of Operations Group can record notes, and you are a member; ask Ines Carvalho to make you a note-taker.',
    );
    expect(error.details).toEqual({ needed: 'noteTaker', held: 'member', opIndex: 0 });
  });

  it('refuses a caller with no grant at all', () => {
    const error = refusal(() =>
      checkAppend(contextAfter(log, { role: null }), [
        op('note.add', { id: 'n1', itemId: 'i1', text: 'Hello.' }),
      ]),
    );
    expect(error.code).toBe('forbidden');
    expect(error.details).toMatchObject({ held: null });
  });

  it('refuses a note-taker changing settings or status, and lets an owner do both', () => {
    for (const change of [
      op('meeting.update', { title: 'Renamed' }),
      op('meeting.setStatus', { status: 'circulated' }),
    ]) {
      expect(
        refusal(() => checkAppend(contextAfter(log, { role: 'noteTaker' }), [change])).code,
      ).toBe('forbidden');
      expect(() => checkAppend(contextAfter(log, { role: 'owner' }), [change])).not.toThrow();
    }
  });

  it('names the first op the caller may not send, even after ones they may', () => {
    const error = refusal(() =>
      checkAppend(contextAfter(log, { role: 'noteTaker' }), [
        op('note.add', { id: 'n1', itemId: 'i1', text: 'Hello.' }),
        op('meeting.setStatus', { status: 'circulated' }),
      ]),
    );
    expect(error.details).toMatchObject({ opIndex: 1, needed: 'owner' });
  });

  it("lets a member send their own apologies and withdraw them, and nobody else's", () => {
    const marsh = { userId: 'local:fiona.marsh', role: 'member' as const };
    const own = op('attendance.update', { personId: 'm-marsh', status: 'apologies' });
    expect(() => checkAppend(contextAfter(log, marsh), [own])).not.toThrow();
    // Withdrawing is allowed only for apologies (recorded, or sent earlier in the same batch).
    const withdraw = op('attendance.update', { personId: 'm-marsh', status: null });
    expect(() => checkAppend(contextAfter([...log, own], marsh), [withdraw])).not.toThrow();
    expect(() => checkAppend(contextAfter(log, marsh), [own, withdraw])).not.toThrow();
    const present = op('attendance.update', { personId: 'm-marsh', status: 'present' });
    expect(
      refusal(() => checkAppend(contextAfter([...log, present], marsh), [withdraw])).code,
    ).toBe('forbidden');
    for (const notOwn of [
      op('attendance.update', { personId: 'm-cole', status: 'apologies' }),
      op('attendance.update', { personId: 'm-marsh', status: 'present' }),
      op('attendance.update', { personId: 'm-marsh', status: 'apologies', part: true }),
    ]) {
      expect(refusal(() => checkAppend(contextAfter(log, marsh), [notOwn])).code).toBe('forbidden');
    }
  });
});

describe('checkAppend: the rules PATCH and the op share', () => {
  const owner = { role: 'owner' as const };

  it('accepts committeeCode and actionIdFormat only in the creating batch', () => {
    expect(() => checkAppend(contextAfter([], owner), [creation()])).not.toThrow();
    for (const key of ['actionIdFormat', 'committeeCode']) {
      const error = refusal(() =>
        checkAppend(contextAfter([creation()], owner), [
          op('meeting.update', { [key]: key === 'committeeCode' ? 'XYZ' : '{code} {number}/01' }),
        ]),
      );
      expect(error.code).toBe('validation_failed');
      expect(error.message).toMatch(new RegExp(`^ops\\[0\\]\\.payload\\.${key}: is set from`));
    }
  });

  it('refuses a renumbering once an action exists, naming the ID it would change', () => {
    const log = [creation(), raise('a1')];
    const error = refusal(() =>
      checkAppend(contextAfter(log, owner), [op('meeting.update', { number: '42' })]),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.message).toContain('would turn action OPSG 41/01 into OPSG 42/01');
    // Also when the action is raised earlier in the same batch.
    expect(
      refusal(() =>
        checkAppend(contextAfter([creation()], owner), [
          raise('a1'),
          op('meeting.update', { number: '42' }),
        ]),
      ).code,
    ).toBe('validation_failed');
    // Before any action, the number may change.
    expect(() =>
      checkAppend(contextAfter([creation()], owner), [op('meeting.update', { number: '42' })]),
    ).not.toThrow();
  });

  it('allows a new date when the action-ID format does not use it, refuses it when it does', () => {
    const log = [creation(), raise('a1')];
    expect(() =>
      checkAppend(contextAfter(log, owner), [op('meeting.update', { date: '2021-01-26' })]),
    ).not.toThrow();
    const dated = [
      op('meeting.update', { ...creation().payload, actionIdFormat: '{code} {YY}{number}/{seq}' }),
      raise('a1'),
    ];
    expect(
      refusal(() =>
        checkAppend(contextAfter(dated, owner), [op('meeting.update', { date: '2022-01-25' })]),
      ).message,
    ).toContain('OPSG 2141/1 into OPSG 2241/1');
  });

  it("names the body's field for a route's own op (PATCH)", () => {
    const context = { ...contextAfter([creation(), raise('a1')], owner), payloadPath: () => '' };
    expect(
      refusal(() => checkAppend(context, [op('meeting.update', { number: '42' })])).message,
    ).toMatch(/^number: cannot change/);
  });

  it("refuses a decision verb that is not the committee's", () => {
    const error = refusal(() =>
      checkAppend(contextAfter([creation()], owner), [
        op('decision.add', { id: 'd1', itemId: 'i1', verb: 'VETOED', text: 'No.' }),
      ]),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.message).toMatch(/^ops\[0\]\.payload\.verb: "VETOED" is not one of/);
  });
});

describe('checkAppend: the meeting as it stands', () => {
  const owner = { role: 'owner' as const };
  const note = () => op('note.add', { id: `n-${counter}`, itemId: 'i1', text: 'Hello.' });

  it('refuses an op after the batch’s own finalising op with details {opIndex}', () => {
    const log = [creation(), op('meeting.setStatus', { status: 'circulated' })];
    const error = refusal(() =>
      checkAppend(contextAfter(log, owner), [
        note(),
        op('meeting.setStatus', { status: 'final' }),
        note(),
      ]),
    );
    expect(error.code).toBe('meeting_final');
    expect(error.details).toEqual({ opIndex: 2 });
  });

  it('refuses any op to a final meeting', () => {
    const log = [
      creation(),
      op('meeting.setStatus', { status: 'circulated' }),
      op('meeting.setStatus', { status: 'final' }),
    ];
    const error = refusal(() => checkAppend(contextAfter(log, owner), [note()]));
    expect(error.code).toBe('meeting_final');
    expect(error.message).toBe(
      'Meeting OPSG_41_2501 is final and locked; its minutes can no longer change.',
    );
  });

  it('refuses a status move off the path, naming the op', () => {
    const error = refusal(() =>
      checkAppend(contextAfter([creation()], owner), [
        note(),
        op('meeting.setStatus', { status: 'final' }),
      ]),
    );
    expect(error.code).toBe('invalid_status_transition');
    expect(error.details).toEqual({ opIndex: 1 });
  });

  it('refuses any op to an archived meeting', () => {
    const context = contextAfter([creation()], owner, { archivedAt: '2021-02-01T10:00:00Z' });
    const error = refusal(() => checkAppend(context, [note()]));
    expect(error.code).toBe('meeting_archived');
    expect(error.message).toMatch(/archived, so it takes no more changes/);
  });

  it('returns the summary after the batch', () => {
    const summary = checkAppend(contextAfter([creation()], owner), [
      op('meeting.setStatus', { status: 'circulated' }),
    ]);
    expect(summary).toMatchObject({ reference: 'OPSG_41_2501', status: 'circulated' });
  });
});

describe('checkAppend on the demo meeting', () => {
  it('accepts the whole capture by its owner, and its view numbers six actions', () => {
    const log = opsg41Operations();
    const [first, ...rest] = log;
    expect(() => checkAppend(contextAfter([], { role: 'owner' }), [first!])).not.toThrow();
    expect(() => checkAppend(contextAfter([first!], { role: 'owner' }), rest)).not.toThrow();
    const view = meetingView(foldOperations(MEETING, sequence(log)), committee);
    expect(view.actions.map((action) => action.actionId)).toContain('OPSG 41/06');
  });
});
