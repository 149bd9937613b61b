/**
 * Publishing, the public edge: plan (pure) and execute (with the ledger in the store, through
 * the Graph gateway). See docs/publishing.md.
 */
export {
  planPublish,
  MAX_BATCH_STEPS,
  type PlanInput,
  type PublishHistory,
  type PublishOptions,
} from './planPublish';
export {
  executePublish,
  type ExecuteInput,
  type PublishLinks,
  type PublishProgress,
  type PublishReport,
  type RunningElsewhere,
} from './executePublish';
export { DEFAULT_LEASE_MS, type LeaseOptions } from './runLease';
export { isRunningSnapshot, runProgress, type RunningSnapshot } from './runProgress';
export { createPublishGraph, MISSING_APPLICATION_MESSAGE, type PublishGraph } from './publishGraph';
export { PublishLedger } from './publishLedger';
export { publishKeys, markerOf } from './publishKeys';
export { REGISTER_COLUMNS } from './publishValues';
export type * from './PublishPlan';
