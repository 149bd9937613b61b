/**
 * One server child process that serves several builds of the tab, each on its own port, over
 * one store with the demo data seeded (DEMO_DATA on, as a first `npm start`). See
 * tabServerChild.mjs. Resolves with `{ baseUrls: {name: url}, pid, stop() … }`.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir, removeTempDir, trackChild } from './cleanup.mjs';
import { ROOT } from './dist.mjs';
import { SERVER_NODE_FLAGS } from './server.mjs';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'tabServerChild.mjs');
const LISTENING = /^MINUTEBOOK_LISTENING (\S+) (\S+)$/gm;
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;
const KEPT_OUTPUT = 8_000;

/** `tabDirs`: {name: directory of a built tab}. */
export async function startTabServers(tabDirs) {
  const dataDir = makeTempDir('tab-server');
  const child = trackChild(
    spawn(
      process.execPath,
      [...SERVER_NODE_FLAGS, CHILD, ...Object.entries(tabDirs).map(([n, dir]) => `${n}=${dir}`)],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATA_DIR: dataDir,
          DEMO_DATA: 'on',
          LOG_LEVEL: 'warn',
          AUTH_MODE: 'local',
          HOST: '127.0.0.1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    ),
  );
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-KEPT_OUTPUT);
  };
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', keep);
  let stdout = '';
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`the tab server did not start within ${START_TIMEOUT_MS} ms:\n${output}`));
      }, START_TIMEOUT_MS);
      child.stdout.on('data', (chunk) => {
        keep(chunk);
        stdout += chunk;
        if (stdout.includes('MINUTEBOOK_READY')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the tab server exited (code ${code}, signal ${signal}):\n${output}`));
      });
    });
  } catch (error) {
    child.kill('SIGKILL');
    removeTempDir(dataDir);
    throw error;
  }
  const baseUrls = Object.fromEntries([...stdout.matchAll(LISTENING)].map((m) => [m[1], m[2]]));
  child.stdout.removeAllListeners('data');
  child.stdout.on('data', keep);
  return {
    baseUrls,
    pid: child.pid,
    dataDir,
    output: () => output,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    /** SIGTERM, SIGKILL if it lingers; then removes its data. */
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
