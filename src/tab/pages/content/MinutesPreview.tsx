/**
 * The draft minutes as they stand, rendered by the server in the house format, in a sandboxed
 * frame (no script, no same-origin rights), refreshed a moment after changes arrive; with
 * download links for Word and text.
 */
import { Button, Link } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { minutesUrl } from '../../app/TabApi';
import { useMinutesPreviewStyles } from './MinutesPreview.styles';

export interface MinutesPreviewProps {
  meetingId: string;
  reference: string;
  /** The last confirmed seq: the preview reloads when it moves. */
  lastSeq: number;
  refreshDelayMs?: number;
}

export function MinutesPreview({
  meetingId,
  reference,
  lastSeq,
  refreshDelayMs = 2000,
}: MinutesPreviewProps) {
  const styles = useMinutesPreviewStyles();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const timer = setTimeout(() => setVersion((value) => value + 1), refreshDelayMs);
    return () => clearTimeout(timer);
  }, [lastSeq, refreshDelayMs]);
  return (
    <div className={styles.root}>
      <div className={styles.bar}>
        <Link href={minutesUrl(meetingId, 'docx')} download>
          Download Word (.docx)
        </Link>
        <Link href={minutesUrl(meetingId, 'txt')} target="_blank" rel="noopener">
          Open as text (.txt)
        </Link>
        <Button size="small" onClick={() => setVersion((value) => value + 1)}>
          Refresh preview
        </Button>
      </div>
      <iframe
        key={version}
        className={styles.frame}
        title={`Draft minutes of ${reference}`}
        src={minutesUrl(meetingId, 'html')}
        sandbox=""
        referrerPolicy="no-referrer"
      />
    </div>
  );
}
