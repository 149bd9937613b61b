/**
 * A meeting holds its reference within its committee (compared without case) until an owner
 * archives it with the reference freed; archived meetings leave lists but keep their logs.
 */
import { DomainError } from '../../../src/domain';
import type { Store } from '../../../src/store';
import {
  COMMITTEE_ID,
  committee,
  createCommittee,
  createMeeting,
  guard,
  note,
  op,
  readAll,
  referenceOp,
  SERVER_TIME,
  TENANT,
  type OpenStore,
} from './fixtures';

const ARCHIVED_AT = '2021-03-01T10:00:00.000Z';

export function referenceAndArchiveContract(open: OpenStore): void {
  let store: Store;

  beforeEach(async () => {
    store = await open();
    await createCommittee(store);
    await createCommittee(store, committee(TENANT, 'c-other', { code: 'TAG' }));
  });

  afterEach(async () => {
    await store.close();
  });

  const withReference = (id: string, reference: string, committeeId = COMMITTEE_ID) =>
    createMeeting(store, id, TENANT, {
      committeeId,
      firstOps: [referenceOp(`create-${id}`, reference, id)],
    });

  it('refuses a second meeting with a reference the committee already holds, writing nothing', async () => {
    await withReference('m-1', 'OPSG_41_2501');
    const attempt = withReference('m-2', 'opsg_41_2501');
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({
      code: 'duplicate_reference',
      message:
        'Meeting opsg_41_2501 already exists in this committee; open it, or give this meeting another number or date.',
    });
    expect(await store.getMeeting(TENANT, 'm-2')).toBeNull();
    expect(await readAll(store, 'm-2')).toEqual([]);
    // Another committee may have its own meeting with that reference.
    await withReference('m-3', 'OPSG_41_2501', 'c-other');
  });

  it('refuses an append that would take a held reference, and lets a meeting renumber freely', async () => {
    await withReference('m-1', 'OPSG_41_2501');
    await withReference('m-2', 'OPSG_42_2502');
    const before = await store.getMeeting(TENANT, 'm-2');
    await expect(
      store.appendOperations(
        TENANT,
        'm-2',
        [
          note('n-1', 'm-2'),
          op('renumber', 'meeting.update', { reference: 'OPSG_41_2501' }, 'm-2'),
        ],
        guard,
        SERVER_TIME,
      ),
    ).rejects.toMatchObject({ code: 'duplicate_reference' });
    expect(await store.getMeeting(TENANT, 'm-2')).toEqual(before);
    expect(await readAll(store, 'm-2')).toHaveLength(1);

    // m-1 moves to 43: 41 is free for m-2.
    await store.appendOperations(
      TENANT,
      'm-1',
      [op('move', 'meeting.update', { reference: 'OPSG_43_2503' }, 'm-1')],
      guard,
      SERVER_TIME,
    );
    await store.appendOperations(
      TENANT,
      'm-2',
      [op('renumber', 'meeting.update', { reference: 'OPSG_41_2501' }, 'm-2')],
      guard,
      SERVER_TIME,
    );
    expect((await store.getMeeting(TENANT, 'm-2'))?.summary.reference).toBe('OPSG_41_2501');
    // Appends that leave the reference as it is are never refused for it.
    await store.appendOperations(TENANT, 'm-2', [note('n-2', 'm-2')], guard, SERVER_TIME);
  });

  it('archives a meeting: it leaves lists, keeps its log, and keeps its first archivedAt', async () => {
    await withReference('m-1', 'OPSG_41_2501');
    await withReference('m-2', 'OPSG_42_2502');
    await store.appendOperations(TENANT, 'm-1', [note('n-1', 'm-1')], guard, SERVER_TIME);
    const archived = await store.archiveMeeting(TENANT, 'm-1', ARCHIVED_AT, {
      freeReference: false,
    });
    expect(archived).toMatchObject({ id: 'm-1', archivedAt: ARCHIVED_AT, lastSeq: 2 });
    expect((await store.listMeetings(TENANT)).map((meeting) => meeting.id)).toEqual(['m-2']);
    expect(
      (await store.listMeetings(TENANT, { committeeId: COMMITTEE_ID, includeArchived: true })).map(
        (meeting) => [meeting.id, meeting.archivedAt],
      ),
    ).toEqual([
      ['m-1', ARCHIVED_AT],
      ['m-2', null],
    ]);
    expect(await store.getMeeting(TENANT, 'm-1')).toEqual(archived);
    expect(await readAll(store, 'm-1')).toHaveLength(2);
    const again = await store.archiveMeeting(TENANT, 'm-1', '2021-04-01T10:00:00.000Z', {
      freeReference: false,
    });
    expect(again.archivedAt).toBe(ARCHIVED_AT);
    await expect(
      store.archiveMeeting(TENANT, 'm-none', ARCHIVED_AT, { freeReference: true }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('frees an archived meeting’s reference only when asked', async () => {
    await withReference('m-1', 'OPSG_41_2501');
    await store.archiveMeeting(TENANT, 'm-1', ARCHIVED_AT, { freeReference: false });
    await expect(withReference('m-2', 'OPSG_41_2501')).rejects.toMatchObject({
      code: 'duplicate_reference',
    });
    await store.archiveMeeting(TENANT, 'm-1', ARCHIVED_AT, { freeReference: true });
    await withReference('m-2', 'OPSG_41_2501');
    // The archived meeting does not take a reference back when it changes afterwards.
    await store.appendOperations(
      TENANT,
      'm-1',
      [op('renumber', 'meeting.update', { reference: 'OPSG_44_2504' }, 'm-1')],
      guard,
      SERVER_TIME,
    );
    await withReference('m-3', 'OPSG_44_2504');
  });
}
