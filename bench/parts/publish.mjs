/**
 * Publish: our publisher (plan, ledger, $batch, a few requests in flight) beside a naive
 * sequential publisher (the same plan, one request at a time, no batching), publishing the same
 * meeting (40 people present, 30 actions with 2 named contacts each) into the Graph sandbox with
 * 50 ms of latency on every HTTP request. Figures: HTTP round trips (from `/_sandbox/stats`) and
 * wall time; both must leave the same end state, checked before anything is reported. In this
 * process, on the compiled modules in dist/. See bench/README.md, part `publish`.
 */
import { makeTempDir, removeTempDir } from '../lib/cleanup.mjs';
import { loadDist } from '../lib/dist.mjs';
import { publishNaively } from '../lib/naivePublisher.mjs';
import { differences, publishedState } from '../lib/publishedState.mjs';
import { PUBLISH_MEETING, publishMeeting } from '../lib/publishMeeting.mjs';
import { metric } from '../lib/report.mjs';
import { median, round } from '../lib/stats.mjs';

export const title = `publish: ${PUBLISH_MEETING.present} present, ${PUBLISH_MEETING.actions} actions × ${PUBLISH_MEETING.contactsPerAction} named contacts, 50 ms a request; ours beside a naive sequential publisher`;

const LATENCY_MS = 50;
const TENANT = 'bench-tenant';
const ROUND_TRIP_FACTOR = 5;
const WALL_FACTOR = 4;

const progress = (message) => process.stderr.write(`  publish: ${message}\n`);

export async function run({ runs = 5 } = {}) {
  const { startGraphSandbox } = loadDist('sandbox/index.js');
  const { createGraphClient } = loadDist('graph/index.js');
  const { createPublishGraph, executePublish, planPublish } = loadDist('publish/index.js');
  const { SqliteStore } = loadDist('store/index.js');
  const { renderMinutesDocx } = loadDist('minutes/index.js');

  const sandbox = await startGraphSandbox({ faults: { latencyMs: LATENCY_MS } });
  const work = makeTempDir('publish');
  try {
    const seed = sandbox.seed;
    const meeting = publishMeeting(seed);
    const reference = meeting.view.meeting.reference;
    // Rendered once for both: the .docx is not what is compared.
    const docx = await renderMinutesDocx(meeting.minutes);
    const clients = () => {
      const common = { baseUrl: sandbox.graphBaseUrl };
      return {
        delegated: createGraphClient({
          getToken: () => Promise.resolve(`user:${seed.organizer.id}`),
          ...common,
        }),
        application: createGraphClient({ getToken: () => Promise.resolve('app'), ...common }),
      };
    };
    const expected = {
      documents: 1,
      versions: 2,
      chatPosts: 1,
      mails: 1,
      mailsWithDocx: 1,
      drafts: 0,
      rows: PUBLISH_MEETING.actions,
      plannerTasks: PUBLISH_MEETING.actions,
      plannerAssignments: PUBLISH_MEETING.actions * PUBLISH_MEETING.contactsPerAction,
      plannerReferences: PUBLISH_MEETING.actions,
      todoTasks: PUBLISH_MEETING.actions * PUBLISH_MEETING.contactsPerAction,
      todoReminders: PUBLISH_MEETING.actions * PUBLISH_MEETING.contactsPerAction,
    };

    const publishers = {
      async ours(index) {
        const store = new SqliteStore(`${work}/run-${index}`);
        try {
          const history = { runs: [], steps: [] };
          const plan = planPublish({ tenantId: TENANT, ...meeting, history });
          const report = await executePublish({
            plan,
            graph: createPublishGraph(clients()),
            store,
            renderDocx: () => Promise.resolve(docx),
          });
          if (report.status !== 'done') throw new Error(`our publish failed: ${report.message}`);
        } finally {
          await store.close();
        }
      },
      async naive() {
        const plan = planPublish({
          tenantId: TENANT,
          ...meeting,
          history: { runs: [], steps: [] },
        });
        await publishNaively(plan, clients(), docx);
      },
    };

    const samples = { ours: { roundTrips: [], wallMs: [] }, naive: { roundTrips: [], wallMs: [] } };
    let state = null;
    // One unmeasured run each first (module loading, JIT), then the runs, alternating who starts.
    for (let index = -1; index < runs; index += 1) {
      const order = index % 2 === 0 ? ['ours', 'naive'] : ['naive', 'ours'];
      const states = {};
      for (const who of order) {
        sandbox.reset();
        sandbox.faults.configure({ latencyMs: LATENCY_MS });
        const started = performance.now();
        await publishers[who](index);
        const wallMs = performance.now() - started;
        const stats = await (await fetch(`${sandbox.url}/_sandbox/stats`)).json();
        states[who] = await publishedState(sandbox.url, reference);
        const wrong = differences(states[who], expected);
        if (wrong.length > 0)
          throw new Error(`${who} left the wrong end state: ${wrong.join('; ')}`);
        if (index >= 0) {
          samples[who].roundTrips.push(stats.roundTrips);
          samples[who].wallMs.push(wallMs);
        }
      }
      const apart = differences(states.ours, states.naive);
      if (apart.length > 0)
        throw new Error(`the publishers' end states differ: ${apart.join('; ')}`);
      state = states.ours;
      if (index >= 0) {
        progress(
          `run ${index + 1}: ours ${samples.ours.roundTrips.at(-1)} round trips, ${samples.ours.wallMs.at(-1).toFixed(0)} ms; naive ${samples.naive.roundTrips.at(-1)}, ${samples.naive.wallMs.at(-1).toFixed(0)} ms`,
        );
      }
    }

    const naive = {
      roundTrips: median(samples.naive.roundTrips),
      wallMs: median(samples.naive.wallMs),
    };
    const extra = { endState: state, latencyMs: LATENCY_MS };
    return [
      metric({
        name: 'roundTrips.ours',
        unit: 'round trips',
        samples: samples.ours.roundTrips,
        baseline: {
          name: 'naive sequential',
          unit: 'round trips',
          samples: samples.naive.roundTrips,
        },
        target: { op: '<=', value: round(naive.roundTrips / ROUND_TRIP_FACTOR) },
        extra: {
          fewerBy: round(naive.roundTrips / median(samples.ours.roundTrips)),
          targetMeaning: `≥ ${ROUND_TRIP_FACTOR}× fewer round trips than the naive publisher`,
          ...extra,
        },
      }),
      metric({ name: 'roundTrips.naive', unit: 'round trips', samples: samples.naive.roundTrips }),
      metric({
        name: 'wallMs.ours',
        unit: 'ms',
        samples: samples.ours.wallMs,
        baseline: { name: 'naive sequential', unit: 'ms', samples: samples.naive.wallMs },
        target: { op: '<=', value: round(naive.wallMs / WALL_FACTOR) },
        extra: {
          fasterBy: round(naive.wallMs / median(samples.ours.wallMs)),
          targetMeaning: `≥ ${WALL_FACTOR}× faster than the naive publisher`,
        },
      }),
      metric({ name: 'wallMs.naive', unit: 'ms', samples: samples.naive.wallMs }),
    ];
  } finally {
    await sandbox.close();
    removeTempDir(work);
  }
}
