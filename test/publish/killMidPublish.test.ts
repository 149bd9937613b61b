/**
 * Killing the publisher mid-publish: the compiled publisher runs in a child process
 * (publishChild.js) against the sandbox in this process, slowed to 40 ms a request so that it is
 * mid-way when it gets SIGKILL. It is killed at two kinds of moment: just after it sent a request
 * (its progress says "running"), and just after the sandbox carried a write out but before the
 * answer reached it (the worst case: the work is done and the publisher cannot know). A new child
 * on the same DATA_DIR resumes the same run from the ledger, looks up what was in doubt, and ends
 * with exactly the state of a publish that was never interrupted.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  startGraphSandbox,
  type RunningGraphSandbox,
  type SandboxExchange,
} from '../../src/sandbox';
import type { PublishProgress, PublishReport } from '../../src/publish';
import { DEFAULT_LEASE_MS } from '../../src/publish/runLease';
import { MEETING_ID, sequence } from '../fixtures/opsg41';
import {
  meetingOps,
  publishedCounts,
  publishingCommittee,
  TENANT,
  type PublishedCounts,
} from './support';

const ROOT = path.resolve(__dirname, '../..');
const BUILT = path.join(ROOT, 'dist', 'publish', 'index.js');
const CHILD = path.join(__dirname, 'publishChild.js');
const LATENCY_MS = 40;

let sandbox: RunningGraphSandbox;
/** Called with every answer the sandbox gives (batch items included), before it is sent. */
let onExchange: ((exchange: SandboxExchange) => void) | null = null;
const directories: string[] = [];
const children = new Set<ChildProcess>();

type KillWhen =
  | { progress: (event: PublishProgress) => boolean }
  | { carriedOut: (exchange: SandboxExchange) => boolean };

interface ChildRun {
  events: PublishProgress[];
  report: PublishReport | null;
  killed: boolean;
}

/** Runs the publisher; SIGKILLs it as soon as `killWhen` holds. */
function runChild(
  dataDir: string,
  killWhen?: KillWhen,
  executor: { holder: string; clockOffsetMs: number } = { holder: 'first', clockOffsetMs: 0 },
): Promise<ChildRun> {
  const seed = sandbox.seed!;
  const inputFile = path.join(dataDir, 'input.json');
  fs.writeFileSync(
    inputFile,
    JSON.stringify({
      dataDir,
      tenantId: TENANT,
      meetingId: MEETING_ID,
      ops: sequence(meetingOps(seed)),
      committee: publishingCommittee(seed),
      graphBaseUrl: sandbox.graphBaseUrl,
      organizerId: seed.organizer.id,
      ...executor,
    }),
  );
  const child = spawn(process.execPath, [CHILD, inputFile], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const run: ChildRun = { events: [], report: null, killed: false };
  const kill = () => {
    if (run.killed) return;
    run.killed = true;
    child.kill('SIGKILL');
  };
  const onProgress = killWhen && 'progress' in killWhen ? killWhen.progress : null;
  const onCarriedOut = killWhen && 'carriedOut' in killWhen ? killWhen.carriedOut : null;
  onExchange = onCarriedOut
    ? (exchange) => {
        if (exchange.status < 300 && onCarriedOut(exchange)) kill();
      }
    : null;
  let buffered = '';
  let errors = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line.startsWith('PROGRESS ')) {
        const event = JSON.parse(line.slice(9)) as PublishProgress;
        run.events.push(event);
        if (onProgress?.(event)) kill();
      } else if (line.startsWith('REPORT ')) {
        run.report = JSON.parse(line.slice(7)) as PublishReport;
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    errors += chunk.toString('utf8');
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code, signal) => {
      children.delete(child);
      if (signal === 'SIGKILL' || code === 0) resolve(run);
      else reject(new Error(`the publisher exited with ${code}:\n${errors}`));
    });
  });
}

function dataDirectory(): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'minutebook-publish-kill-'));
  directories.push(directory);
  return directory;
}

