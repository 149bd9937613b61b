/**
 * The publish run's lease: a compare-and-set that gives a run to one executor at a time, until
 * its lease runs out; the holder renews or releases it. (The rest of the publish ledger's
 * contract is test/publish/publishLedger.contract.test.ts.)
 */
import type { PublishRunRecord, Store } from '../../../src/store';
import { TENANT, type OpenStore } from './fixtures';

const T0 = '2021-01-25T17:00:00.000Z';
const T1 = '2021-01-25T17:00:30.000Z';
const T2 = '2021-01-25T17:01:00.000Z';
const T3 = '2021-01-25T17:02:00.000Z';

const run = (runId: string, publishNo: number): PublishRunRecord => ({
  runId,
  tenantId: TENANT,
  meetingId: 'meeting-41',
  publishNo,
  meetingSeq: 100,
  status: 'running',
  startedAt: T0,
  updatedAt: T0,
  report: null,
  leaseHolder: null,
  leaseUntil: null,
});

export function publishLeaseContract(open: OpenStore): void {
  let store: Store;

  beforeEach(async () => {
    store = await open();
    await store.createPublishRun(run('run-1', 1));
  });

  afterEach(async () => {
    await store.close();
  });

  const holderOf = async (runId = 'run-1') => {
    const found = (await store.listPublishRuns(TENANT, 'meeting-41')).find(
      (entry) => entry.runId === runId,
    );
    return found ? [found.leaseHolder, found.leaseUntil] : undefined;
  };

  it('starts a run free and gives it to the first executor that asks', async () => {
    expect(await store.listPublishRuns(TENANT, 'meeting-41')).toEqual([run('run-1', 1)]);
    expect(await store.leasePublishRun(TENANT, 'run-1', 'server-a', T0, T2)).toBe(true);
    expect(await holderOf()).toEqual(['server-a', T2]);
  });

  it('refuses another executor while the lease runs, and gives it once the lease has ended', async () => {
    await store.leasePublishRun(TENANT, 'run-1', 'server-a', T0, T2);
    expect(await store.leasePublishRun(TENANT, 'run-1', 'server-b', T1, T3)).toBe(false);
    expect(await holderOf()).toEqual(['server-a', T2]);
    // At the very instant the lease ends, it is free.
    expect(await store.leasePublishRun(TENANT, 'run-1', 'server-b', T2, T3)).toBe(true);
    expect(await holderOf()).toEqual(['server-b', T3]);
  });

  it('lets the holder renew, and frees the run when the holder (only) releases it', async () => {
    await store.leasePublishRun(TENANT, 'run-1', 'server-a', T0, T1);
    expect(await store.leasePublishRun(TENANT, 'run-1', 'server-a', T0, T3)).toBe(true);
    expect(await holderOf()).toEqual(['server-a', T3]);
    await store.releasePublishRun(TENANT, 'run-1', 'server-b');
    expect(await holderOf()).toEqual(['server-a', T3]);
    await store.releasePublishRun(TENANT, 'run-1', 'server-a');
    expect(await holderOf()).toEqual([null, null]);
    expect(await store.leasePublishRun(TENANT, 'run-1', 'server-b', T1, T2)).toBe(true);
  });

  it('gives a run to exactly one of many executors asking at once', async () => {
    const holders = Array.from({ length: 8 }, (_, index) => `server-${index}`);
    const answers = await Promise.all(
      holders.map((holder) => store.leasePublishRun(TENANT, 'run-1', holder, T0, T2)),
    );
    expect(answers.filter(Boolean)).toHaveLength(1);
    expect(await holderOf()).toEqual([holders[answers.indexOf(true)], T2]);
  });

  it('keeps runs and tenants apart, and answers not_found for an unknown run', async () => {
    await store.createPublishRun(run('run-2', 2));
    await store.createPublishRun({ ...run('run-1', 1), tenantId: 'tenant-b' });
    await store.leasePublishRun(TENANT, 'run-1', 'server-a', T0, T2);
    expect(await store.leasePublishRun(TENANT, 'run-2', 'server-b', T0, T2)).toBe(true);
    expect(await store.leasePublishRun('tenant-b', 'run-1', 'server-b', T0, T2)).toBe(true);
    await expect(
      store.leasePublishRun(TENANT, 'run-none', 'server-a', T0, T2),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('keeps the lease when the run’s status and report change', async () => {
    await store.leasePublishRun(TENANT, 'run-1', 'server-a', T0, T2);
    await store.updatePublishRun(TENANT, 'run-1', {
      status: 'failed',
      updatedAt: T1,
      report: { completed: 3, total: 25 },
    });
    expect(await holderOf()).toEqual(['server-a', T2]);
  });
}
