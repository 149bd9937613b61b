/**
 * The Graph sandbox's public edge: a local look-alike of the Microsoft Graph v1.0 slice Minutebook
 * uses, for the local mode and for tests (like Microsoft's Dev Proxy; never a production path).
 */
export {
  createGraphSandbox,
  DEFAULT_LIMITS,
  type GraphSandbox,
  type GraphSandboxOptions,
} from './createGraphSandbox';
export {
  startGraphSandbox,
  type RunningGraphSandbox,
  type StartOptions,
} from './startGraphSandbox';
export {
  FaultInjector,
  FAULT_KINDS,
  type FaultKind,
  type FaultSettings,
  type ScriptedFault,
} from './faults';
export type { StatsSnapshot } from './stats';
export type { SandboxExchange, ContractViolation } from './core/responseContract';
export type { SeedInfo, SeedOptions } from './state/seedTenant';
export type { SandboxState } from './state/SandboxState';
export { validateGraphPayload, type ContractIssue } from './contract/validateGraphPayload';
export { sandboxFetch, type FetchLike } from './sandboxFetch';
export type { PublicUrls } from './core/types';
