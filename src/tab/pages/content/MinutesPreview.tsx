/**
 * The draft minutes as they stand, rendered by the server in the house format, in a sandboxed
 * frame (no script, no same-origin rights), refreshed a moment after changes arrive; with
 * download links for Word and text. The addresses are signed, short-lived links from the API,
 * because neither a frame nor a download can carry the Teams sign-in token.
 */
import { Button, Link, Spinner } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { MinutesLinks, TabApi } from '../../app/TabApi';
import { useMinutesPreviewStyles } from './MinutesPreview.styles';

export interface MinutesPreviewProps {
  meetingId: string;
  api: Pick<TabApi, 'minutesLinks'>;
  reference: string;
  /** The last confirmed seq: the preview reloads when it moves. */
  lastSeq: number;
  refreshDelayMs?: number;
}

export function MinutesPreview({
  meetingId,
  api,
  reference,
  lastSeq,
  refreshDelayMs = 2000,
}: MinutesPreviewProps) {
  const styles = useMinutesPreviewStyles();
  const [version, setVersion] = useState(0);
  const [links, setLinks] = useState<MinutesLinks | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setVersion((value) => value + 1), refreshDelayMs);
    return () => clearTimeout(timer);
  }, [lastSeq, refreshDelayMs]);
  // Fresh links for every refresh: they expire after ten minutes.
  useEffect(() => {
    let current = true;
    api.minutesLinks(meetingId).then(
      (issued) => current && (setLinks(issued), setProblem(null)),
      (error: unknown) =>
        current &&
        setProblem(
          `The minutes could not be loaded (${(error as Error).message}); try Refresh preview.`,
        ),
    );
    return () => {
      current = false;
    };
  }, [api, meetingId, version]);
  if (!links) {
    return problem ? (
      <p role="alert">{problem}</p>
    ) : (
      <Spinner label="Preparing the draft minutes…" />
    );
  }
  return (
    <div className={styles.root}>
      <div className={styles.bar}>
        <Link href={links.links.docx} download>
          Download Word (.docx)
        </Link>
        <Link href={links.links.txt} target="_blank" rel="noopener">
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
        src={links.links.html}
        sandbox=""
        referrerPolicy="no-referrer"
      />
    </div>
  );
}
