/**
 * The outbox: ops made in this browser that the server has not acknowledged yet, in IndexedDB so
 * that they survive a reload, a crash or a lost network. `add` resolves only once its transaction
 * has committed, so the UI may say "saved locally" when it returns. Ops the server refused stay
 * here too, marked with the server's reason, until the user dismisses them: typed text is never
 * dropped silently.
 *
 * The same database caches each meeting's confirmed log and its committee, so that a reload
 * while offline still shows the meeting.
 *
 * Database `minutebook` (version 1):
 * - `outbox`: key = op id; `{id, meetingId, counter, op, refusal}`; index `byMeeting` on
 *   `[meetingId, counter]`, where `counter` is a local insertion counter (so `pending` keeps the
 *   order the ops were made in, across reloads).
 * - `log`: key = `[meetingId, seq]`; the confirmed ops.
 * - `meta`: key = `key`; the insertion counter and, per meeting, `{committee, actor}`.
 */
import type { Committee } from '../../domain/committee';
import type { StoredOperation } from '../../domain/operation';
import type { OutgoingOperation, RefusedOperation } from './MeetingSession';
import {
  inTransaction,
  requestResult,
  type IdbDatabase,
  type IdbFactory,
  type IdbKeyRangeFactory,
} from './idb';

export const OUTBOX_DB_NAME = 'minutebook';
const DB_VERSION = 1;
const OUTBOX = 'outbox';
const LOG = 'log';
const META = 'meta';
const BY_MEETING = 'byMeeting';
const COUNTER_KEY = 'outboxCounter';

/** What is cached for a meeting besides its log. */
export interface CachedMeeting {
  committee: Committee;
  /** The signed-in user as the server names them, for ops not yet confirmed. */
  actor: string | null;
}

export interface Outbox {
  /** Stores `op` as pending; resolves once the write is durable. */
  add(op: OutgoingOperation): Promise<void>;
  /** The meeting's pending ops (not refused), in the order they were added. */
  pending(meetingId: string): Promise<OutgoingOperation[]>;
  /** Forgets ops (acknowledged by the server, or refused ones the user dismissed). */
  remove(ids: readonly string[]): Promise<void>;
  /** Moves ops out of the queue, keeping them with the server's reason. */
  refuse(ids: readonly string[], reason: { code: string; message: string }): Promise<void>;
  /** The meeting's refused ops, in the order they were added. */
  refused(meetingId: string): Promise<RefusedOperation[]>;

  /** The cached confirmed log, in seq order. */
  readLog(meetingId: string): Promise<StoredOperation[]>;
  /** Adds confirmed ops to the cached log (an op already there is overwritten). */
  appendLog(meetingId: string, ops: readonly StoredOperation[]): Promise<void>;
  /** Replaces the cached log (when the server's log is not the one cached). */
  replaceLog(meetingId: string, ops: readonly StoredOperation[]): Promise<void>;
  readMeeting(meetingId: string): Promise<CachedMeeting | null>;
  writeMeeting(meetingId: string, meeting: CachedMeeting): Promise<void>;

  /** Closes the database; later calls fail. */
  close(): void;
}

export interface OutboxOptions {
  /** Default `minutebook`; tests use one name per simulated browser. */
  dbName?: string;
  /** Default the global `indexedDB`. */
  indexedDB?: IdbFactory;
  /** Default the global `IDBKeyRange`. */
  keyRange?: IdbKeyRangeFactory;
}

interface OutboxRecord {
  id: string;
  meetingId: string;
  counter: number;
  op: OutgoingOperation;
  refusal: { code: string; message: string; at: string } | null;
}

interface MetaRecord {
  key: string;
  value: unknown;
}

