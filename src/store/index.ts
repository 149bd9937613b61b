/** The storage layer's public edge: the port and its adapters. */
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
export { SqliteStore, DATABASE_FILE } from './sqlite/SqliteStore';
