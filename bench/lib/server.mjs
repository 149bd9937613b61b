/**
 * The server under test as a child process: `node dist/server/main.js` on an ephemeral port, a
 * fresh data directory, no demo data. Resolves once it prints its MINUTEBOOK_LISTENING line.
 */
import { spawn } from 'node:child_process';

/** Kept in step with the start script in package.json. */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4'];
import fs from 'node:fs';
import { ROOT, SERVER_MAIN } from './dist.mjs';
import { makeTempDir, removeTempDir, trackChild } from './cleanup.mjs';

const LISTENING = /^MINUTEBOOK_LISTENING (\S+)$/m;
const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;
const KEPT_OUTPUT = 8_000;

export async function startServer() {
  if (!fs.existsSync(SERVER_MAIN)) {
    throw new Error('dist/server/main.js is missing: run npm run build:server first.');
  }
  const dataDir = makeTempDir('server');
  const child = trackChild(
    // The same V8 flags as `npm start` (package.json), so the figures are those of the real server.
    spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER_MAIN], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        DATA_DIR: dataDir,
        DEMO_DATA: 'off',
        LOG_LEVEL: 'warn',
        AUTH_MODE: 'local',
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-KEPT_OUTPUT);
  };
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', keep);

  const baseUrl = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`the server did not start within ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk) => {
      keep(chunk);
      const match = LISTENING.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(
          `the server exited (code ${code}, signal ${signal}) before listening:\n${output}`,
        ),
      );
    });
  });
  // Keep draining stdout so that the child never blocks on a full pipe.
  child.stdout.removeAllListeners('data');
  child.stdout.on('data', keep);

  return {
    baseUrl,
    pid: child.pid,
    dataDir,
    output: () => output,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    /** SIGTERM (the server closes cleanly), SIGKILL if it lingers; then removes its data. */
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      removeTempDir(dataDir);
    },
  };
}

/** Resident set size (VmRSS) and its peak (VmHWM) of a process, in MB (MiB), from /proc. */
export function readMemory(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key) => {
    const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!match) throw new Error(`/proc/${pid}/status has no ${key}`);
    return Number(match[1]);
  };
  return { rssMb: kib('VmRSS') / 1024, peakMb: kib('VmHWM') / 1024 };
}