export function createOutbox(options: OutboxOptions = {}): Outbox {
  const globals = globalThis as { indexedDB?: IdbFactory; IDBKeyRange?: IdbKeyRangeFactory };
  const factory = options.indexedDB ?? globals.indexedDB;
  const keyRange = options.keyRange ?? globals.IDBKeyRange;
  const name = options.dbName ?? OUTBOX_DB_NAME;
  let opening: Promise<IdbDatabase> | null = null;
  let closed = false;

  function database(): Promise<IdbDatabase> {
    if (closed) return Promise.reject(new Error('The outbox is closed.'));
    if (!factory || !keyRange) {
      return Promise.reject(new Error('IndexedDB is not available in this browser.'));
    }
    opening ??= openDatabase(factory, name).then((db) => {
      // Another tab upgrading the schema: let it, and reopen on next use.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      return db;
    });
    opening.catch(() => {
      opening = null;
    });
    return opening;
  }

  const meetingRange = (meetingId: string) => {
    if (!keyRange) throw new Error('IndexedDB is not available in this browser.');
    return keyRange.bound([meetingId, -Infinity], [meetingId, Infinity]);
  };

  async function records(meetingId: string): Promise<OutboxRecord[]> {
    const db = await database();
    const read = await inTransaction(db, [OUTBOX], 'readonly', (transaction) => {
      const request = transaction
        .objectStore(OUTBOX)
        .index(BY_MEETING)
        .getAll(meetingRange(meetingId));
      return () => request.result as OutboxRecord[];
    });
    return read();
  }

  return {
    async add(op) {
      const db = await database();
      await inTransaction(
        db,
        [OUTBOX, META],
        'readwrite',
        (transaction) => {
          const meta = transaction.objectStore(META);
          const counterRequest = meta.get(COUNTER_KEY);
          counterRequest.onsuccess = () => {
            const previous = (counterRequest.result as MetaRecord | undefined)?.value;
            const counter = typeof previous === 'number' ? previous + 1 : 1;
            meta.put({ key: COUNTER_KEY, value: counter } satisfies MetaRecord);
            const record: OutboxRecord = {
              id: op.id,
              meetingId: op.meetingId,
              counter,
              op,
              refusal: null,
            };
            transaction.objectStore(OUTBOX).put(record);
          };
        },
        'strict',
      );
    },

    async pending(meetingId) {
      return (await records(meetingId))
        .filter((record) => record.refusal === null)
        .map((record) => record.op);
    },

    async refused(meetingId) {
      return (await records(meetingId)).flatMap((record) =>
        record.refusal === null
          ? []
          : [
              {
                op: record.op,
                code: record.refusal.code,
                message: record.refusal.message,
                refusedAt: record.refusal.at,
              },
            ],
      );
    },

    async remove(ids) {
      if (ids.length === 0) return;
      const db = await database();
      await inTransaction(db, [OUTBOX], 'readwrite', (transaction) => {
        const store = transaction.objectStore(OUTBOX);
        for (const id of ids) store.delete(id);
      });
    },

    async refuse(ids, reason) {
      if (ids.length === 0) return;
      const db = await database();
      const at = new Date().toISOString();
      await inTransaction(
        db,
        [OUTBOX],
        'readwrite',
        (transaction) => {
          const store = transaction.objectStore(OUTBOX);
          for (const id of ids) {
            const request = store.get(id);
            request.onsuccess = () => {
              const record = request.result as OutboxRecord | undefined;
              if (record) store.put({ ...record, refusal: { ...reason, at } });
            };
          }
        },
        'strict',
      );
    },

    async readLog(meetingId) {
      const db = await database();
      const read = await inTransaction(db, [LOG], 'readonly', (transaction) => {
        const request = transaction.objectStore(LOG).getAll(meetingRange(meetingId));
        return () => request.result as StoredOperation[];
      });
      return read();
    },

    async appendLog(meetingId, ops) {
      if (ops.length === 0) return;
      const db = await database();
      await inTransaction(db, [LOG], 'readwrite', (transaction) => {
        const store = transaction.objectStore(LOG);
        for (const op of ops) store.put(op, [meetingId, op.seq]);
      });
    },

    async replaceLog(meetingId, ops) {
      const db = await database();
      await inTransaction(db, [LOG], 'readwrite', (transaction) => {
        const store = transaction.objectStore(LOG);
        store.delete(meetingRange(meetingId));
        for (const op of ops) store.put(op, [meetingId, op.seq]);
      });
    },

    async readMeeting(meetingId) {
      const db = await database();
      const read = await inTransaction(db, [META], 'readonly', (transaction) => {
        const request = transaction.objectStore(META).get(meetingKey(meetingId));
        return () => (request.result as MetaRecord | undefined)?.value as CachedMeeting | undefined;
      });
      return read() ?? null;
    },

    async writeMeeting(meetingId, meeting) {
      const db = await database();
      await inTransaction(db, [META], 'readwrite', (transaction) => {
        transaction
          .objectStore(META)
          .put({ key: meetingKey(meetingId), value: meeting } satisfies MetaRecord);
      });
    },

    close() {
      closed = true;
      const current = opening;
      opening = null;
      void current?.then((db) => db.close()).catch(() => undefined);
    },
  };
}

function meetingKey(meetingId: string): string {
  return `meeting:${meetingId}`;
}

function openDatabase(factory: IdbFactory, name: string): Promise<IdbDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(OUTBOX)) {
        const outbox = db.createObjectStore(OUTBOX, { keyPath: 'id' });
        outbox.createIndex(BY_MEETING, ['meetingId', 'counter']);
      }
      // The log's key is given on put ([meetingId, seq]): ops stay exactly as the server sent them.
      if (!db.objectStoreNames.contains(LOG)) db.createObjectStore(LOG);
      if (!db.objectStoreNames.contains(META)) db.createObjectStore(META, { keyPath: 'key' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () =>
      reject(new Error(`IndexedDB "${name}" could not be opened: ${request.error?.message ?? ''}`));
    request.onblocked = () => {
      // An older tab still has the database open; the open completes once it closes it.
    };
  });
}

/** Deletes the whole database (tests; "forget this browser's data"). */
export function deleteOutboxDatabase(
  name = OUTBOX_DB_NAME,
  factory = (globalThis as { indexedDB?: IdbFactory }).indexedDB,
): Promise<void> {
  if (!factory) return Promise.resolve();
  return requestResult(factory.deleteDatabase(name)).then(() => undefined);
}
