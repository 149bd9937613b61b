/**
 * Properties of the fold over generated logs of valid ops: deterministic, incremental = whole,
 * order of delivery irrelevant (seq decides), action numbers allocated once in seq order, and
 * "later seq wins per field". Ops are made by arbitraries over a small pool of entity ids (so
 * updates hit existing, missing and removed entities) and pass through parseOperation, so every
 * generated op is one the server would accept.
 */
import fc from 'fast-check';
import { opsg41Committee } from '../../test/fixtures/opsg41';
import { applyOperation } from './applyOperation';
import { CLASSIFICATION_LEVELS } from './committee';
import { foldInto, foldOperations } from './foldOperations';
import { emptyMeetingState, type MeetingState } from './meetingState';
import { meetingView } from './meetingView';
import { parseOperation, type StoredOperation } from './operation';
import {
  ACTION_STATUSES,
  ATTENDANCE_STATUSES,
  MEETING_MODES,
  MEETING_SERIES,
  MEETING_STATUSES,
  type OperationType,
} from './operationSchemas';

const MEETING_ID = 'm-prop';
const SERVER_TIME = '2021-01-25T16:00:00Z';
const committee = opsg41Committee();

// ---------------------------------------------------------------------------------------------
// Arbitraries: op bodies {type, payload} as a client would send them.

interface OpBody {
  type: OperationType;
  payload: Record<string, unknown>;
}
interface RawOp extends OpBody {
  clientTime: string;
  actor: string;
}

/** A small pool, so adds collide, and updates and removes often find (or miss) their target. */
const entityIds = fc.constantFrom('e1', 'e2', 'e3');
const itemIds = fc.constantFrom('i1', 'i2', 'i3', 'i4');
/** Roster members of the fixture committee and people who are not on it. */
const personIds = fc.constantFrom('m-cole', 'm-marsh', 'm-achebe', 'm-hale', 'p1', 'p2');
const organisationIds = fc.constantFrom('cds', 'csec', 'org-x');
const categoryIds = fc.constantFrom('chair', 'large', 'small', 'cat-x');
const verbs = fc.constantFrom('NOTED', 'AGREED', 'APPROVED');
const text = fc.oneof(
  { arbitrary: fc.constantFrom('alpha', 'beta', 'gamma'), weight: 2 },
  {
    arbitrary: fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== ''),
    weight: 1,
  },
);
const email = fc.constantFrom('a@example.org', 'b@example.org');
const DAY = 86_400_000;
const isoDate = fc
  .integer({ min: 0, max: 3650 })
  .map((days) => new Date(Date.UTC(2020, 0, 1) + days * DAY).toISOString().slice(0, 10));
const isoDateTime = fc
  .integer({ min: 0, max: 3650 * 24 * 60 })
  .map((minutes) => new Date(Date.UTC(2020, 0, 1) + minutes * 60_000).toISOString());
const owners = fc.uniqueArray(organisationIds, { minLength: 1, maxLength: 3 });
const order = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -10, max: 10 }),
);

type Model = Record<string, fc.Arbitrary<unknown>>;

/** A record of `model` with only the `required` keys sure to be present. */
function optional(required: string[], model: Model): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(model, { requiredKeys: required, noNullPrototype: true });
}

/** An update payload: `required` names the target; at least one other field is present. */
function update(required: string, model: Model): fc.Arbitrary<Record<string, unknown>> {
  return optional([required], model).filter((value) => Object.keys(value).length > 1);
}

const body = (type: OperationType, payload: fc.Arbitrary<Record<string, unknown>>) =>
  payload.map((value): OpBody => ({ type, payload: value }));

const meetingFields = {
  number: fc.constantFrom('41', '42', '38x'),
  reference: text,
  title: text,
  date: isoDate,
  startsAt: fc.option(isoDateTime),
  endsAt: fc.option(isoDateTime),
  mode: fc.constantFrom(...MEETING_MODES),
  series: fc.constantFrom(...MEETING_SERIES),
  classification: fc.constantFrom(...CLASSIFICATION_LEVELS),
  nextMainMeetingDate: fc.option(isoDate),
  nextReportingMeetingDate: fc.option(isoDate),
  committeeCode: fc.constantFrom('OPSG', 'X1'),
  actionIdFormat: fc.constantFrom('{code} {number}/{seq:2}', 'A-{seq:3}', '{bogus} {seq}', 'none'),
};