/** The newest modification time of what tsconfig.build.json compiles. */
function newestSource(directory: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (full !== path.join(ROOT, 'src', 'tab')) newest = Math.max(newest, newestSource(full));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

beforeAll(async () => {
  const stale = () =>
    !fs.existsSync(BUILT) || fs.statSync(BUILT).mtimeMs < newestSource(path.join(ROOT, 'src'));
  if (stale()) {
    try {
      execFileSync(
        process.execPath,
        [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
        { cwd: ROOT, stdio: 'pipe' },
      );
    } catch (error) {
      // tsc emits despite type errors elsewhere (typecheck reports those); only a missing or
      // stale build stops the test.
      if (stale())
        throw new Error(
          `could not build:\n${String((error as { stdout?: Buffer }).stdout ?? error)}`,
        );
    }
  }
  sandbox = await startGraphSandbox({
    faults: { latencyMs: LATENCY_MS },
    onExchange: (exchange) => onExchange?.(exchange),
  });
}, 120_000);

afterAll(async () => {
  for (const child of [...children]) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
  await sandbox?.close();
  for (const directory of directories) fs.rmSync(directory, { recursive: true, force: true });
});

let uninterrupted: PublishedCounts;

beforeAll(async () => {
  sandbox.reset();
  sandbox.faults.configure({ latencyMs: LATENCY_MS });
  const run = await runChild(dataDirectory());
  expect(run.report).toMatchObject({ status: 'done', publishNo: 1 });
  uninterrupted = await publishedCounts(sandbox);
  expect(uninterrupted).toMatchObject({
    documents: 1,
    versions: 2,
    chatPosts: 1,
    mails: 1,
    rows: 6,
    plannerTasks: 6,
    todoTasks: 2,
  });
}, 60_000);

const sent = (kind: string) => ({
  progress: (event: PublishProgress) => event.status === 'running' && event.kind === kind,
});
const carriedOut = (method: string, path: RegExp) => ({
  carriedOut: (exchange: SandboxExchange) => exchange.method === method && path.test(exchange.path),
});

describe.each([
  ['just after sending the document', sent('document.upload'), false],
  ['just after sending the e-mail draft', sent('mail.draft'), false],
  [
    'when the document is uploaded but the answer has not arrived',
    carriedOut('PUT', /\/content$/),
    true,
  ],
  [
    'when a batch of Planner tasks is created but not answered',
    carriedOut('POST', /^\/planner\/tasks$/),
    true,
  ],
  [
    'when the chat post is made but not answered',
    carriedOut('POST', /^\/chats\/.*\/messages$/),
    true,
  ],
  [
    'when the reminders are created but not answered',
    carriedOut('POST', /\/todo\/lists\/.*\/tasks$/),
    true,
  ],
  ['when the e-mail is sent but not answered', carriedOut('POST', /\/send$/), true],
] as [string, KillWhen, boolean][])(
  'when the publisher is killed %s',
  (_moment, killWhen, committed) => {
    it('resumes the same run and ends with exactly what an uninterrupted publish leaves', async () => {
      sandbox.reset();
      sandbox.faults.configure({ latencyMs: LATENCY_MS });
      const dataDir = dataDirectory();
      const first = await runChild(dataDir, killWhen);
      expect(first.killed).toBe(true);
      expect(first.report).toBeNull();
      // What the killed publisher had sent may still be being carried out by "Graph".
      await new Promise((resolve) => setTimeout(resolve, LATENCY_MS * 3));

      // Another process: it may take the run once the killed one's lease has run out.
      const second = await runChild(dataDir, undefined, {
        holder: 'second',
        clockOffsetMs: DEFAULT_LEASE_MS + 1_000,
      });
      expect(second.report).toMatchObject({
        status: 'done',
        publishNo: 1,
        runId: first.events[0]!.runId,
      });
      // Every step not done before the kill is done (or found done) once by the second publisher.
      const doneBefore = new Set(
        first.events.filter((event) => event.status === 'done').map((event) => event.key),
      );
      // The second first says what was done before (truthful progress), then does the rest.
      const said = new Set(second.events.filter((event) => event.earlier).map((e) => e.key));
      expect([...doneBefore].filter((key) => !said.has(key))).toEqual([]);
      const finished = second.events.filter(
        (event) => !event.earlier && (event.status === 'done' || event.status === 'reconciled'),
      );
      expect(new Set(finished.map((event) => event.key)).size).toBe(finished.length);
      expect(finished.filter((event) => said.has(event.key))).toEqual([]);
      expect(finished.length + said.size).toBe((second.report as { total: number }).total);
      // Work carried out before the kill is found by looking it up, not done again.
      const inFlight = first.events
        .filter((event) => event.status === 'running' && !doneBefore.has(event.key))
        .map((event) => event.key);
      const reconciled = second.events
        .filter((event) => event.status === 'reconciled')
        .map((event) => event.key);
      if (committed) expect(reconciled.length).toBeGreaterThan(0);
      expect(reconciled.every((key) => inFlight.includes(key))).toBe(true);
      expect(await publishedCounts(sandbox)).toEqual(uninterrupted);
    }, 30_000);
  },
);
