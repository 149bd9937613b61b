/**
 * In-process fan-out of newly appended ops to stream subscribers. It only says "these ops were
 * committed"; subscribers fill any gap from the store, so a feed message can never be the only
 * copy of an op (and a second server instance could tail the store the same way).
 */
import type { StoredOperation } from '../domain';

export type FeedListener = (ops: readonly StoredOperation[]) => void;

export class OpFeed {
  private readonly listeners = new Map<string, Set<FeedListener>>();

  subscribe(tenantId: string, meetingId: string, listener: FeedListener): () => void {
    const key = feedKey(tenantId, meetingId);
    const set = this.listeners.get(key) ?? new Set();
    set.add(listener);
    this.listeners.set(key, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  }

  publish(tenantId: string, meetingId: string, ops: readonly StoredOperation[]): void {
    if (ops.length === 0) return;
    for (const listener of this.listeners.get(feedKey(tenantId, meetingId)) ?? []) listener(ops);
  }

  subscriberCount(tenantId: string, meetingId: string): number {
    return this.listeners.get(feedKey(tenantId, meetingId))?.size ?? 0;
  }
}

/** Meeting ids are unique only within a tenant. */
function feedKey(tenantId: string, meetingId: string): string {
  return `${tenantId}\u0000${meetingId}`;
}
