/**
 * The publisher in a process of its own, for killMidPublish.test.ts: the compiled code in dist/
 * (as the server runs it), its ledger in DATA_DIR, Graph at the sandbox the test started. It
 * plans from the ledger (so a second start resumes the first's run), publishes, and prints one
 * `PROGRESS {json}` line per event and a final `REPORT {json}` line.
 *
 * Usage: node test/publish/publishChild.js <input.json>
 *   input: { dataDir, tenantId, meetingId, ops (stored ops), committee, graphBaseUrl, organizerId,
 *            holder (this process's executor id), clockOffsetMs (its clock runs ahead by so much) }
 */
const fs = require('node:fs');
const path = require('node:path');

const DIST = path.resolve(__dirname, '../../dist');
const { foldOperations, meetingView } = require(path.join(DIST, 'domain'));
const { buildMinutesDocument } = require(path.join(DIST, 'minutes'));
const { SqliteStore } = require(path.join(DIST, 'store'));
const { createGraphClient } = require(path.join(DIST, 'graph'));
const { createPublishGraph, executePublish, planPublish } = require(path.join(DIST, 'publish'));

async function main() {
  const input = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const store = new SqliteStore(input.dataDir);
  const view = meetingView(foldOperations(input.meetingId, input.ops), input.committee);
  const minutes = buildMinutesDocument(view, input.committee);
  const history = {
    runs: await store.listPublishRuns(input.tenantId, input.meetingId),
    steps: await store.listPublishSteps(input.tenantId, input.meetingId),
  };
  const plan = planPublish({
    tenantId: input.tenantId,
    view,
    committee: input.committee,
    minutes,
    history,
  });
  const client = (token) =>
    createGraphClient({
      getToken: () => Promise.resolve(token),
      baseUrl: input.graphBaseUrl,
      timeoutMs: 10_000,
    });
  const report = await executePublish({
    plan,
    graph: createPublishGraph({
      delegated: client(`user:${input.organizerId}`),
      application: client('app'),
    }),
    store,
    // A process of its own is a server instance of its own; a killed one never released its
    // lease, so the next one's clock is set past it (time is an input; nothing sleeps).
    lease: { holder: input.holder },
    now: () => new Date(Date.now() + (input.clockOffsetMs || 0)),
    // One request at a time, so that a kill can land between any two of them.
    concurrency: 1,
    onProgress: (event) => process.stdout.write(`PROGRESS ${JSON.stringify(event)}\n`),
  });
  process.stdout.write(`REPORT ${JSON.stringify(report)}\n`);
  await store.close();
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : String(error)}\n`);
  process.exit(1);
});