const speakerId = fc.option(personIds);
const noteAdd = body(
  'note.add',
  optional(['id', 'itemId', 'text'], { id: entityIds, itemId: itemIds, text, speakerId }),
);
const noteUpdate = body(
  'note.update',
  update('id', { id: entityIds, itemId: itemIds, text, speakerId }),
);
const actionRaise = body(
  'action.raise',
  optional(['id', 'itemId', 'text', 'ownerIds'], {
    id: entityIds,
    itemId: itemIds,
    text,
    ownerIds: owners,
    assigneeIds: fc.uniqueArray(personIds, { maxLength: 3 }),
    targetDate: fc.option(isoDate),
  }),
);
const actionUpdate = body(
  'action.update',
  update('id', {
    id: entityIds,
    itemId: itemIds,
    text,
    ownerIds: owners,
    assigneeIds: fc.uniqueArray(personIds, { maxLength: 3 }),
    targetDate: fc.option(isoDate),
  }),
);
const actionWithdraw = body('action.withdraw', optional(['id'], { id: entityIds, reason: text }));

/** Every operation type, weighted towards the entities the properties look at most. */
const anyOpBody: fc.Arbitrary<OpBody> = fc.oneof(
  { arbitrary: body('meeting.update', update('title', meetingFields)), weight: 2 },
  {
    arbitrary: body(
      'meeting.setStatus',
      optional(['status'], { status: fc.constantFrom(...MEETING_STATUSES) }),
    ),
    weight: 2,
  },
  {
    arbitrary: body(
      'meetingMember.add',
      optional(['id', 'name', 'categoryId'], {
        id: personIds,
        name: text,
        categoryId: categoryIds,
        email,
        role: text,
      }),
    ),
    weight: 1,
  },
  {
    arbitrary: body(
      'meetingMember.update',
      update('id', { id: personIds, name: text, categoryId: categoryIds, email, role: text }),
    ),
    weight: 1,
  },
  { arbitrary: body('meetingMember.remove', optional(['id'], { id: personIds })), weight: 1 },
  {
    arbitrary: body(
      'attendance.update',
      update('personId', {
        personId: personIds,
        status: fc.constantFrom(...ATTENDANCE_STATUSES),
        alternateForMemberId: fc.option(personIds),
        part: fc.boolean(),
        agendaItemIds: fc.uniqueArray(itemIds, { maxLength: 3 }),
      }),
    ),
    weight: 2,
  },
  {
    arbitrary: body(
      'participant.add',
      optional(['id', 'name', 'organisationId'], {
        id: personIds,
        name: text,
        organisationId: organisationIds,
        role: fc.option(text),
        email,
      }),
    ),
    weight: 1,
  },
  {
    arbitrary: body(
      'participant.update',
      update('id', {
        id: personIds,
        name: text,
        organisationId: organisationIds,
        role: fc.option(text),
        email,
      }),
    ),
    weight: 1,
  },
  { arbitrary: body('participant.remove', optional(['id'], { id: personIds })), weight: 1 },
  {
    arbitrary: body(
      'agenda.add',
      optional(['id', 'title', 'order'], {
        id: itemIds,
        title: text,
        parentId: fc.option(itemIds),
        presenter: fc.option(text),
        order,
      }),
    ),
    weight: 2,
  },
  {
    arbitrary: body(
      'agenda.update',
      update('id', {
        id: itemIds,
        title: text,
        parentId: fc.option(itemIds),
        presenter: fc.option(text),
        order,
      }),
    ),
    weight: 1,
  },
  { arbitrary: body('agenda.remove', optional(['id'], { id: itemIds })), weight: 1 },
  { arbitrary: body('agenda.open', optional(['id'], { id: itemIds, at: isoDateTime })), weight: 2 },
  { arbitrary: noteAdd, weight: 3 },
  { arbitrary: noteUpdate, weight: 3 },
  { arbitrary: body('note.remove', optional(['id'], { id: entityIds })), weight: 1 },
  {
    arbitrary: body(
      'decision.add',
      optional(['id', 'itemId', 'verb', 'text'], {
        id: entityIds,
        itemId: itemIds,
        verb: verbs,
        text,
      }),
    ),
    weight: 2,
  },
  {
    arbitrary: body(
      'decision.update',
      update('id', { id: entityIds, itemId: itemIds, verb: verbs, text }),
    ),
    weight: 2,
  },
  { arbitrary: body('decision.remove', optional(['id'], { id: entityIds })), weight: 1 },
  { arbitrary: actionRaise, weight: 3 },
  { arbitrary: actionUpdate, weight: 3 },
  { arbitrary: actionWithdraw, weight: 1 },
  {
    arbitrary: body(
      'outstanding.carry',
      optional(['id', 'actionRef', 'text', 'dateRaised', 'lastTargetDate', 'ownerIds'], {
        id: entityIds,
        actionRef: fc.constantFrom('OPSG 40/01', 'OPSG 39/07'),
        text,
        dateRaised: isoDate,
        lastTargetDate: fc.option(isoDate),
        ownerIds: owners,
        itemId: fc.option(itemIds),
        sourceMeetingId: fc.option(fc.constantFrom('m-40', 'm-39')),
      }),
    ),
    weight: 1,
  },
  {
    arbitrary: body(
      'outstanding.update',
      update('id', {
        id: entityIds,
        update: fc.option(text),
        status: fc.constantFrom(...ACTION_STATUSES),
        revisedTargetDate: fc.option(isoDate),
        itemId: fc.option(itemIds),
      }),
    ),
    weight: 1,
  },
  { arbitrary: body('outstanding.remove', optional(['id'], { id: entityIds })), weight: 1 },
);

