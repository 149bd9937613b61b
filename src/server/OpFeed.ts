/**
 * In-process fan-out of newly appended ops to stream subscribers. It only says "these ops were
 * committed"; subscribers fill any gap from the store, so a feed message can never be the only
 * copy of an op (and a second server instance could tail the store the same way).
 */
import type { StoredOperation } from '../domain';

export type FeedListener = (ops: readonly StoredOperation[]) => void;

export class OpFeed {
  private readonly listeners = new Map<string, Set<FeedListener>>();

  subscribe(meetingId: string, listener: FeedListener): () => void {
    const set = this.listeners.get(meetingId) ?? new Set();
    set.add(listener);
    this.listeners.set(meetingId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(meetingId);
    };
  }

  publish(meetingId: string, ops: readonly StoredOperation[]): void {
    if (ops.length === 0) return;
    for (const listener of this.listeners.get(meetingId) ?? []) listener(ops);
  }

  subscriberCount(meetingId: string): number {
    return this.listeners.get(meetingId)?.size ?? 0;
  }
}
