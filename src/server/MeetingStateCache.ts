/**
 * Folded meeting states kept in memory and brought up to date from the store on each read, so a
 * read folds only the ops it has not seen. Least recently used states are dropped beyond `max`.
 */
import { emptyMeetingState, foldInto, type MeetingState } from '../domain';
import type { Store } from '../store';

const PAGE = 5000;

export class MeetingStateCache {
  private readonly states = new Map<string, MeetingState>();

  constructor(
    private readonly store: Store,
    private readonly max = 200,
  ) {}

  async current(tenantId: string, meetingId: string): Promise<MeetingState> {
    // Meeting ids are unique only within a tenant.
    const key = `${tenantId}\u0000${meetingId}`;
    const state = this.states.get(key) ?? emptyMeetingState(meetingId);
    this.states.delete(key);
    this.states.set(key, state);
    if (this.states.size > this.max) {
      const oldest = this.states.keys().next().value;
      if (oldest !== undefined) this.states.delete(oldest);
    }
    for (;;) {
      const ops = await this.store.readOperations(tenantId, meetingId, state.seq, PAGE);
      foldInto(state, ops);
      if (ops.length < PAGE) return state;
    }
  }
}
