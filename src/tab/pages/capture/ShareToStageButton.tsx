/**
 * Puts the stage view (agenda, decisions, actions, quorum in large type) on the meeting stage for
 * everyone. Shown only when the host says sharing is possible from here.
 */
import { Button } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { describeError } from '../../app/errorMessages';
import type { HostPort } from '../../teams/HostPort';

export interface ShareToStageButtonProps {
  host: Pick<HostPort, 'canShareToStage' | 'shareToStage'>;
  meetingId: string;
  onProblem: (message: string | null) => void;
}

export function ShareToStageButton({ host, meetingId, onProblem }: ShareToStageButtonProps) {
  const [possible, setPossible] = useState(false);
  useEffect(() => {
    let cancelled = false;
    host.canShareToStage().then(
      (can) => !cancelled && setPossible(can),
      () => !cancelled && setPossible(false),
    );
    return () => {
      cancelled = true;
    };
  }, [host]);
  if (!possible) return null;
  const url = `${window.location.origin}/tab/stage.html?meetingId=${encodeURIComponent(meetingId)}`;
  return (
    <Button
      size="small"
      appearance="subtle"
      onClick={() => {
        onProblem(null);
        host.shareToStage(url).catch((error: unknown) => onProblem(describeError(error).message));
      }}
    >
      Share to stage
    </Button>
  );
}
