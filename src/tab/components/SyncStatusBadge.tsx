/** Whether the secretary's changes are safe: Saved, Saving…, Offline — N pending, or Refused. */
import { mergeClasses } from '@fluentui/react-components';
import type { SyncStatus } from '../sync/MeetingSession';
import { useSyncStatusBadgeStyles } from './SyncStatusBadge.styles';

export function syncStatusText(status: SyncStatus): string {
  switch (status.state) {
    case 'saved':
      return 'Saved';
    case 'saving':
      return 'Saving…';
    case 'offline':
      return `Offline — ${status.pending} pending`;
    case 'refused':
      return `Refused: ${status.message}`;
  }
}

export function SyncStatusBadge({ status }: { status: SyncStatus }) {
  const styles = useSyncStatusBadgeStyles();
  return (
    <span className={styles.root} role="status" aria-label="Sync status">
      <span className={mergeClasses(styles.dot, styles[status.state])} aria-hidden="true" />
      <span className={status.state === 'refused' ? styles.refusedText : undefined}>
        {syncStatusText(status)}
      </span>
    </span>
  );
}
