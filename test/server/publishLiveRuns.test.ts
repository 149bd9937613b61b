/**
 * The runs a server executes, in memory: a run that ended stays a minute for late followers, and
 * a Retry within that minute resumes the same run id here. The end of the earlier execution must
 * not forget the resumed one: its followers keep its live progress, and its state stays live.
 */
import type { PublishRunState } from '../../src/contract/graphApi';
import { LiveRuns, type RunNotice, type RunningHere } from '../../src/server/liveRuns';
import { emptyResults, liveState } from '../../src/server/publishRunState';

const KEEP_MS = 60_000;

function execution(runId: string): RunningHere {
  return {
    runId,
    tenantId: 'tenant',
    meetingId: 'meeting',
    publishNo: 1,
    total: 4,
    startedAt: '2025-03-03T10:00:00.000Z',
    updatedAt: '2025-03-03T10:00:00.000Z',
    events: [],
    status: 'running',
    report: null,
    crash: null,
    skipped: [],
    doneBefore: new Set(),
    listeners: new Set(),
    finished: Promise.resolve(),
    stop: new AbortController(),
  };
}

const progress = (step: number, key: string, status: 'running' | 'done') => ({
  runId: 'run-1',
  step,
  of: 4,
  key,
  kind: 'register.upsert' as const,
  label: `Row ${step}`,
  status,
});

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

it('keeps a resumed run live after the minute its earlier execution is kept has passed', () => {
  const live = new LiveRuns(KEEP_MS);
  const first = execution('run-1');
  live.add(first);
  live.progress(first, progress(1, 'row:a', 'done'), '2025-03-03T10:00:01.000Z');
  first.status = 'failed';
  live.stopped(first);
  live.end(first, { status: 'failed' } as PublishRunState, true);

  // Retry, thirty seconds later: the same run, executed again here.
  jest.advanceTimersByTime(30_000);
  const resumed = execution('run-1');
  live.add(resumed);
  const notices: RunNotice[] = [];
  const followed = live.follow('tenant', 'meeting', 'run-1', 0, (notice) => notices.push(notice));
  expect(followed).toMatchObject({ ended: false });

  // The earlier execution's minute ends while the resumed one goes on.
  jest.advanceTimersByTime(KEEP_MS);
  expect(live.get('tenant', 'run-1')).toBe(resumed);
  live.progress(resumed, progress(2, 'row:b', 'done'), '2025-03-03T10:01:31.000Z');
  expect(notices.map((notice) => notice.type)).toEqual(['progress']);
  expect(live.follow('tenant', 'meeting', 'run-1', 1, () => undefined)).toMatchObject({
    ended: false,
  });

  // Its own minute, once it ended, still applies.
  resumed.status = 'done';
  live.stopped(resumed);
  live.end(resumed, { status: 'done' } as PublishRunState, true);
  jest.advanceTimersByTime(KEEP_MS);
  expect(live.get('tenant', 'run-1')).toBeUndefined();
});

it('counts a resumed run’s steps done before it resumed, before it has said so', () => {
  const resumed = { ...execution('run-1'), doneBefore: new Set(['row:a', 'row:b']) };
  expect(liveState(resumed, emptyResults())).toMatchObject({ completed: 2, total: 4 });

  // What it reports afterwards counts once per step; a step found gone is no longer done.
  const live = new LiveRuns(KEEP_MS);
  live.add(resumed);
  live.progress(resumed, progress(1, 'row:a', 'done'), '2025-03-03T10:00:01.000Z');
  live.progress(resumed, progress(3, 'row:c', 'done'), '2025-03-03T10:00:02.000Z');
  expect(liveState(resumed, emptyResults()).completed).toBe(3);
  live.progress(
    resumed,
    { ...progress(2, 'row:b', 'running'), status: 'retrying' },
    '2025-03-03T10:00:03.000Z',
  );
  expect(liveState(resumed, emptyResults()).completed).toBe(2);
});