const raw = (bodies: fc.Arbitrary<OpBody>): fc.Arbitrary<RawOp> =>
  fc
    .record({
      op: bodies,
      clientTime: isoDateTime,
      actor: fc.constantFrom('local:ines', 'local:owen'),
    })
    .map(({ op, clientTime, actor }) => ({ ...op, clientTime, actor }));

/** Parses each op as the server does and numbers them seq 1..n in array order. */
function sequenced(raws: readonly RawOp[]): StoredOperation[] {
  return raws.map((op, index) => {
    const seq = index + 1;
    const result = parseOperation(
      {
        id: `op-${seq}`,
        meetingId: MEETING_ID,
        clientTime: op.clientTime,
        type: op.type,
        payload: op.payload,
      },
      MEETING_ID,
      op.actor,
    );
    if (!result.ok) {
      throw new Error(
        `the arbitrary made an invalid op ${JSON.stringify(op)}: ${JSON.stringify(result.problems)}`,
      );
    }
    return { ...result.value, seq, serverTime: SERVER_TIME };
  });
}

const logOf = (bodies: fc.Arbitrary<OpBody>, maxLength = 60) =>
  fc.array(raw(bodies), { maxLength, size: 'max' }).map(sequenced);

const anyLog = logOf(anyOpBody);
/** Mostly action ops, so raises repeat, withdrawals and updates hit raised and unraised ids. */
const actionLog = logOf(
  fc.oneof(
    { arbitrary: actionRaise, weight: 4 },
    { arbitrary: actionUpdate, weight: 2 },
    { arbitrary: actionWithdraw, weight: 2 },
    { arbitrary: anyOpBody, weight: 1 },
  ),
  40,
);

/** Ops for anything but the entity with id `target`: noise between the ops under test. */
const noise = fc.array(raw(anyOpBody), { maxLength: 12 });

const view = (state: MeetingState) => meetingView(state, committee);
const shuffled = <T>(items: readonly T[]) =>
  fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });

// ---------------------------------------------------------------------------------------------
// Declarative oracles: what the fold should give, stated per entity and field rather than as a
// replay, so they check the reducer rather than repeat it.

type Payload = Record<string, unknown>;

function opsFor(log: readonly StoredOperation[], types: readonly string[], id: string) {
  return [...log]
    .sort((a, b) => a.seq - b.seq)
    .filter((op) => types.includes(op.type) && (op.payload as Payload).id === id);
}

/**
 * An entity created by `add`, ended by the first `end` after it, updated by `update`: each field
 * holds the value of the last update (by seq) between creation and end that names it, else the
 * creating op's value. Undefined when the entity was never created.
 */
