/**
 * Counters for `GET /_sandbox/stats`: HTTP round trips (a `$batch` is one), Graph operations (a
 * batch of 20 is 20), answers by status and by route, and injected faults by kind.
 */
import { FAULT_KINDS, type FaultKind } from './faults';

export type FaultCounter = FaultKind | 'latency';

export interface StatsSnapshot {
  roundTrips: number;
  graphRequests: number;
  batchRequests: number;
  batchItems: number;
  uploadRequests: number;
  byStatus: Record<string, number>;
  byRoute: Record<string, number>;
  faults: Record<FaultCounter, number>;
}

function emptyFaults(): Record<FaultCounter, number> {
  const faults = { latency: 0 } as Record<FaultCounter, number>;
  for (const kind of FAULT_KINDS) faults[kind] = 0;
  return faults;
}

export class SandboxStats {
  private data: StatsSnapshot = SandboxStats.empty();

  private static empty(): StatsSnapshot {
    return {
      roundTrips: 0,
      graphRequests: 0,
      batchRequests: 0,
      batchItems: 0,
      uploadRequests: 0,
      byStatus: {},
      byRoute: {},
      faults: emptyFaults(),
    };
  }

  reset(): void {
    this.data = SandboxStats.empty();
  }

  roundTrip(kind: 'graph' | 'batch' | 'upload'): void {
    this.data.roundTrips += 1;
    if (kind === 'batch') this.data.batchRequests += 1;
    if (kind === 'upload') this.data.uploadRequests += 1;
  }

  operation(method: string, path: string, status: number, inBatch: boolean): void {
    this.data.graphRequests += 1;
    if (inBatch) this.data.batchItems += 1;
    const route = `${method} ${routeKey(path)}`;
    this.data.byRoute[route] = (this.data.byRoute[route] ?? 0) + 1;
    this.data.byStatus[String(status)] = (this.data.byStatus[String(status)] ?? 0) + 1;
  }

  fault(kind: FaultCounter): void {
    this.data.faults[kind] += 1;
  }

  snapshot(): StatsSnapshot {
    return structuredClone(this.data);
  }
}

/** Collapses ids so counters group by operation: `/planner/tasks/{id}`. */
function routeKey(path: string): string {
  return path
    .split('?')[0]!
    .split('/')
    .map((segment) =>
      segment.length > 16 || /\d/.test(segment) || segment.includes('%') ? '{id}' : segment,
    )
    .join('/');
}
