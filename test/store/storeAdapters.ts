/**
 * Every Store adapter and fake, as the contract suites run them: each `open` makes a fresh,
 * empty store. Add an adapter here and every contract suite runs against it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryStore, SlowStore, SqliteStore, type Store } from '../../src/store';

export interface StoreAdapter {
  name: string;
  open: () => Promise<Store>;
  propertyRuns?: number;
}

const directories: string[] = [];

/** A new temporary directory, removed by `removeTemporaryDirectories`. */
export function temporaryDirectory(): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'minutebook-store-'));
  directories.push(directory);
  return directory;
}

export function removeTemporaryDirectories(): void {
  for (const directory of directories.splice(0)) {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

export const STORE_ADAPTERS: readonly StoreAdapter[] = [
  {
    name: 'SQLite (a file in a temporary directory)',
    open: async () => new SqliteStore(temporaryDirectory()),
  },
  { name: 'the in-memory store', open: async () => new MemoryStore() },
  {
    name: 'the slow store (answers after 0-2 ms)',
    open: async () =>
      new SlowStore(new MemoryStore(), { delayMs: () => Math.floor(Math.random() * 3) }),
    propertyRuns: 40,
  },
];