function lastWriterWins(
  log: readonly StoredOperation[],
  id: string,
  types: { add: string; update: string; end: string },
  fields: readonly string[],
): { created: StoredOperation; ended: StoredOperation | undefined; values: Payload } | undefined {
  const ops = opsFor(log, [types.add, types.update, types.end], id);
  const created = ops.find((op) => op.type === types.add);
  if (!created) return undefined;
  const ended = ops.find((op) => op.type === types.end && op.seq > created.seq);
  const window = ops.filter(
    (op) => op.type === types.update && op.seq > created.seq && (!ended || op.seq < ended.seq),
  );
  const values: Payload = {};
  for (const field of fields) {
    const writer = window.filter((op) => (op.payload as Payload)[field] !== undefined).at(-1);
    values[field] = writer
      ? (writer.payload as Payload)[field]
      : ((created.payload as Payload)[field] ?? null);
  }
  return { created, ended, values };
}

/** The action ids in the order their first raise appears by seq: number = position + 1. */
function raiseOrder(log: readonly StoredOperation[]): string[] {
  const order: string[] = [];
  for (const op of [...log].sort((a, b) => a.seq - b.seq)) {
    if (op.type === 'action.raise' && !order.includes(op.payload.id)) order.push(op.payload.id);
  }
  return order;
}

const POOL = ['e1', 'e2', 'e3'];

// ---------------------------------------------------------------------------------------------

