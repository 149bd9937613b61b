/**
 * Committees and grants: versioned replace, codes unique in a tenant (without case), the first
 * owner created with the committee, grant changes all or nothing with their history, and never a
 * committee left without an owner.
 */
import { DomainError } from '../../../src/domain';
import type { Store } from '../../../src/store';
import {
  ACTOR,
  COMMITTEE_ID,
  committee,
  createCommittee,
  grant,
  OTHER_TENANT,
  SERVER_TIME,
  TENANT,
  type OpenStore,
} from './fixtures';

const LATER = '2021-02-01T09:00:00.000Z';

export function committeeContract(open: OpenStore): void {
  let store: Store;

  beforeEach(async () => {
    store = await open();
  });

  afterEach(async () => {
    await store.close();
  });

  describe('committees', () => {
    it('creates a committee with its first owner, and records that grant', async () => {
      await store.createCommittee(committee(), grant(ACTOR));
      expect(await store.getCommittee(TENANT, COMMITTEE_ID)).toEqual(committee());
      expect(await store.listGrants(TENANT, COMMITTEE_ID)).toEqual([grant(ACTOR)]);
      expect(await store.getGrant(TENANT, COMMITTEE_ID, ACTOR)).toEqual(grant(ACTOR));
      expect(await store.listGrantChanges(TENANT, COMMITTEE_ID)).toEqual([
        {
          tenantId: TENANT,
          committeeId: COMMITTEE_ID,
          seq: 1,
          userId: ACTOR,
          displayName: grant(ACTOR).displayName,
          from: null,
          to: 'owner',
          by: ACTOR,
          at: SERVER_TIME,
        },
      ]);
    });

    it('lists a tenant’s committees by id', async () => {
      await createCommittee(store, committee(TENANT, 'c-b', { code: 'BBB' }));
      await createCommittee(store, committee(TENANT, 'c-a', { code: 'AAA' }));
      await createCommittee(store, committee(OTHER_TENANT, 'c-0', { code: 'AAA' }));
      expect((await store.listCommittees(TENANT)).map((entry) => entry.id)).toEqual(['c-a', 'c-b']);
    });

    it('refuses a taken committee id with already_exists, writing nothing', async () => {
      await createCommittee(store);
      const attempt = store.createCommittee(
        committee(TENANT, COMMITTEE_ID, { name: 'Another', code: 'OTHER' }),
        grant('local:mallory'),
      );
      await expect(attempt).rejects.toBeInstanceOf(DomainError);
      await expect(attempt).rejects.toMatchObject({ code: 'already_exists' });
      expect((await store.getCommittee(TENANT, COMMITTEE_ID))?.name).toBe(committee().name);
      expect(await store.getGrant(TENANT, COMMITTEE_ID, 'local:mallory')).toBeNull();
    });

    it('refuses a second committee with the same code in a tenant, whatever its case', async () => {
      await createCommittee(store, committee(TENANT, 'c-1', { code: 'OPSG' }));
      const attempt = store.createCommittee(
        committee(TENANT, 'c-2', { code: 'opsg', name: 'Copy' }),
        grant('local:mallory', 'owner', 'c-2'),
      );
      await expect(attempt).rejects.toBeInstanceOf(DomainError);
      await expect(attempt).rejects.toMatchObject({
        code: 'duplicate_code',
        message: expect.stringMatching(/"opsg".*choose another code/),
      });
      expect(await store.getCommittee(TENANT, 'c-2')).toBeNull();
      expect(await store.listGrantsOfUser(TENANT, 'local:mallory')).toEqual([]);
      // Another tenant may use it.
      await createCommittee(store, committee(OTHER_TENANT, 'c-2', { code: 'OPSG' }));
    });

    it('replaces a committee only at the expected version', async () => {
      await createCommittee(store);
      const next = committee(TENANT, COMMITTEE_ID, {
        version: 2,
        name: 'Renamed',
        updatedAt: LATER,
      });
      expect(await store.replaceCommittee(next, 1)).toBe(true);
      expect(await store.replaceCommittee({ ...next, version: 3, name: 'Stale' }, 1)).toBe(false);
      expect(await store.getCommittee(TENANT, COMMITTEE_ID)).toEqual(next);
      expect(await store.replaceCommittee(committee(TENANT, 'c-none'), 1)).toBe(false);
    });

    it('refuses a replace that takes another committee’s code, and allows keeping one’s own', async () => {
      await createCommittee(store, committee(TENANT, 'c-1', { code: 'OPSG' }));
      await createCommittee(store, committee(TENANT, 'c-2', { code: 'TAG' }));
      await expect(
        store.replaceCommittee(committee(TENANT, 'c-2', { code: 'Opsg', version: 2 }), 1),
      ).rejects.toMatchObject({ code: 'duplicate_code' });
      expect((await store.getCommittee(TENANT, 'c-2'))?.code).toBe('TAG');
      expect(
        await store.replaceCommittee(committee(TENANT, 'c-1', { code: 'opsg', version: 2 }), 1),
      ).toBe(true);
      // The code c-2 gave up is free for another.
      expect(
        await store.replaceCommittee(committee(TENANT, 'c-2', { code: 'NEW', version: 2 }), 1),
      ).toBe(true);
      await createCommittee(store, committee(TENANT, 'c-3', { code: 'TAG' }));
    });
  });

  describe('grants', () => {
    beforeEach(async () => {
      await createCommittee(store);
    });

    it('applies changes and records one history entry per real change', async () => {
      const written = await store.changeGrants(
        TENANT,
        COMMITTEE_ID,
        [
          { userId: 'local:jonah', displayName: 'Jonah', role: 'noteTaker' },
          { userId: 'local:fiona', displayName: 'Fiona', role: 'member' },
          // The role already held: nothing written.
          { userId: ACTOR, displayName: 'Ines', role: 'owner' },
        ],
        ACTOR,
        LATER,
      );
      expect(written).toEqual([
        {
          tenantId: TENANT,
          committeeId: COMMITTEE_ID,
          seq: 2,
          userId: 'local:jonah',
          displayName: 'Jonah',
          from: null,
          to: 'noteTaker',
          by: ACTOR,
          at: LATER,
        },
        {
          tenantId: TENANT,
          committeeId: COMMITTEE_ID,
          seq: 3,
          userId: 'local:fiona',
          displayName: 'Fiona',
          from: null,
          to: 'member',
          by: ACTOR,
          at: LATER,
        },
      ]);
      expect(await store.getGrant(TENANT, COMMITTEE_ID, 'local:jonah')).toEqual({
        tenantId: TENANT,
        committeeId: COMMITTEE_ID,
        userId: 'local:jonah',
        role: 'noteTaker',
        displayName: 'Jonah',
        grantedBy: ACTOR,
        grantedAt: LATER,
      });
      expect((await store.listGrants(TENANT, COMMITTEE_ID)).map((entry) => entry.userId)).toEqual([
        ACTOR,
        'local:fiona',
        'local:jonah',
      ]);

      const next = await store.changeGrants(
        TENANT,
        COMMITTEE_ID,
        [
          { userId: 'local:jonah', displayName: 'Jonah', role: 'owner' },
          { userId: 'local:fiona', displayName: 'Fiona', role: null },
        ],
        'local:jonah',
        '2021-02-02T09:00:00.000Z',
      );
      expect(next.map((entry) => [entry.seq, entry.userId, entry.from, entry.to])).toEqual([
        [4, 'local:jonah', 'noteTaker', 'owner'],
        [5, 'local:fiona', 'member', null],
      ]);
      expect(await store.getGrant(TENANT, COMMITTEE_ID, 'local:fiona')).toBeNull();
      expect(
        (await store.listGrantChanges(TENANT, COMMITTEE_ID)).map((entry) => [
          entry.seq,
          entry.userId,
          entry.to,
        ]),
      ).toEqual([
        [1, ACTOR, 'owner'],
        [2, 'local:jonah', 'noteTaker'],
        [3, 'local:fiona', 'member'],
        [4, 'local:jonah', 'owner'],
        [5, 'local:fiona', null],
      ]);
    });

    it('refuses, all or nothing, a change that leaves the committee without an owner', async () => {
      await store.changeGrants(
        TENANT,
        COMMITTEE_ID,
        [{ userId: 'local:jonah', displayName: 'Jonah', role: 'member' }],
        ACTOR,
        LATER,
      );
      const before = await store.listGrants(TENANT, COMMITTEE_ID);
      const history = await store.listGrantChanges(TENANT, COMMITTEE_ID);
      for (const role of ['member', null] as const) {
        const attempt = store.changeGrants(
          TENANT,
          COMMITTEE_ID,
          [
            { userId: 'local:jonah', displayName: 'Jonah', role: 'noteTaker' },
            { userId: ACTOR, displayName: 'Ines', role },
          ],
          ACTOR,
          LATER,
        );
        await expect(attempt).rejects.toBeInstanceOf(DomainError);
        await expect(attempt).rejects.toMatchObject({
          code: 'last_owner',
          message: expect.stringContaining('make someone else owner first'),
        });
      }
      expect(await store.listGrants(TENANT, COMMITTEE_ID)).toEqual(before);
      expect(await store.listGrantChanges(TENANT, COMMITTEE_ID)).toEqual(history);
      // Handing over first is allowed.
      await store.changeGrants(
        TENANT,
        COMMITTEE_ID,
        [
          { userId: 'local:jonah', displayName: 'Jonah', role: 'owner' },
          { userId: ACTOR, displayName: 'Ines', role: null },
        ],
        ACTOR,
        LATER,
      );
      expect((await store.listGrants(TENANT, COMMITTEE_ID)).map((entry) => entry.role)).toEqual([
        'owner',
      ]);
    });

    it('answers not_found for an unknown committee, and keeps tenants and committees apart', async () => {
      await expect(
        store.changeGrants(
          TENANT,
          'c-none',
          [{ userId: 'local:jonah', displayName: 'Jonah', role: 'member' }],
          ACTOR,
          LATER,
        ),
      ).rejects.toMatchObject({ code: 'not_found' });
      await expect(
        store.changeGrants(
          OTHER_TENANT,
          COMMITTEE_ID,
          [{ userId: 'local:jonah', displayName: 'Jonah', role: 'owner' }],
          ACTOR,
          LATER,
        ),
      ).rejects.toMatchObject({ code: 'not_found' });
      await createCommittee(store, committee(TENANT, 'c-2', { code: 'TWO' }), 'local:jonah');
      await createCommittee(store, committee(OTHER_TENANT, COMMITTEE_ID), ACTOR);
      expect(
        (await store.listGrantsOfUser(TENANT, 'local:jonah')).map((entry) => entry.committeeId),
      ).toEqual(['c-2']);
      expect(
        (await store.listGrantsOfUser(TENANT, ACTOR)).map((entry) => [
          entry.tenantId,
          entry.committeeId,
        ]),
      ).toEqual([[TENANT, COMMITTEE_ID]]);
      expect(await store.getGrant(OTHER_TENANT, 'c-2', 'local:jonah')).toBeNull();
      expect(await store.listGrantChanges(TENANT, 'c-2')).toHaveLength(1);
    });
  });
}
