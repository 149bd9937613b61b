/** The storage layer's public edge: the port, its adapters and its fakes. */
export type {
  AppendGuard,
  AppendOutcome,
  AppendResult,
  GrantChange,
  GrantChangeRecord,
  GrantRecord,
  MeetingRecord,
  PublishRunRecord,
  PublishRunStatus,
  PublishStepRecord,
  PublishStepStatus,
  Store,
} from './Store';
export { CorruptRowError } from './CorruptRowError';
export { SqliteStore, DATABASE_FILE, type Durability } from './sqlite/SqliteStore';
export { MemoryStore } from './memory/MemoryStore';
export { SlowStore, type SlowStoreOptions, type StoreMethod } from './memory/SlowStore';
