/**
 * The Store port's contract, one suite for every adapter: `describeStoreContract(name, open)`
 * runs it against stores that `open` makes (a fresh, empty store each time). A new adapter (the
 * PostgreSQL one of issue 14) joins by adding one line to test/store/storeAdapters.ts.
 */
import { committeeContract } from './contract/committeeContract';
import type { OpenStore } from './contract/fixtures';
import { idempotenceProperty } from './contract/idempotenceProperty';
import { meetingLogContract } from './contract/meetingLogContract';
import { publishLeaseContract } from './contract/publishLeaseContract';
import { referenceAndArchiveContract } from './contract/referenceAndArchiveContract';

export interface ContractOptions {
  /** Runs of the idempotence property; fewer for adapters whose every call is slow. */
  propertyRuns?: number;
}

export function describeStoreContract(
  name: string,
  open: OpenStore,
  options: ContractOptions = {},
): void {
  describe(`the Store contract, on ${name}`, () => {
    describe('the meeting log', () => meetingLogContract(open));
    describe('meeting references and archiving', () => referenceAndArchiveContract(open));
    describe('committees and grants', () => committeeContract(open));
    describe('the publish run lease', () => publishLeaseContract(open));
    describe('appendOperations under any delivery', () =>
      idempotenceProperty(open, options.propertyRuns ?? 150));
  });
}

export type { OpenStore };
