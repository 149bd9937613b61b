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
 *
 * What is read back is parsed (zod, the domain's op schemas), not cast: the database may hold
 * what an older version of the tab wrote, or something damaged. A bad entry is left out with a
 * warning on the console; it never stops the meeting from opening.
 */
import { z } from 'zod';
import type { Committee } from '../../domain/committee';
import type { OutgoingOperation, RefusedOperation } from './MeetingSession';
import {
  inTransaction,
  requestResult,
  type IdbDatabase,
  type IdbFactory,
  type IdbKeyRangeFactory,
} from './idb';
import {
  cachedMeetingSchema,
  firstIssue,
  parseLogEntry,
  parseOutgoing,
  type LogEntry,
} from './wire';

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

  /** The cached confirmed log, in seq order (entries that cannot be read are left out). */
  readLog(meetingId: string): Promise<LogEntry[]>;
  /** Adds confirmed ops, as the server sent them, to the cached log (one already there is overwritten). */
  appendLog(meetingId: string, entries: readonly CachedLogEntry[]): Promise<void>;
  /** Replaces the cached log (when the server's log is not the one cached). */
  replaceLog(meetingId: string, entries: readonly CachedLogEntry[]): Promise<void>;
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

/** An op of the log as it is cached: the server's JSON, under its seq. */
export interface CachedLogEntry {
  seq: number;
  raw: unknown;
}

interface OutboxRecord {
  id: string;
  meetingId: string;
  counter: number;
  op: OutgoingOperation;
  refusal: { code: string; message: string; at: string } | null;
}

const outboxRecordSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  counter: z.number(),
  op: z.unknown(),
  refusal: z.object({ code: z.string(), message: z.string(), at: z.string() }).nullable(),
});

/** An outbox record read back, or null (with a warning) if it cannot be used. */
function readRecord(raw: unknown): OutboxRecord | null {
  const record = outboxRecordSchema.safeParse(raw);
  if (!record.success) {
    console.warn(
      `Minutebook: an unsent change in this browser is damaged and was left out (${firstIssue(record.error)})`,
    );
    return null;
  }
  const op = parseOutgoing(record.data.op);
  if (!op.ok) {
    console.warn(
      `Minutebook: unsent change ${record.data.id} cannot be sent and was left out (${op.reason})`,
    );
    return null;
  }
  return { ...record.data, op: op.value };
}

interface MetaRecord {
  key: string;
  value: unknown;
}

const metaRecordSchema = z.object({ key: z.string(), value: z.unknown() });

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
      return (): unknown[] => request.result;
    });
    return read().flatMap((raw) => readRecord(raw) ?? []);
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
            const previous = metaRecordSchema.safeParse(counterRequest.result);
            const value = previous.success ? previous.data.value : null;
            const counter = typeof value === 'number' ? value + 1 : 1;
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
              // Only the refusal changes: the record is put back as it was read.
              const record = outboxRecordSchema.safeParse(request.result);
              if (record.success) store.put({ ...record.data, refusal: { ...reason, at } });
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
        return (): unknown[] => request.result;
      });
      return read().flatMap((raw) => {
        const entry = parseLogEntry(raw);
        if (entry.ok) return [entry.value];
        console.warn(`Minutebook: a cached op is damaged and was left out (${entry.reason})`);
        return [];
      });
    },

    async appendLog(meetingId, entries) {
      if (entries.length === 0) return;
      const db = await database();
      await inTransaction(db, [LOG], 'readwrite', (transaction) => {
        const store = transaction.objectStore(LOG);
        for (const entry of entries) store.put(entry.raw, [meetingId, entry.seq]);
      });
    },

    async replaceLog(meetingId, entries) {
      const db = await database();
      await inTransaction(db, [LOG], 'readwrite', (transaction) => {
        const store = transaction.objectStore(LOG);
        store.delete(meetingRange(meetingId));
        for (const entry of entries) store.put(entry.raw, [meetingId, entry.seq]);
      });
    },

    async readMeeting(meetingId) {
      const db = await database();
      const read = await inTransaction(db, [META], 'readonly', (transaction) => {
        const request = transaction.objectStore(META).get(meetingKey(meetingId));
        return (): unknown => request.result;
      });
      const record = metaRecordSchema.safeParse(read());
      if (!record.success) return null;
      const meeting = cachedMeetingSchema.safeParse(record.data.value);
      if (meeting.success) return meeting.data;
      console.warn(
        `Minutebook: the cached meeting is damaged and was left out (${firstIssue(meeting.error)})`,
      );
      return null;
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
