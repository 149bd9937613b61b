/**
 * The snapshot side of a session, as `useSyncExternalStore` needs it: `current()` gives the same
 * object until something changed, and listeners hear of changes once per scheduled turn (an
 * animation frame by default), not once per op, so a burst of 200 ops renders once.
 */
import type { MeetingSnapshot } from './MeetingSession';

export class SnapshotStore<S extends MeetingSnapshot> {
  private snapshot: S | null = null;
  private dirty = true;
  private queued = false;
  private closed = false;
  private readonly listeners = new Set<(snapshot: MeetingSnapshot) => void>();

  constructor(
    private readonly build: () => S,
    private readonly schedule: (callback: () => void) => void = nextFrame,
  ) {}

  current(): S {
    if (!this.snapshot || this.dirty) {
      this.snapshot = this.build();
      this.dirty = false;
    }
    return this.snapshot;
  }

  subscribe(listener: (snapshot: MeetingSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Something shown changed: the next `current()` builds again, and listeners are told. */
  changed(): void {
    this.dirty = true;
    if (this.queued || this.closed || this.listeners.size === 0) return;
    this.queued = true;
    this.schedule(() => {
      this.queued = false;
      if (this.closed) return;
      const snapshot = this.current();
      for (const listener of [...this.listeners]) {
        try {
          listener(snapshot);
        } catch (error) {
          console.error('Minutebook: a meeting listener failed', error);
        }
      }
    });
  }

  close(): void {
    this.closed = true;
    this.listeners.clear();
  }
}

function nextFrame(callback: () => void): void {
  const frame = (globalThis as { requestAnimationFrame?: (callback: () => void) => unknown })
    .requestAnimationFrame;
  if (typeof frame === 'function') frame(callback);
  else queueMicrotask(callback);
}
