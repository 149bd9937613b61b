/**
 * The part of IndexedDB the outbox uses, typed structurally so this code also type-checks where
 * the DOM library is absent (the Node test program), plus promise helpers around requests and
 * transactions. The browser's `indexedDB` and fake-indexeddb both fit these shapes.
 */

export type IdbKey = string | number | IdbKey[];

/** An `IDBKeyRange`; opaque here. */
export interface IdbKeyRange {
  readonly lower: unknown;
  readonly upper: unknown;
}

export interface IdbKeyRangeFactory {
  bound(lower: IdbKey, upper: IdbKey, lowerOpen?: boolean, upperOpen?: boolean): IdbKeyRange;
}

export interface IdbError {
  readonly name: string;
  readonly message: string;
}

export interface IdbRequest<T> {
  readonly result: T;
  readonly error: IdbError | null;
  onsuccess: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface IdbOpenRequest extends IdbRequest<IdbDatabase> {
  onupgradeneeded: ((event: { oldVersion: number }) => void) | null;
  onblocked: ((event: unknown) => void) | null;
}

export interface IdbFactory {
  open(name: string, version?: number): IdbOpenRequest;
  deleteDatabase(name: string): IdbRequest<unknown>;
}

export type IdbMode = 'readonly' | 'readwrite';

export interface IdbDatabase {
  readonly objectStoreNames: { contains(name: string): boolean };
  createObjectStore(
    name: string,
    options?: { keyPath?: string | string[]; autoIncrement?: boolean },
  ): IdbObjectStore;
  transaction(
    stores: string | string[],
    mode?: IdbMode,
    options?: { durability?: 'default' | 'strict' | 'relaxed' },
  ): IdbTransaction;
  close(): void;
  onversionchange: ((event: unknown) => void) | null;
}

export interface IdbTransaction {
  objectStore(name: string): IdbObjectStore;
  readonly error: IdbError | null;
  oncomplete: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onabort: ((event: unknown) => void) | null;
  abort(): void;
}

export interface IdbObjectStore {
  put(value: unknown, key?: IdbKey): IdbRequest<IdbKey>;
  get(key: IdbKey): IdbRequest<unknown>;
  delete(key: IdbKey | IdbKeyRange): IdbRequest<undefined>;
  getAll(query?: IdbKey | IdbKeyRange | null): IdbRequest<unknown[]>;
  index(name: string): IdbIndex;
  createIndex(name: string, keyPath: string | string[], options?: { unique?: boolean }): unknown;
}

export interface IdbIndex {
  getAll(query?: IdbKey | IdbKeyRange | null): IdbRequest<unknown[]>;
}

export class IdbFailure extends Error {
  constructor(message: string, cause?: unknown) {
    super(message);
    this.name = 'IdbFailure';
    if (cause !== undefined) (this as { cause?: unknown }).cause = cause;
  }
}

/** Resolves with the request's result. Only for reads: writes are done when their transaction completes. */
export function requestResult<T>(request: IdbRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () =>
      reject(new IdbFailure(`IndexedDB request failed: ${request.error?.message ?? 'unknown'}`));
  });
}

/**
 * Runs `work` in one transaction and resolves with its value once the transaction has
 * completed (committed), or rejects if it aborts. `work` must queue its requests synchronously or
 * from request callbacks, as IndexedDB requires.
 */
export function inTransaction<T>(
  db: IdbDatabase,
  stores: string[],
  mode: IdbMode,
  work: (transaction: IdbTransaction) => T,
  durability: 'default' | 'strict' | 'relaxed' = 'default',
): Promise<T> {
  return new Promise((resolve, reject) => {
    let transaction: IdbTransaction;
    try {
      transaction =
        durability === 'default'
          ? db.transaction(stores, mode)
          : db.transaction(stores, mode, { durability });
    } catch (error) {
      reject(new IdbFailure('IndexedDB could not start a transaction.', error));
      return;
    }
    let value: T;
    transaction.oncomplete = () => resolve(value);
    const fail = () =>
      reject(
        new IdbFailure(
          `IndexedDB transaction failed: ${transaction.error?.message ?? 'it was aborted'}`,
          transaction.error,
        ),
      );
    transaction.onerror = fail;
    transaction.onabort = fail;
    try {
      value = work(transaction);
    } catch (error) {
      try {
        transaction.abort();
      } catch {
        // Already finished.
      }
      reject(error);
    }
  });
}
