/** The session's current snapshot, re-rendering the component whenever it changes. */
import { useCallback, useSyncExternalStore } from 'react';
import type { MeetingSession, MeetingSnapshot } from '../sync/MeetingSession';

export function useSnapshot(session: MeetingSession): MeetingSnapshot {
  const subscribe = useCallback(
    (onChange: () => void) => session.subscribe(() => onChange()),
    [session],
  );
  const current = useCallback(() => session.current(), [session]);
  return useSyncExternalStore(subscribe, current, current);
}
