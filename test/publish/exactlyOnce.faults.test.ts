/**
 * Exactly once under faults: 100 seeded runs of publishing OPSG-41 against the sandbox with 30 %
 * of requests throttled (429, Retry-After), 10 % unavailable (503), 5 % connections reset before
 * an answer and 5 % of writes carried out with the answer withheld (commit then time out). Each
 * run presses Retry until the publish completes, then counts what is in Microsoft 365: exactly one
 * of everything, however many requests were lost. Then the same meeting, edited, is published
 * again under the same faults: everything updated in place, the new action added, no duplicate.
 */
import {
  startGraphSandbox,
  type RunningGraphSandbox,
  type SandboxExchange,
} from '../../src/sandbox';
import { SqliteStore } from '../../src/store';
import {
  clients,
  meeting,
  meetingOps,
  publishedCounts,
  publishingCommittee,
  publishUntilDone,
  refusals,
  republishEdits,
  type PublishedCounts,
} from './support';

const RUNS = 100;
const FAULTS = { throttle: 0.3, unavailable: 0.1, reset: 0.05, commitThenTimeout: 0.05 };

let sandbox: RunningGraphSandbox;
let exchanges: SandboxExchange[] = [];

beforeAll(async () => {
  sandbox = await startGraphSandbox({ onExchange: (exchange) => exchanges.push(exchange) });
});

afterAll(async () => {
  await sandbox.close();
});

const FIRST: Partial<PublishedCounts> = {
  documents: 1,
  versions: 2,
  chatPosts: 1,
  mails: 1,
  mailsWithDocx: 1,
  drafts: 0,
  rows: 6,
  plannerTasks: 6,
  todoTasks: 2,
};

const SECOND: Partial<PublishedCounts> = {
  ...FIRST,
  versions: 3,
  rows: 7,
  plannerTasks: 7,
  todoTasks: 3,
};

describe('when Graph throttles, fails, resets and loses answers at random', () => {
  it(`publishes everything exactly once in each of ${RUNS} seeded runs, and republishes in place`, async () => {
    const summary = { calls: 0, faults: 0, reconciled: 0, unknown: 0 };
    const failures: string[] = [];
    // Seeded ids: the tenant is the same after every reset, and so are the meetings.
    const seed = sandbox.seed!;
    const committee = publishingCommittee(seed);
    const first = meeting(committee, meetingOps(seed));
    const second = meeting(committee, meetingOps(seed, republishEdits(first.view)));
    for (let run = 1; run <= RUNS; run += 1) {
      sandbox.reset();
      exchanges = [];
      sandbox.faults.configure({
        seed: run,
        rates: FAULTS,
        retryAfterSeconds: [0, 2],
        hangMs: 5,
      });
      expect(sandbox.seed).toEqual(seed);
      const store = new SqliteStore(':memory:');
      const graph = clients(sandbox, seed, { maxAttempts: 6 });
      const onProgress = (event: { status: string }) => {
        if (event.status === 'reconciled') summary.reconciled += 1;
        if (event.status === 'unknown') summary.unknown += 1;
      };
      try {
        const one = await publishUntilDone({ store, clients: graph, meeting: first, onProgress });
        summary.calls += one.calls;
        const afterFirst = await publishedCounts(sandbox);
        expect(afterFirst).toMatchObject(FIRST);
        expect(new Set(afterFirst.plannerTitles.map((title) => title.slice(0, 10))).size).toBe(6);

        const two = await publishUntilDone({ store, clients: graph, meeting: second, onProgress });
        summary.calls += two.calls;
        expect(two.report.publishNo).toBe(2);
        const afterSecond = await publishedCounts(sandbox);
        expect(afterSecond).toMatchObject(SECOND);
        expect(
          afterSecond.plannerTitles.filter((title) => /Report to OPSG 42\.$/.test(title)),
        ).toHaveLength(1);
        expect(refusals(exchanges)).toEqual([]);
      } catch (error) {
        failures.push(`run ${run}: ${(error as Error).message}`);
      } finally {
        const faults = sandbox.stats.snapshot().faults;
        summary.faults += Object.values(faults).reduce((sum, count) => sum + count, 0);
        await store.close();
      }
    }
    expect(failures).toEqual([]);
    expect(sandbox.contractViolations).toEqual([]);
    // The faults really happened, and outcomes in doubt really were reconciled.
    expect(summary.faults).toBeGreaterThan(RUNS * 5);
    expect(summary.unknown).toBeGreaterThan(RUNS / 2);
    expect(summary.reconciled).toBeGreaterThan(0);
    if (process.env.PUBLISH_VERBOSE) console.log(summary);
  }, 120_000);
});
