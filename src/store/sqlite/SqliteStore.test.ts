/**
 * The SQLite store against real databases (a temporary directory and ':memory:'): seq
 * allocation, idempotence on op id under any delivery, all-or-nothing appends, tenant scoping,
 * paging, reopening, and the durability pragmas.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { demoCommitteeSettings } from '../../demo/demoCommittee';
import {
  advanceSummary,
  committeeSettingsSchema,
  DomainError,
  foldOperations,
  meetingView,
  parseOperation,
  type Committee,
  type NewOperation,
  type StoredOperation,
} from '../../domain';
import type { AppendGuard, AppendResult, MeetingRecord } from '../Store';
import { DATABASE_FILE, SqliteStore } from './SqliteStore';

const TENANT = 'tenant-a';
const OTHER_TENANT = 'tenant-b';
const COMMITTEE_ID = 'c-opsg';
const MEETING_ID = 'meeting-1';
const SERVER_TIME = '2021-01-25T16:00:00.000Z';
const ACTOR = 'local:ines';

const settings = committeeSettingsSchema.parse(demoCommitteeSettings);
const committee = (tenantId = TENANT, id = COMMITTEE_ID): Committee => ({
  ...settings,
  id,
  tenantId,
  version: 1,
  createdAt: SERVER_TIME,
  updatedAt: SERVER_TIME,
});

/** The guard the server uses for summaries, without the rules (those are MeetingService's). */
const guard: AppendGuard = (meeting, fresh) => advanceSummary(meeting.summary, fresh);

/** Parses an op as the API does, so the store only ever sees valid ops. */
function op(id: string, type: string, payload: unknown, meetingId = MEETING_ID): NewOperation {
  const result = parseOperation(
    { id, meetingId, clientTime: '2021-01-25T13:20:00Z', type, payload },
    meetingId,
    ACTOR,
  );
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

const note = (id: string, meetingId = MEETING_ID) =>
  op(id, 'note.add', { id: `n-${id}`, itemId: 'i1', text: `note ${id}` }, meetingId);

async function createMeeting(
  store: SqliteStore,
  id = MEETING_ID,
  tenantId = TENANT,
): Promise<MeetingRecord> {
  await store.createMeeting(
    {
      id,
      tenantId,
      committeeId: COMMITTEE_ID,
      createdAt: SERVER_TIME,
      createdBy: ACTOR,
    },
    [],
    guard,
    SERVER_TIME,
  );
  const meeting = await store.getMeeting(tenantId, id);
  if (!meeting) throw new Error('meeting not created');
  return meeting;
}

async function readAll(store: SqliteStore, meetingId = MEETING_ID): Promise<StoredOperation[]> {
  return store.readOperations(TENANT, meetingId, 0, 1_000_000);
}

const temporaryDirectories: string[] = [];
function temporaryDirectory(): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'minutebook-store-test-'));
  temporaryDirectories.push(directory);
  return directory;
}

afterAll(() => {
  for (const directory of temporaryDirectories) {
    fs.rmSync(directory, { recursive: true, force: true });
  }
});

