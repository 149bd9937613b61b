/**
 * The meeting log's contract: seq 1..n per meeting in order of arrival, idempotent on op id,
 * all or nothing with the guard, tenants and meetings apart, paging.
 */
import { DomainError } from '../../../src/domain';
import type { Store } from '../../../src/store';
import {
  ACTOR,
  COMMITTEE_ID,
  createCommittee,
  createMeeting,
  guard,
  MEETING_ID,
  note,
  op,
  OTHER_TENANT,
  readAll,
  SERVER_TIME,
  settings,
  TENANT,
  committee,
  type OpenStore,
} from './fixtures';

export function meetingLogContract(open: OpenStore): void {
  let store: Store;

  beforeEach(async () => {
    store = await open();
    await createCommittee(store);
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
    expect(stored.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(stored.map((entry) => entry.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(stored[0]).toEqual({ ...note('a'), seq: 1, serverTime: SERVER_TIME });
    expect((await store.getMeeting(TENANT, MEETING_ID))?.lastSeq).toBe(5);
  });

  it('keeps seq gapless and each op once when appends to one meeting race', async () => {
    await createMeeting(store);
    const batches = Array.from({ length: 12 }, (_, batch) =>
      Array.from({ length: 3 }, (_, index) => note(`race-${batch}-${index}`)),
    );
    // Every batch is sent twice at once, as a client's retry racing its first attempt.
    const outcomes = await Promise.all(
      [...batches, ...batches].map((ops) =>
        store.appendOperations(TENANT, MEETING_ID, ops, guard, SERVER_TIME),
      ),
    );
    const stored = await readAll(store);
    expect(stored.map((entry) => entry.seq)).toEqual(
      Array.from({ length: 36 }, (_, index) => index + 1),
    );
    expect(new Set(stored.map((entry) => entry.id)).size).toBe(36);
    const seqOf = new Map(stored.map((entry) => [entry.id, entry.seq]));
    for (const outcome of outcomes) {
      for (const result of outcome.results) expect(result.seq).toBe(seqOf.get(result.id));
    }
    expect(outcomes.flatMap((outcome) => outcome.appended)).toHaveLength(36);
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
    expect(meeting).toMatchObject({
      lastSeq: 1,
      committeeId: COMMITTEE_ID,
      createdBy: ACTOR,
      archivedAt: null,
    });
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
        guardCalls.push(fresh.map((entry) => entry.id));
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

    // The same committee id (and code) in another tenant is another committee.
    await createCommittee(store, { ...committee(OTHER_TENANT), name: 'Theirs' });
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

  it('hands out copies: changing what it returned changes nothing stored', async () => {
    await createMeeting(store);
    await store.appendOperations(TENANT, MEETING_ID, [note('a')], guard, SERVER_TIME);
    const [read] = await readAll(store);
    if (read?.type !== 'note.add') throw new Error('expected the note');
    read.payload.text = 'changed by a caller';
    const meeting = await store.getMeeting(TENANT, MEETING_ID);
    if (!meeting) throw new Error('no meeting');
    meeting.summary.title = 'changed by a caller';
    const got = await store.getCommittee(TENANT, COMMITTEE_ID);
    if (!got) throw new Error('no committee');
    got.name = 'changed by a caller';

    expect((await readAll(store))[0]).toEqual({ ...note('a'), seq: 1, serverTime: SERVER_TIME });
    expect((await store.getMeeting(TENANT, MEETING_ID))?.summary.title).toBe('');
    expect((await store.getCommittee(TENANT, COMMITTEE_ID))?.name).toBe(settings.name);
  });

  it('refuses every call once closed', async () => {
    await store.close();
    // (Matched by shape: an engine's own errors may come from another realm than jest's Error.)
    const refused = { message: expect.stringMatching(/open/) };
    await expect(store.getMeeting(TENANT, MEETING_ID)).rejects.toMatchObject(refused);
    await expect(
      store.appendOperations(TENANT, MEETING_ID, [note('a')], guard, SERVER_TIME),
    ).rejects.toMatchObject(refused);
  });
}
