/**
 * Core: how fast the server takes ops over HTTP, what the store costs over raw SQLite, how long a
 * long meeting takes to fold, how quickly an op reaches 20 live subscribers, and the server's
 * memory after all that. See bench/README.md for what each figure means and its baseline.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeTempDir, removeTempDir } from '../lib/cleanup.mjs';
import { loadDist, loadPackage } from '../lib/dist.mjs';
import { keepAliveAgent, request, requestJson, subscribe } from '../lib/http.mjs';
import {
  agendaItemId,
  agendaOps,
  DEMO_MEETING,
  demoCommittee,
  demoCommitteeSettings,
  longMeetingLog,
  noteOp,
  parsedNoteOps,
  SECRETARY,
  typeCounts,
} from '../lib/ops.mjs';
import { metric } from '../lib/report.mjs';
import { readMemory, startServer } from '../lib/server.mjs';
import { median, percentile } from '../lib/stats.mjs';

export const title = 'core: capture throughput, store, fold, fan-out, memory';

const CLIENTS = 4;
const WINDOW_MS = 2_000;
const WARMUP_MS = 1_000;
const STORE_BATCHES = 200;
const BATCH = 50;
const FOLD_OPS = 5_000;
const SUBSCRIBERS = 20;
const FANOUT_OPS = 200;
const FANOUT_GAP_MS = 5;
const COMMITTEE_ID = 'bench-opsg';

const collectGarbage = () => globalThis.gc?.();
const progress = (message) => process.stderr.write(`  core: ${message}\n`);

export async function run({ runs = 5 } = {}) {
  const http = await serverFigures(runs);
  const store = await storeFigures(runs);
  const fold = foldFigures(Math.max(11, runs * 3));
  const byName = new Map([...http, ...store, ...fold].map((row) => [row.name, row]));
  const order = [
    'httpOpsPerSec.batch1',
    'httpOpsPerSec.batch50',
    'storeOpsPerSec',
    'foldMs.5000',
    'fanoutMs.p50',
    'fanoutMs.p99',
    'rssMb',
  ];
  return order.map((name) => byName.get(name));
}

// ---------------------------------------------------------------------------------------------
// Over HTTP, against `node dist/server/main.js` in a child process.

async function serverFigures(runs) {
  const server = await startServer();
  const agent = keepAliveAgent(CLIENTS);
  const base = server.baseUrl;
  const subscribers = [];
  try {
    const memoryAtStart = readMemory(server.pid);
    progress(`server pid ${server.pid} at ${base}, RSS ${memoryAtStart.rssMb.toFixed(1)} MB`);
    await requestJson(agent, base, 'POST', '/api/committees', {
      id: COMMITTEE_ID,
      ...demoCommitteeSettings,
    });
    const { id: meetingId } = await createMeeting(agent, base, '41');

    // Throughput: four clients for a fixed window; the three loads take turns in each run.
    const loads = {
      healthz: async () => {
        const response = await request(agent, base, 'GET', '/healthz');
        if (response.status !== 200) throw new Error(`GET /healthz answered ${response.status}`);
        return 1;
      },
      batch1: () => postNotes(agent, base, meetingId, 1),
      batch50: () => postNotes(agent, base, meetingId, BATCH),
    };
    for (const load of Object.values(loads)) await loadFor(WARMUP_MS, load);
    const rates = { healthz: [], batch1: [], batch50: [] };
    const names = Object.keys(loads);
    for (let index = 0; index < runs; index += 1) {
      const turn = names.map((_, k) => names[(index + k) % names.length]);
      for (const name of turn) rates[name].push(await loadFor(WINDOW_MS, loads[name]));
      progress(
        `HTTP run ${index + 1}/${runs}: ${names.map((n) => `${n} ${Math.round(rates[n][index])}/s`).join(', ')}`,
      );
    }
    assertAlive(server);

    // Fan-out: 20 subscribers on a fresh meeting, single ops posted one after another.
    const { id: fanoutMeeting, lastSeq: caughtUpSeq } = await createMeeting(agent, base, '42');
    const pending = new Map();
    const caughtUp = new Set();
    for (let index = 0; index < SUBSCRIBERS; index += 1) {
      subscribers.push(
        await subscribe(base, `/api/meetings/${fanoutMeeting}/stream`, (event, receivedAt) => {
          if (event.event !== 'op') return;
          const op = JSON.parse(event.data);
          const entry = pending.get(op.id);
          if (entry) entry.latencies.push(receivedAt - entry.sentAt);
          else if (op.seq === caughtUpSeq) caughtUp.add(index);
        }),
      );
    }
    await waitFor(() => caughtUp.size === SUBSCRIBERS, 10_000, 'subscribers to catch up');
    const p50s = [];
    const p99s = [];
    const rtts = [];
    const allLatencies = [];
    const allRtts = [];
    for (let round = 0; round < runs; round += 1) {
      const entries = [];
      const roundRtts = [];
      for (let index = 0; index < FANOUT_OPS; index += 1) {
        const op = noteOp(fanoutMeeting, agendaItemId('2'));
        const entry = { sentAt: 0, latencies: [] };
        pending.set(op.id, entry);
        entries.push(entry);
        entry.sentAt = performance.now();
        await requestJson(agent, base, 'POST', `/api/meetings/${fanoutMeeting}/ops`, {
          ops: [op],
        });
        roundRtts.push(performance.now() - entry.sentAt);
        await sleep(FANOUT_GAP_MS);
      }
      await waitFor(
        () => entries.every((entry) => entry.latencies.length === SUBSCRIBERS),
        10_000,
        'every subscriber to receive every op',
      );
      const latencies = entries.flatMap((entry) => entry.latencies);
      p50s.push(percentile(latencies, 50));
      p99s.push(percentile(latencies, 99));
      rtts.push(percentile(roundRtts, 50));
      allLatencies.push(...latencies);
      allRtts.push(...roundRtts);
      progress(
        `fan-out round ${round + 1}/${runs}: p50 ${p50s[round].toFixed(2)} ms, p99 ${p99s[round].toFixed(2)} ms, POST p50 ${rtts[round].toFixed(2)} ms`,
      );
    }
    assertAlive(server);
    const memoryAfter = readMemory(server.pid);
    progress(
      `RSS after load ${memoryAfter.rssMb.toFixed(1)} MB (peak ${memoryAfter.peakMb.toFixed(1)} MB)`,
    );

    const healthz = { name: 'GET /healthz', unit: 'req/s', samples: rates.healthz };
    const postP50 = { name: 'POST 1 op round trip p50', unit: 'ms', samples: rtts };
    const pairs = { pairsPerRun: FANOUT_OPS * SUBSCRIBERS, subscribers: SUBSCRIBERS };
    return [
      metric({
        name: 'httpOpsPerSec.batch1',
        unit: 'ops/s',
        samples: rates.batch1,
        baseline: healthz,
        extra: { clients: CLIENTS, windowMs: WINDOW_MS },
      }),
      metric({
        name: 'httpOpsPerSec.batch50',
        unit: 'ops/s',
        samples: rates.batch50,
        baseline: healthz,
        target: { op: '>=', value: 2000 },
        extra: {
          clients: CLIENTS,
          windowMs: WINDOW_MS,
          requestsPerSec: Math.round(median(rates.batch50) / BATCH),
        },
      }),
      metric({
        name: 'fanoutMs.p50',
        unit: 'ms',
        samples: p50s,
        baseline: postP50,
        extra: { ...pairs, pooled: round2(percentile(allLatencies, 50)) },
      }),
      metric({
        name: 'fanoutMs.p99',
        unit: 'ms',
        samples: p99s,
        baseline: postP50,
        target: { op: '<=', value: 50 },
        extra: {
          ...pairs,
          pooled: round2(percentile(allLatencies, 99)),
          pooledMax: round2(Math.max(...allLatencies)),
          postP99: round2(percentile(allRtts, 99)),
        },
      }),
      metric({
        name: 'rssMb',
        unit: 'MB',
        value: memoryAfter.rssMb,
        baseline: { name: 'RSS right after start', unit: 'MB', value: memoryAtStart.rssMb },
        target: { op: '<=', value: 150 },
        extra: { peakMb: round2(memoryAfter.peakMb) },
      }),
    ];
  } finally {
    for (const subscriber of subscribers) subscriber.close();
    agent.destroy();
    await server.stop();
    const said = server
      .output()
      .replace(/^MINUTEBOOK_LISTENING .*$/m, '')
      .trim();
    if (said) progress(`the server wrote (stdout/stderr, last ${said.length} chars):\n${said}`);
  }
}

async function createMeeting(agent, base, number) {
  const id = randomUUID();
  await requestJson(agent, base, 'POST', '/api/meetings', {
    ...DEMO_MEETING,
    id,
    committeeId: COMMITTEE_ID,
    number,
  });
  const agenda = await requestJson(agent, base, 'POST', `/api/meetings/${id}/ops`, {
    ops: agendaOps(id),
  });
  return { id, lastSeq: agenda.lastSeq };
}

let nextItem = 0;
const ITEMS = ['1', '2', '3.1', '4', '5', '6', '7'];

async function postNotes(agent, base, meetingId, count) {
  nextItem = (nextItem + 1) % ITEMS.length;
  const ops = Array.from({ length: count }, () => noteOp(meetingId, agendaItemId(ITEMS[nextItem])));
  const body = await requestJson(agent, base, 'POST', `/api/meetings/${meetingId}/ops`, { ops });
  const appended = body.results.filter((result) => !result.duplicate).length;
  if (appended !== count) throw new Error(`posted ${count} ops but ${appended} were appended`);
  return count;
}

/** Runs `once` from CLIENTS concurrent loops for `windowMs`; returns units per second. */
async function loadFor(windowMs, once) {
  const started = performance.now();
  const deadline = started + windowMs;
  let units = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < deadline) {
        // Not `units += await once()`: that reads `units` before awaiting and loses the other
        // clients' increments.
        const done = await once();
        units += done;
      }
    }),
  );
  return units / ((performance.now() - started) / 1000);
}

