/**
 * Everything the benchmark must undo: child processes and temporary directories. Parts release
 * what they made in `finally`; this registry is the safety net on an error, Ctrl-C or exit.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const children = new Set();
const directories = new Set();

export function makeTempDir(label) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `minutebook-bench-${label}-`));
  directories.add(dir);
  return dir;
}

export function removeTempDir(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  directories.delete(dir);
}

export function trackChild(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Synchronous, so it also works from process.on('exit'). */
export function cleanupNow() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
  for (const dir of directories) fs.rmSync(dir, { recursive: true, force: true });
  directories.clear();
}

let installed = false;
export function installCleanupHandlers() {
  if (installed) return;
  installed = true;
  process.on('exit', cleanupNow);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      cleanupNow();
      process.exit(130);
    });
  }
}
