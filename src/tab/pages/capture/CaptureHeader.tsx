/**
 * The side panel's header: the meeting reference, sync status, quorum, sharing to the stage and
 * the shortcut list.
 */
import { useState } from 'react';
import { QuorumIndicator } from '../../components/QuorumIndicator';
import { SyncStatusBadge } from '../../components/SyncStatusBadge';
import type { MeetingSnapshot } from '../../sync/MeetingSession';
import type { HostPort } from '../../teams/HostPort';
import { useCaptureHeaderStyles } from './CaptureHeader.styles';
import { ShareToStageButton } from './ShareToStageButton';
import { ShortcutHelp, type ShortcutHelpProps } from './ShortcutHelp';

export interface CaptureHeaderProps {
  snapshot: MeetingSnapshot;
  help: ShortcutHelpProps;
  host?: Pick<HostPort, 'canShareToStage' | 'shareToStage'>;
}

export function CaptureHeader({ snapshot, help, host }: CaptureHeaderProps) {
  const styles = useCaptureHeaderStyles();
  const { meeting } = snapshot.view;
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <header className={styles.root}>
      <h1 className={styles.reference} title={meeting.title}>
        {meeting.reference || 'Meeting'}
      </h1>
      <div className={styles.top}>
        <SyncStatusBadge status={snapshot.status} />
        <div className={styles.tools}>
          {host && (
            <ShareToStageButton host={host} meetingId={snapshot.view.id} onProblem={setProblem} />
          )}
          <ShortcutHelp {...help} />
        </div>
      </div>
      {problem && (
        <span className={styles.problem} role="alert">
          {problem}
        </span>
      )}
      <QuorumIndicator quorum={snapshot.view.quorum} />
    </header>
  );
}