describe.each([
  ['a temporary directory', () => temporaryDirectory()],
  ['memory', () => ':memory:'],
])('SqliteStore in %s', (_name, location) => {
  let store: SqliteStore;

  beforeEach(async () => {
    store = new SqliteStore(location());
    await store.createCommittee(committee());
  });

  afterEach(async () => {
    await store.close();
  });

  it('assigns seq 1..n in order of arrival, across batches', async () => {
    await createMeeting(store);
    const first = await store.appendOperations(
      TENANT,
      MEETING_ID,
      [note('a'), note('b'), note('c')],
      guard,
      SERVER_TIME,
    );
    const second = await store.appendOperations(
      TENANT,
      MEETING_ID,
      [note('d'), note('e')],
      guard,
      SERVER_TIME,
    );
    expect(first.results).toEqual([
      { id: 'a', seq: 1, duplicate: false },
      { id: 'b', seq: 2, duplicate: false },
      { id: 'c', seq: 3, duplicate: false },
    ]);
    expect(second.appended.map((stored) => [stored.id, stored.seq])).toEqual([
      ['d', 4],
      ['e', 5],
    ]);
    const stored = await readAll(store);
    expect(stored.map((stored) => stored.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(stored.map((stored) => stored.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(stored[0]).toEqual({ ...note('a'), seq: 1, serverTime: SERVER_TIME });
    expect((await store.getMeeting(TENANT, MEETING_ID))?.lastSeq).toBe(5);
  });

  it('creates a meeting with its first ops in one transaction', async () => {
    const outcome = await store.createMeeting(
      {
        id: MEETING_ID,
        tenantId: TENANT,
        committeeId: COMMITTEE_ID,
        createdAt: SERVER_TIME,
        createdBy: ACTOR,
      },
      [op('create', 'meeting.update', { number: '41', title: 'Meeting 41', date: '2021-01-25' })],
      guard,
      SERVER_TIME,
    );
    expect(outcome.results).toEqual([{ id: 'create', seq: 1, duplicate: false }]);
    const meeting = await store.getMeeting(TENANT, MEETING_ID);
    expect(meeting).toMatchObject({ lastSeq: 1, committeeId: COMMITTEE_ID, createdBy: ACTOR });
    expect(meeting?.summary).toMatchObject({
      number: '41',
      title: 'Meeting 41',
      date: '2021-01-25',
    });
  });

  it('returns the original seq with duplicate: true for a re-sent op, and writes nothing', async () => {
    await createMeeting(store);
    await store.appendOperations(TENANT, MEETING_ID, [note('a'), note('b')], guard, SERVER_TIME);
    const guardCalls: string[][] = [];
    const again = await store.appendOperations(
      TENANT,
      MEETING_ID,
      [note('b'), note('c'), note('c'), note('a')],
      (meeting, fresh) => {
        guardCalls.push(fresh.map((fresh) => fresh.id));
        return guard(meeting, fresh);
      },
      SERVER_TIME,
    );
    expect(again.results).toEqual([
      { id: 'b', seq: 2, duplicate: true },
      { id: 'c', seq: 3, duplicate: false },
      { id: 'c', seq: 3, duplicate: true },
      { id: 'a', seq: 1, duplicate: true },
    ]);
    expect(again.appended.map((stored) => stored.id)).toEqual(['c']);
    // The guard sees only the ops that are new, once each.
    expect(guardCalls).toEqual([['c']]);
    const allDuplicates = await store.appendOperations(
      TENANT,
      MEETING_ID,
      [note('a')],
      () => {
        throw new Error('the guard must not run when nothing is new');
      },
      SERVER_TIME,
    );
    expect(allDuplicates).toEqual({
      results: [{ id: 'a', seq: 1, duplicate: true }],
      appended: [],
    });
    expect((await readAll(store)).map((stored) => stored.id)).toEqual(['a', 'b', 'c']);
  });

  it('scopes op ids to their meeting: the same id in another meeting is another op', async () => {
    await createMeeting(store, 'meeting-a');
    await createMeeting(store, 'meeting-b');
    await store.appendOperations(
      TENANT,
      'meeting-a',
      [note('shared', 'meeting-a')],
      guard,
      SERVER_TIME,
    );

    const outcome = await store.appendOperations(
      TENANT,
      'meeting-b',
      [note('b1', 'meeting-b'), note('shared', 'meeting-b')],
      guard,
      SERVER_TIME,
    );

    expect(outcome.results).toEqual([
      { id: 'b1', seq: 1, duplicate: false },
      { id: 'shared', seq: 2, duplicate: false },
    ]);
    expect((await readAll(store, 'meeting-a')).map((stored) => stored.id)).toEqual(['shared']);
    expect((await readAll(store, 'meeting-b')).map((stored) => stored.id)).toEqual([
      'b1',
      'shared',
    ]);
  });

  it('keeps tenants apart even when they choose the same meeting and op ids', async () => {
    await createMeeting(store, 'same-id');
    await store.createMeeting(
      {
        id: 'same-id',
        tenantId: 'other-tenant',
        committeeId: 'c',
        createdAt: SERVER_TIME,
        createdBy: 'someone',
      },
      [],
      guard,
      SERVER_TIME,
    );
    await store.appendOperations(TENANT, 'same-id', [note('op-1', 'same-id')], guard, SERVER_TIME);
    const other = await store.appendOperations(
      'other-tenant',
      'same-id',
      [note('op-1', 'same-id')],
      guard,
      SERVER_TIME,
    );

    expect(other.results).toEqual([{ id: 'op-1', seq: 1, duplicate: false }]);
    expect(await store.readOperations('other-tenant', 'same-id', 0, 10)).toHaveLength(1);
    expect((await store.getMeeting(TENANT, 'same-id'))?.lastSeq).toBe(1);
  });

  it('writes nothing when the guard throws: all or nothing, lastSeq and summary unchanged', async () => {
    await createMeeting(store);
    await store.appendOperations(TENANT, MEETING_ID, [note('a')], guard, SERVER_TIME);
    const before = await store.getMeeting(TENANT, MEETING_ID);
    const refusal = new DomainError('meeting_final', 'final');
    await expect(
      store.appendOperations(
        TENANT,
        MEETING_ID,
        [note('b'), op('title', 'meeting.update', { title: 'Changed' }), note('c')],
        () => {
          throw refusal;
        },
        SERVER_TIME,
      ),
    ).rejects.toBe(refusal);
    expect(await store.getMeeting(TENANT, MEETING_ID)).toEqual(before);
    expect(before?.lastSeq).toBe(1);
    expect((await readAll(store)).map((stored) => stored.id)).toEqual(['a']);
    // The refused ids were not taken: the same ops go in later, as new.
    const retry = await store.appendOperations(
      TENANT,
      MEETING_ID,
      [note('b'), note('c')],
      guard,
      SERVER_TIME,
    );
    expect(retry.results.map((result) => [result.id, result.seq, result.duplicate])).toEqual([
      ['b', 2, false],
      ['c', 3, false],
    ]);
  });

  it('writes no meeting when the guard refuses its creation', async () => {
    await expect(
      store.createMeeting(
        {
          id: MEETING_ID,
          tenantId: TENANT,
          committeeId: COMMITTEE_ID,
          createdAt: SERVER_TIME,
          createdBy: ACTOR,
        },
        [note('a')],
        () => {
          throw new DomainError('validation_failed', 'no');
        },
        SERVER_TIME,
      ),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await store.getMeeting(TENANT, MEETING_ID)).toBeNull();
    expect(await readAll(store)).toEqual([]);
  });

  it('scopes meetings and committees by tenant', async () => {
    await createMeeting(store);
    await store.appendOperations(TENANT, MEETING_ID, [note('a')], guard, SERVER_TIME);
    expect(await store.getMeeting(OTHER_TENANT, MEETING_ID)).toBeNull();
    expect(await store.listMeetings(OTHER_TENANT)).toEqual([]);
    expect(await store.getCommittee(OTHER_TENANT, COMMITTEE_ID)).toBeNull();
    expect(await store.listCommittees(OTHER_TENANT)).toEqual([]);
    await expect(
      store.appendOperations(OTHER_TENANT, MEETING_ID, [note('b')], guard, SERVER_TIME),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect((await readAll(store)).map((stored) => stored.id)).toEqual(['a']);
    expect((await store.listMeetings(TENANT)).map((meeting) => meeting.id)).toEqual([MEETING_ID]);
    expect(await store.getCommittee(TENANT, COMMITTEE_ID)).toEqual(committee());

    // The same committee id in another tenant is another committee.
    await store.createCommittee({ ...committee(OTHER_TENANT), name: 'Theirs' });
    expect((await store.getCommittee(OTHER_TENANT, COMMITTEE_ID))?.name).toBe('Theirs');
    expect((await store.getCommittee(TENANT, COMMITTEE_ID))?.name).toBe(settings.name);
  });

  it('refuses a meeting id the tenant already uses, as a domain error, writing nothing', async () => {
    await createMeeting(store);
    await store.appendOperations(TENANT, MEETING_ID, [note('a')], guard, SERVER_TIME);
    const attempt = createMeeting(store, MEETING_ID, TENANT);
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ code: 'already_exists' });
    expect((await store.getMeeting(TENANT, MEETING_ID))?.lastSeq).toBe(1);
    expect((await readAll(store)).map((stored) => stored.id)).toEqual(['a']);
  });

  it('pages readOperations with afterSeq and limit', async () => {
    await createMeeting(store);
    const ids = Array.from({ length: 23 }, (_, index) => `op-${index + 1}`);
    await store.appendOperations(
      TENANT,
      MEETING_ID,
      ids.slice(0, 10).map((id) => note(id)),
      guard,
      SERVER_TIME,
    );
    await store.appendOperations(
      TENANT,
      MEETING_ID,
      ids.slice(10).map((id) => note(id)),
      guard,
      SERVER_TIME,
    );

    const pages: number[][] = [];
    let after = 0;
    for (;;) {
      const page = await store.readOperations(TENANT, MEETING_ID, after, 5);
      if (page.length === 0) break;
      pages.push(page.map((stored) => stored.seq));
      after = page.at(-1)?.seq ?? after;
    }
    expect(pages).toEqual([
      [1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10],
      [11, 12, 13, 14, 15],
      [16, 17, 18, 19, 20],
      [21, 22, 23],
    ]);
    expect(
      (await store.readOperations(TENANT, MEETING_ID, 20, 100)).map((stored) => stored.id),
    ).toEqual(['op-21', 'op-22', 'op-23']);
    expect(await store.readOperations(TENANT, MEETING_ID, 23, 100)).toEqual([]);
    expect(await store.readOperations(TENANT, 'no-such-meeting', 0, 100)).toEqual([]);
  });
});

describe('SqliteStore on disk', () => {
  it('keeps everything across close and reopen of the same directory', async () => {
    const directory = temporaryDirectory();
    const first = new SqliteStore(directory);
    await first.createCommittee(committee());
    await createMeeting(first);
    await first.appendOperations(
      TENANT,
      MEETING_ID,
      [op('create', 'meeting.update', { number: '41', title: 'Meeting 41' }), note('a'), note('b')],
      guard,
      SERVER_TIME,
    );
    const meetingBefore = await first.getMeeting(TENANT, MEETING_ID);
    const opsBefore = await readAll(first);
    await first.close();

    const second = new SqliteStore(directory);
    try {
      expect(await second.getCommittee(TENANT, COMMITTEE_ID)).toEqual(committee());
      expect(await second.getMeeting(TENANT, MEETING_ID)).toEqual(meetingBefore);
      expect(meetingBefore).toMatchObject({
        lastSeq: 3,
        summary: { number: '41', title: 'Meeting 41' },
      });
      expect(await readAll(second)).toEqual(opsBefore);
      const again = await second.appendOperations(
        TENANT,
        MEETING_ID,
        [note('a'), note('c')],
        guard,
        SERVER_TIME,
      );
      expect(again.results).toEqual([
        { id: 'a', seq: 2, duplicate: true },
        { id: 'c', seq: 4, duplicate: false },
      ]);
    } finally {
      await second.close();
    }
  });

  it('uses WAL and synchronous=FULL', async () => {
    const directory = temporaryDirectory();
    const store = new SqliteStore(directory);
    const reader = new Database(path.join(directory, DATABASE_FILE), { readonly: true });
    try {
      await store.createCommittee(committee());
      await createMeeting(store);
      await store.appendOperations(TENANT, MEETING_ID, [note('a')], guard, SERVER_TIME);
      // journal_mode=WAL is a property of the database file: a second connection sees it.
      expect(reader.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(fs.existsSync(path.join(directory, `${DATABASE_FILE}-wal`))).toBe(true);
      expect(reader.prepare('SELECT id FROM ops').all()).toEqual([{ id: 'a' }]);
      // synchronous is a property of each connection, so it is read from the store's own.
      const own = (store as unknown as { db: Database.Database }).db;
      expect(own.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
    } finally {
      reader.close();
      await store.close();
    }
  });
});

describe('appendOperations is idempotent on op id under any delivery', () => {
  const entityIds = fc.constantFrom('x1', 'x2');
  /** The bodies of the distinct ops; their order in the log decides the fold. */
  const bodies = fc.array(
    fc.oneof(
      entityIds.map((id) => ({
        type: 'note.add',
        payload: { id, itemId: 'i1', text: `add ${id}` },
      })),
      fc
        .tuple(entityIds, fc.constantFrom('one', 'two', 'three'))
        .map(([id, text]) => ({ type: 'note.update', payload: { id, text } })),
      entityIds.map((id) => ({ type: 'note.remove', payload: { id } })),
      entityIds.map((id) => ({
        type: 'action.raise',
        payload: { id, itemId: 'i1', text: `raise ${id}`, ownerIds: ['cds'] },
      })),
      fc
        .tuple(entityIds, fc.constantFrom('one', 'two'))
        .map(([id, text]) => ({ type: 'action.update', payload: { id, text } })),
      entityIds.map((id) => ({ type: 'action.withdraw', payload: { id } })),
    ),
    { minLength: 1, maxLength: 20 },
  );

  /**
   * A delivery: every op sent 1-3 times, in a random order, cut into batches of 1-6 (which may
   * hold the same op twice); some batches are retried, split differently.
   */
  const delivery = bodies.chain((distinct) =>
    fc
      .tuple(
        fc.constant(distinct),
        fc.array(fc.integer({ min: 1, max: 3 }), {
          minLength: distinct.length,
          maxLength: distinct.length,
        }),
      )
      .chain(([distinct, copies]) => {
        const sends = copies.flatMap((count, index) => Array.from({ length: count }, () => index));
        return fc.record({
          distinct: fc.constant(distinct),
          order: fc.shuffledSubarray(sends, { minLength: sends.length, maxLength: sends.length }),
          batchSizes: fc.array(fc.integer({ min: 1, max: 6 }), {
            minLength: sends.length,
            maxLength: sends.length,
          }),
          retries: fc.array(fc.option(fc.integer({ min: 0, max: 6 })), {
            minLength: sends.length,
            maxLength: sends.length,
          }),
        });
      }),
  );

  it('stores each op once; re-deliveries get the first seq; the log folds as first arrival', async () => {
    await fc.assert(
      fc.asyncProperty(delivery, async ({ distinct, order, batchSizes, retries }) => {
        const store = new SqliteStore(':memory:');
        try {
          await createMeeting(store);
          const ops = distinct.map((body, index) => op(`op-${index}`, body.type, body.payload));
          const requests: NewOperation[][] = [];
          let start = 0;
          for (let batch = 0; start < order.length; batch += 1) {
            const size = batchSizes[batch] ?? 1;
            const sent = order
              .slice(start, start + size)
              .map((index) => ops[index] as NewOperation);
            start += size;
            requests.push(sent);
            const retry = retries[batch];
            // A retried batch: the client resends it, split at a random point.
            if (retry !== null && retry !== undefined) {
              const cut = Math.min(retry, sent.length);
              requests.push(
                ...[sent.slice(0, cut), sent.slice(cut)].filter((part) => part.length > 0),
              );
            }
          }

          const firstSeq = new Map<string, number>();
          const firstArrival: NewOperation[] = [];
          for (const request of requests) {
            const outcome = await store.appendOperations(
              TENANT,
              MEETING_ID,
              request,
              guard,
              SERVER_TIME,
            );
            expect(outcome.results.map((result) => result.id)).toEqual(
              request.map((sent) => sent.id),
            );
            outcome.results.forEach((result: AppendResult, index) => {
              const known = firstSeq.get(result.id);
              if (known === undefined) {
                expect(result.duplicate).toBe(false);
                firstSeq.set(result.id, result.seq);
                firstArrival.push(request[index] as NewOperation);
                expect(result.seq).toBe(firstArrival.length);
              } else {
                expect(result).toEqual({ id: result.id, seq: known, duplicate: true });
              }
            });
            // What was written is exactly the new ops of this request, in seq order.
            expect(outcome.appended.map((stored) => [stored.id, stored.seq])).toEqual(
              outcome.results
                .filter((result) => !result.duplicate)
                .map((result) => [result.id, result.seq]),
            );
          }

          const stored = await readAll(store);
          expect(stored.map((stored) => stored.id)).toEqual(firstArrival.map((sent) => sent.id));
          expect(new Set(stored.map((stored) => stored.id)).size).toBe(ops.length);
          expect(stored.map((stored) => stored.seq)).toEqual(ops.map((_, index) => index + 1));
          for (const entry of stored) expect(entry.seq).toBe(firstSeq.get(entry.id));
          expect((await store.getMeeting(TENANT, MEETING_ID))?.lastSeq).toBe(ops.length);

          const expected = foldOperations(
            MEETING_ID,
            firstArrival.map((sent, index) => ({
              ...sent,
              seq: index + 1,
              serverTime: SERVER_TIME,
            })),
          );
          const actual = foldOperations(MEETING_ID, stored);
          expect(actual).toEqual(expected);
          expect(meetingView(actual, settings)).toEqual(meetingView(expected, settings));
        } finally {
          await store.close();
        }
      }),
      { numRuns: 150 },
    );
  });
});
