/**
 * "Nothing acknowledged is ever lost" needs every commit on disk before the server answers:
 * WAL with synchronous=FULL (NORMAL may lose the last commits on power loss, OFF anything not yet
 * written back). Read back from SQLite itself, on the store's own connection (synchronous is a
 * property of each connection) and from the file (journal_mode is a property of the database).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE, SqliteStore } from '../../src/store';

let directory: string;

beforeEach(() => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'minutebook-durability-'));
});

afterEach(() => {
  fs.rmSync(directory, { recursive: true, force: true });
});

describe('the SQLite store, as the server opens it on DATA_DIR', () => {
  it('runs with journal_mode=WAL and synchronous=FULL on its own connection', async () => {
    const store = new SqliteStore(directory);
    try {
      expect(store.durability()).toEqual({ journalMode: 'wal', synchronous: 'FULL' });
    } finally {
      await store.close();
    }
  });

  it('writes its database in WAL mode: another connection sees it, and a -wal file exists', async () => {
    const store = new SqliteStore(directory);
    const reader = new Database(path.join(directory, DATABASE_FILE), { readonly: true });
    try {
      await store.createPublishRun({
        runId: 'run-1',
        tenantId: 't',
        meetingId: 'm',
        publishNo: 1,
        meetingSeq: 0,
        status: 'running',
        startedAt: '2021-01-25T16:00:00.000Z',
        updatedAt: '2021-01-25T16:00:00.000Z',
        report: null,
        leaseHolder: null,
        leaseUntil: null,
      });
      expect(reader.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(fs.existsSync(path.join(directory, `${DATABASE_FILE}-wal`))).toBe(true);
      expect(reader.prepare('SELECT run_id FROM publish_runs').pluck().all()).toEqual(['run-1']);
    } finally {
      reader.close();
      await store.close();
    }
  });

  it('runs with synchronous=FULL again when it reopens a database another connection left at OFF', async () => {
    const other = new Database(path.join(directory, DATABASE_FILE));
    other.pragma('journal_mode = DELETE');
    other.pragma('synchronous = OFF');
    other.exec('CREATE TABLE left_behind (x)');
    other.close();
    const store = new SqliteStore(directory);
    try {
      expect(store.durability()).toEqual({ journalMode: 'wal', synchronous: 'FULL' });
    } finally {
      await store.close();
    }
  });
});