async function waitFor(condition, timeoutMs, what) {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

function assertAlive(server) {
  if (server.exited()) throw new Error(`the server exited during the run:\n${server.output()}`);
}

// ---------------------------------------------------------------------------------------------
// SqliteStore.appendOperations against raw better-sqlite3 INSERTs of the same rows.

async function storeFigures(runs) {
  const { SqliteStore } = loadDist('store/index.js');
  const { MIGRATIONS } = loadDist('store/sqlite/migrations.js');
  const Database = loadPackage('better-sqlite3');
  const storeDir = makeTempDir('store');
  const rawDir = makeTempDir('raw');
  const tenantId = 'bench';
  const meetingId = randomUUID();
  const guard = (meeting) => meeting.summary;
  let store;
  let db;
  try {
    store = new SqliteStore(storeDir);
    await store.createCommittee(demoCommittee(COMMITTEE_ID, tenantId));
    const createdAt = new Date().toISOString();
    await store.createMeeting(
      { id: meetingId, tenantId, committeeId: COMMITTEE_ID, createdAt, createdBy: SECRETARY },
      [],
      guard,
      createdAt,
    );

    db = new Database(path.join(rawDir, 'raw.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    for (const migration of MIGRATIONS) db.exec(migration);
    db.prepare(
      'INSERT INTO meetings (id, tenant_id, committee_id, created_at, created_by, last_seq, summary) VALUES (?, ?, ?, ?, ?, 0, ?)',
    ).run(meetingId, tenantId, COMMITTEE_ID, createdAt, SECRETARY, '{}');
    const insertOp = db.prepare(
      'INSERT INTO ops (tenant_id, meeting_id, seq, id, actor, client_time, server_time, type, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    let rawSeq = 0;
    const insertBatch = db.transaction((ops, serverTime) => {
      for (const op of ops) {
        rawSeq += 1;
        insertOp.run(
          tenantId,
          meetingId,
          rawSeq,
          op.id,
          op.actor,
          op.clientTime,
          serverTime,
          op.type,
          JSON.stringify(op.payload),
        );
      }
    });

    const batches = (count) =>
      Array.from({ length: count }, () => parsedNoteOps(meetingId, agendaItemId('2'), BATCH));
    const viaStore = async (list) => {
      collectGarbage();
      const started = performance.now();
      for (const ops of list) {
        await store.appendOperations(tenantId, meetingId, ops, guard, new Date().toISOString());
      }
      return (list.length * BATCH) / ((performance.now() - started) / 1000);
    };
    const viaRaw = async (list) => {
      collectGarbage();
      const started = performance.now();
      for (const ops of list) insertBatch.immediate(ops, new Date().toISOString());
      return (list.length * BATCH) / ((performance.now() - started) / 1000);
    };

    await viaStore(batches(10));
    await viaRaw(batches(10));
    const storeRates = [];
    const rawRates = [];
    for (let index = 0; index < runs; index += 1) {
      const forStore = batches(STORE_BATCHES);
      const forRaw = batches(STORE_BATCHES);
      if (index % 2 === 0) {
        storeRates.push(await viaStore(forStore));
        rawRates.push(await viaRaw(forRaw));
      } else {
        rawRates.push(await viaRaw(forRaw));
        storeRates.push(await viaStore(forStore));
      }
      progress(
        `store run ${index + 1}/${runs}: SqliteStore ${Math.round(storeRates[index])} ops/s, raw ${Math.round(rawRates[index])} rows/s`,
      );
    }
    return [
      metric({
        name: 'storeOpsPerSec',
        unit: 'ops/s',
        samples: storeRates,
        baseline: {
          name: 'raw better-sqlite3 INSERTs, 50 per transaction',
          unit: 'rows/s',
          samples: rawRates,
        },
        extra: { batch: BATCH, opsPerRun: STORE_BATCHES * BATCH },
      }),
    ];
  } finally {
    await store?.close();
    db?.close();
    removeTempDir(storeDir);
    removeTempDir(rawDir);
  }
}

// ---------------------------------------------------------------------------------------------
// foldOperations over a 5,000-op meeting against JSON.parse of the same log.

function foldFigures(runs) {
  const { foldOperations } = loadDist('domain/index.js');
  const meetingId = randomUUID();
  const log = longMeetingLog(meetingId, FOLD_OPS);
  const text = JSON.stringify(log);
  const check = foldOperations(meetingId, log);
  if (check.seq !== FOLD_OPS || check.ignored.length > 0) {
    throw new Error(
      `the generated log does not fold cleanly: seq ${check.seq}, ${check.ignored.length} ops ignored (${JSON.stringify(check.ignored.slice(0, 3))})`,
    );
  }
  const timeFold = () => {
    collectGarbage();
    const started = performance.now();
    foldOperations(meetingId, log);
    return performance.now() - started;
  };
  const timeParse = () => {
    collectGarbage();
    const started = performance.now();
    JSON.parse(text);
    return performance.now() - started;
  };
  for (let index = 0; index < 10; index += 1) {
    timeFold();
    timeParse();
  }
  const folds = [];
  const parses = [];
  for (let index = 0; index < runs; index += 1) {
    folds.push(timeFold());
    parses.push(timeParse());
  }
  progress(
    `fold of ${FOLD_OPS} ops: median ${median(folds).toFixed(2)} ms; JSON.parse ${median(parses).toFixed(2)} ms (${runs} runs)`,
  );
  return [
    metric({
      name: 'foldMs.5000',
      unit: 'ms',
      samples: folds,
      baseline: {
        name: `JSON.parse of the same log (${(text.length / 1024 / 1024).toFixed(1)} MB)`,
        unit: 'ms',
        samples: parses,
      },
      target: { op: '<=', value: 20 },
      extra: {
        mix: typeCounts(log),
        state: {
          notes: check.notes.size,
          decisions: check.decisions.size,
          actions: check.actions.size,
          agendaItems: check.agenda.size,
          attendance: check.attendance.size,
        },
      },
    }),
  ];
}

const round2 = (value) => Math.round(value * 100) / 100;