describe('foldOperations over generated logs', () => {
  it('never throws on a valid log, and the view of the result never throws either', () => {
    fc.assert(
      fc.property(anyLog, (log) => {
        const state = foldOperations(MEETING_ID, log);
        expect(state.seq).toBe(log.length);
        view(state);
        for (const entry of state.ignored) {
          expect(log[entry.seq - 1]?.id).toBe(entry.opId);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same log folds to deep-equal states and views', () => {
    fc.assert(
      fc.property(anyLog, (log) => {
        const before = structuredClone(log);
        const first = foldOperations(MEETING_ID, log);
        const second = foldOperations(MEETING_ID, log);
        expect(second).toEqual(first);
        expect(view(second)).toEqual(view(first));
        // Folding reads the log; it never writes into it.
        expect(log).toEqual(before);
      }),
      { numRuns: 150 },
    );
  });

  it('folds incrementally (foldInto in random chunks, re-delivering folded ops) as all at once', () => {
    const withChunks = anyLog.chain((log) =>
      fc.tuple(
        fc.constant(log),
        fc.uniqueArray(fc.integer({ min: 0, max: log.length }), { maxLength: 8 }),
        fc.array(fc.nat({ max: 5 }), { minLength: 10, maxLength: 10 }),
      ),
    );
    fc.assert(
      fc.property(withChunks, ([log, cuts, rewinds]) => {
        const bounds = [0, ...[...cuts].sort((a, b) => a - b), log.length];
        const state = emptyMeetingState(MEETING_ID);
        for (let index = 1; index < bounds.length; index += 1) {
          const start = Math.max(0, (bounds[index - 1] ?? 0) - (rewinds[index] ?? 0));
          const returned = foldInto(state, log.slice(start, bounds[index]));
          expect(returned).toBe(state);
        }
        const whole = foldOperations(MEETING_ID, log);
        expect(state).toEqual(whole);
        expect(view(state)).toEqual(view(whole));
      }),
      { numRuns: 150 },
    );
  });

  it('sorts by seq: a shuffled copy of the log folds to the same state', () => {
    fc.assert(
      fc.property(
        anyLog.chain((log) => fc.tuple(fc.constant(log), shuffled(log))),
        ([log, mixed]) => {
          const inOrder = foldOperations(MEETING_ID, log);
          const fromMixed = foldOperations(MEETING_ID, mixed);
          expect(fromMixed).toEqual(inOrder);
          expect(view(fromMixed)).toEqual(view(inOrder));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('action numbers', () => {
  it('are 1..k in seq order of the first raise of each id, whatever happens after', () => {
    fc.assert(
      fc.property(
        actionLog.chain((log) => fc.tuple(fc.constant(log), shuffled(log))),
        ([log, mixed]) => {
          const state = foldOperations(MEETING_ID, mixed);
          const order = raiseOrder(log);
          expect(state.actionCount).toBe(order.length);
          expect([...state.actions.keys()].sort()).toEqual([...order].sort());
          order.forEach((id, index) => expect(state.actions.get(id)?.number).toBe(index + 1));
          expect(view(state).actions.map((action) => action.number)).toEqual(
            order.map((_, index) => index + 1),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a withdrawn action keeps its number, and numbers never move as the log grows', () => {
    fc.assert(
      fc.property(actionLog, fc.nat(), (log, cut) => {
        const prefix = log.slice(0, log.length === 0 ? 0 : cut % (log.length + 1));
        const early = foldOperations(MEETING_ID, prefix);
        const late = foldOperations(MEETING_ID, log);
        for (const [id, action] of early.actions) {
          expect(late.actions.get(id)?.number).toBe(action.number);
        }
        const order = raiseOrder(log);
        for (const action of late.actions.values()) {
          expect(action.number).toBe(order.indexOf(action.id) + 1);
          const withdrawal = opsFor(log, ['action.withdraw'], action.id).find(
            (op) => op.seq > (opsFor(log, ['action.raise'], action.id)[0]?.seq ?? Infinity),
          );
          expect(action.withdrawn).toBe(withdrawal !== undefined);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a second raise with an existing id allocates no number and is recorded as ignored', () => {
    fc.assert(
      fc.property(actionLog, (log) => {
        const state = foldOperations(MEETING_ID, log);
        const ignored = new Set(state.ignored.map((entry) => entry.opId));
        const seen = new Set<string>();
        for (const op of log) {
          if (op.type !== 'action.raise') continue;
          if (seen.has(op.payload.id)) {
            expect(ignored.has(op.id)).toBe(true);
            // The action is still the one the first raise made (its number unchanged).
            expect(state.actions.get(op.payload.id)?.raisedAt).toBe(
              opsFor(log, ['action.raise'], op.payload.id)[0]?.clientTime,
            );
          } else {
            expect(ignored.has(op.id)).toBe(false);
          }
          seen.add(op.payload.id);
        }
        expect(state.actionCount).toBe(seen.size);
      }),
      { numRuns: 200 },
    );
  });
});

describe('later seq wins per field', () => {
  /** [...before, add target, ...between, first, ...gap, second], noise never naming `target`. */
  const scenario = <A, B>(first: fc.Arbitrary<A>, second: fc.Arbitrary<B>) =>
    fc.record({
      before: noise,
      between: noise,
      gap: noise,
      first,
      second,
      firstTime: isoDateTime,
      secondTime: isoDateTime,
      /** Deliver the log reversed: seq, not position, must decide. */
      reversed: fc.boolean(),
    });

  function foldScenario(
    target: { type: OperationType; payload: Payload },
    first: OpBody,
    second: OpBody,
    s: {
      before: RawOp[];
      between: RawOp[];
      gap: RawOp[];
      firstTime: string;
      secondTime: string;
      reversed: boolean;
    },
  ): MeetingState {
    const actor = 'local:ines';
    const log = sequenced([
      ...s.before,
      { ...target, clientTime: '2021-01-25T13:00:00Z', actor },
      ...s.between,
      { ...first, clientTime: s.firstTime, actor },
      ...s.gap,
      { ...second, clientTime: s.secondTime, actor },
    ]);
    return foldOperations(MEETING_ID, s.reversed ? [...log].reverse() : log);
  }

  const noteTarget = {
    type: 'note.add' as const,
    payload: { id: 'target', itemId: 'i1', text: 'original' },
  };
  const actionTarget = {
    type: 'action.raise' as const,
    payload: { id: 'target', itemId: 'i1', text: 'original', ownerIds: ['cds'] },
  };

  it('two updates to different fields of the same note both survive', () => {
    fc.assert(
      fc.property(scenario(text, itemIds), fc.boolean(), (s, textFirst) => {
        const textUpdate: OpBody = {
          type: 'note.update',
          payload: { id: 'target', text: s.first },
        };
        const itemUpdate: OpBody = {
          type: 'note.update',
          payload: { id: 'target', itemId: s.second },
        };
        const [a, b] = textFirst ? [textUpdate, itemUpdate] : [itemUpdate, textUpdate];
        const note = foldScenario(noteTarget, a, b, s).notes.get('target');
        expect(note).toMatchObject({ text: s.first, itemId: s.second, removed: false });
      }),
      { numRuns: 150 },
    );
  });

  it('two updates to the same field of a note: the later seq wins', () => {
    fc.assert(
      fc.property(scenario(text, text), (s) => {
        const note = foldScenario(
          noteTarget,
          { type: 'note.update', payload: { id: 'target', text: s.first } },
          { type: 'note.update', payload: { id: 'target', text: s.second } },
          s,
        ).notes.get('target');
        expect(note?.text).toBe(s.second);
        expect(note?.itemId).toBe('i1');
      }),
      { numRuns: 150 },
    );
  });

  it('two updates to different fields of the same action both survive', () => {
    fc.assert(
      fc.property(scenario(text, owners), fc.boolean(), (s, textFirst) => {
        const textUpdate: OpBody = {
          type: 'action.update',
          payload: { id: 'target', text: s.first },
        };
        const ownerUpdate: OpBody = {
          type: 'action.update',
          payload: { id: 'target', ownerIds: s.second },
        };
        const [a, b] = textFirst ? [textUpdate, ownerUpdate] : [ownerUpdate, textUpdate];
        const action = foldScenario(actionTarget, a, b, s).actions.get('target');
        expect(action).toMatchObject({
          text: s.first,
          ownerIds: s.second,
          itemId: 'i1',
          number: 1 + raisesBefore(s.before),
        });
      }),
      { numRuns: 150 },
    );
  });

  it('two updates to the same field of an action: the later seq wins (null clears)', () => {
    fc.assert(
      fc.property(scenario(fc.option(isoDate), fc.option(isoDate)), (s) => {
        const action = foldScenario(
          actionTarget,
          { type: 'action.update', payload: { id: 'target', targetDate: s.first } },
          { type: 'action.update', payload: { id: 'target', targetDate: s.second } },
          s,
        ).actions.get('target');
        expect(action?.targetDate).toBe(s.second);
        expect(action?.text).toBe('original');
      }),
      { numRuns: 150 },
    );
  });

  /** Distinct action ids raised by the noise before the target, which take the first numbers. */
  function raisesBefore(before: readonly RawOp[]): number {
    return new Set(before.filter((op) => op.type === 'action.raise').map((op) => op.payload.id))
      .size;
  }

  it('in any generated log, every note, decision and action field holds its last writer', () => {
    fc.assert(
      fc.property(
        anyLog.chain((log) => fc.tuple(fc.constant(log), shuffled(log))),
        ([log, mixed]) => {
          const state = foldOperations(MEETING_ID, mixed);
          for (const id of POOL) {
            const note = lastWriterWins(
              log,
              id,
              { add: 'note.add', update: 'note.update', end: 'note.remove' },
              ['itemId', 'text', 'speakerId'],
            );
            expect(state.notes.get(id)).toEqual(
              note && {
                id,
                ...note.values,
                author: note.created.actor,
                createdSeq: note.created.seq,
                removed: note.ended !== undefined,
              },
            );
            const decision = lastWriterWins(
              log,
              id,
              { add: 'decision.add', update: 'decision.update', end: 'decision.remove' },
              ['itemId', 'verb', 'text'],
            );
            expect(state.decisions.get(id)).toEqual(
              decision && {
                id,
                ...decision.values,
                createdSeq: decision.created.seq,
                removed: decision.ended !== undefined,
              },
            );
            const action = lastWriterWins(
              log,
              id,
              { add: 'action.raise', update: 'action.update', end: 'action.withdraw' },
              ['itemId', 'text', 'ownerIds', 'assigneeIds', 'targetDate'],
            );
            expect(state.actions.get(id)).toEqual(
              action && {
                id,
                number: raiseOrder(log).indexOf(id) + 1,
                ...action.values,
                raisedAt: action.created.clientTime,
                raisedBy: action.created.actor,
                withdrawn: action.ended !== undefined,
                withdrawnReason: action.ended
                  ? ((action.ended.payload as Payload).reason ?? null)
                  : null,
              },
            );
          }
          // Meeting fields: the last meeting.update naming each field, else the default.
          const defaults = emptyMeetingState(MEETING_ID).fields;
          for (const field of Object.keys(meetingFields) as (keyof typeof meetingFields)[]) {
            const writer = log
              .filter((op) => op.type === 'meeting.update' && op.payload[field] !== undefined)
              .at(-1);
            expect(state.fields[field]).toEqual(
              writer ? (writer.payload as Payload)[field] : defaults[field],
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Example-based edge cases of applyOperation.

describe('applyOperation edge cases', () => {
  function run(bodies: OpBody[]): MeetingState {
    const log = sequenced(
      bodies.map((op) => ({ ...op, clientTime: '2021-01-25T13:20:00Z', actor: 'local:ines' })),
    );
    const state = emptyMeetingState(MEETING_ID);
    for (const op of log) applyOperation(state, op);
    return state;
  }

  it('ignores an update after a remove, and records it in ignored', () => {
    const state = run([
      { type: 'note.add', payload: { id: 'n1', itemId: 'i1', text: 'first' } },
      { type: 'note.remove', payload: { id: 'n1' } },
      { type: 'note.update', payload: { id: 'n1', text: 'too late' } },
    ]);
    expect(state.notes.get('n1')).toMatchObject({ text: 'first', removed: true });
    expect(state.ignored).toEqual([
      { seq: 3, opId: 'op-3', reason: expect.stringContaining('n1') },
    ]);
    expect(view(state).notes).toEqual([]);
  });

  it('ignores a second remove and a re-add of a removed id (the tombstone stays)', () => {
    const state = run([
      { type: 'decision.add', payload: { id: 'd1', itemId: 'i1', verb: 'NOTED', text: 'x' } },
      { type: 'decision.remove', payload: { id: 'd1' } },
      { type: 'decision.remove', payload: { id: 'd1' } },
      { type: 'decision.add', payload: { id: 'd1', itemId: 'i2', verb: 'AGREED', text: 'y' } },
    ]);
    expect(state.decisions.get('d1')).toMatchObject({ itemId: 'i1', removed: true });
    expect(state.ignored.map((entry) => entry.seq)).toEqual([3, 4]);
  });

  it('ignores agenda.open of a removed item; removing the current item clears currentItemId', () => {
    const state = run([
      { type: 'agenda.add', payload: { id: 'i1', title: 'One', order: 1 } },
      { type: 'agenda.open', payload: { id: 'i1', at: '2021-01-25T13:21:00Z' } },
      { type: 'agenda.remove', payload: { id: 'i1' } },
      { type: 'agenda.open', payload: { id: 'i1', at: '2021-01-25T13:30:00Z' } },
      { type: 'agenda.open', payload: { id: 'never-added' } },
    ]);
    expect(state.currentItemId).toBeNull();
    expect(state.agenda.get('i1')?.openedAt).toEqual(['2021-01-25T13:21:00Z']);
    expect(state.ignored.map((entry) => [entry.seq, entry.opId])).toEqual([
      [4, 'op-4'],
      [5, 'op-5'],
    ]);
  });

  it('agenda.open without "at" records the op clientTime', () => {
    const state = run([
      { type: 'agenda.add', payload: { id: 'i1', title: 'One', order: 1 } },
      { type: 'agenda.open', payload: { id: 'i1' } },
    ]);
    expect(state.agenda.get('i1')?.openedAt).toEqual(['2021-01-25T13:20:00Z']);
    expect(state.currentItemId).toBe('i1');
  });

  it('ignores setStatus backwards from final (and skipping circulated)', () => {
    const state = run([
      { type: 'meeting.setStatus', payload: { status: 'final' } },
      { type: 'meeting.setStatus', payload: { status: 'circulated' } },
      { type: 'meeting.setStatus', payload: { status: 'draft' } },
      { type: 'meeting.setStatus', payload: { status: 'circulated' } },
      { type: 'meeting.setStatus', payload: { status: 'final' } },
      { type: 'meeting.setStatus', payload: { status: 'circulated' } },
      { type: 'meeting.setStatus', payload: { status: 'draft' } },
      { type: 'meeting.setStatus', payload: { status: 'final' } },
    ]);
    expect(state.fields.status).toBe('final');
    // op-1: draft→final skips circulated; op-3: draft→draft is allowed (no change).
    expect(state.ignored.map((entry) => entry.opId)).toEqual(['op-1', 'op-6', 'op-7']);
    expect(state.ignored[1]?.reason).toBe('status cannot change from final to circulated');
  });

  it('a withdrawn action keeps its number, refuses updates, and a new raise takes the next number', () => {
    const state = run([
      { type: 'action.raise', payload: { id: 'a1', itemId: 'i1', text: 'one', ownerIds: ['cds'] } },
      { type: 'action.raise', payload: { id: 'a2', itemId: 'i1', text: 'two', ownerIds: ['cds'] } },
      { type: 'action.withdraw', payload: { id: 'a1', reason: 'duplicate' } },
      { type: 'action.update', payload: { id: 'a1', text: 'changed' } },
      {
        type: 'action.raise',
        payload: { id: 'a1', itemId: 'i1', text: 'again', ownerIds: ['cds'] },
      },
      {
        type: 'action.raise',
        payload: { id: 'a3', itemId: 'i1', text: 'three', ownerIds: ['cds'] },
      },
    ]);
    expect(state.actions.get('a1')).toMatchObject({
      number: 1,
      text: 'one',
      withdrawn: true,
      withdrawnReason: 'duplicate',
    });
    expect(state.actions.get('a3')?.number).toBe(3);
    expect(state.ignored.map((entry) => entry.opId)).toEqual(['op-4', 'op-5']);
    expect(view(state).actions.map((action) => action.actionId)).toEqual(
      ['', '', ''].map((_, index) => ` /0${index + 1}`),
    );
  });

  it('attendance.update for someone never added creates their record', () => {
    const state = run([{ type: 'attendance.update', payload: { personId: 'p9', part: true } }]);
    expect(state.attendance.get('p9')).toEqual({
      personId: 'p9',
      status: 'present',
      alternateForMemberId: null,
      part: true,
      agendaItemIds: [],
    });
    expect(state.ignored).toEqual([]);
  });
});

describe('part attendance is a way of being present', () => {
  function run(bodies: OpBody[]): MeetingState {
    return foldOperations(
      MEETING_ID,
      sequenced(
        bodies.map((op) => ({ ...op, clientTime: '2021-01-25T13:20:00Z', actor: 'local:ines' })),
      ),
    );
  }
  const person = (state: MeetingState, personId: string) =>
    view(state)
      .attendees.flatMap((group) => group.people)
      .find((entry) => entry.personId === personId);
  const presentCount = (state: MeetingState) =>
    view(state)
      .attendees.flatMap((group) => group.people)
      .filter((entry) => entry.status === 'present').length;

  it('keeps someone not yet marked counted when the roster ticks Part, then an item', () => {
    const before = run([
      { type: 'attendance.update', payload: { personId: 'm-cole', status: 'present' } },
    ]);
    // What the roster sends: the switch, then the item's checkbox.
    const state = run([
      { type: 'attendance.update', payload: { personId: 'm-cole', status: 'present' } },
      { type: 'attendance.update', payload: { personId: 'm-marsh', part: true } },
      { type: 'attendance.update', payload: { personId: 'm-marsh', agendaItemIds: ['i4'] } },
    ]);
    expect(person(state, 'm-marsh')).toMatchObject({
      status: 'present',
      part: true,
      agendaItemIds: ['i4'],
    });
    expect(presentCount(state)).toBe(presentCount(before) + 1);
    expect(view(state).quorum).not.toEqual(view(before).quorum);
  });

  it('makes present with one op naming part and its items (an older tab sends that)', () => {
    const state = run([
      {
        type: 'attendance.update',
        payload: { personId: 'm-marsh', part: true, agendaItemIds: ['i2', 'i4'] },
      },
    ]);
    expect(state.attendance.get('m-marsh')).toMatchObject({
      status: 'present',
      part: true,
      agendaItemIds: ['i2', 'i4'],
    });
  });

  it('turns apologies into present when part attendance is ticked later', () => {
    const state = run([
      { type: 'attendance.update', payload: { personId: 'm-marsh', status: 'apologies' } },
      { type: 'attendance.update', payload: { personId: 'm-marsh', part: true } },
    ]);
    expect(state.attendance.get('m-marsh')).toMatchObject({ status: 'present', part: true });
  });

  it('ends part attendance (and its items) when a later op marks apologies or absent', () => {
    for (const status of ['apologies', 'absent'] as const) {
      const state = run([
        {
          type: 'attendance.update',
          payload: { personId: 'm-marsh', part: true, agendaItemIds: ['i4'] },
        },
        { type: 'attendance.update', payload: { personId: 'm-marsh', status } },
      ]);
      expect(state.attendance.get('m-marsh')).toMatchObject({
        status,
        part: false,
        agendaItemIds: [],
      });
    }
  });

  it('keeps the person present when part attendance is switched off', () => {
    const state = run([
      { type: 'attendance.update', payload: { personId: 'm-marsh', part: true } },
      { type: 'attendance.update', payload: { personId: 'm-marsh', part: false } },
    ]);
    expect(state.attendance.get('m-marsh')).toMatchObject({ status: 'present', part: false });
  });

  it('over any log: every part attendee is present', () => {
    fc.assert(
      fc.property(anyLog, (log) => {
        const state = foldOperations(MEETING_ID, log);
        for (const record of state.attendance.values()) {
          if (record.part) expect(record.status).toBe('present');
        }
      }),
      { numRuns: 300 },
    );
  });
});
