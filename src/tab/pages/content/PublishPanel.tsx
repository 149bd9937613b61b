/**
 * Publish: the secretary files the minutes in SharePoint, announces them in the meeting chat,
 * e-mails them and turns the actions into Planner tasks and To Do reminders, through Microsoft
 * Graph. The run goes on on the server; this panel follows it live ("Step 3 of 25: Uploading the
 * minutes…"), reports a failure with the step and the reason and offers Retry (which resumes the
 * same run), and shows links to what was published. Only the secretary sees an enabled button;
 * anyone else is told why not.
 */
import { Button, Field, Link, ProgressBar, Spinner } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PublishProgressEvent, PublishRunState } from '../../../contract/graphApi';
import type { TabApi } from '../../app/TabApi';
import { useLoad } from '../../app/useLoad';
import { Notice } from '../../components/Notice';
import { GraphErrorNotice } from './GraphErrorNotice';
import { progressSentence } from './publishProgress';
import { PublishResults } from './PublishResults';
import { usePublishPanelStyles } from './PublishPanel.styles';

export interface PublishPanelProps {
  meetingId: string;
  api: Pick<TabApi, 'publishStatus' | 'startPublish' | 'followPublish'>;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'starting' }
  | { kind: 'running'; runId: string; latest: PublishProgressEvent | null; done: number }
  | { kind: 'ended'; run: PublishRunState };

const FINISHED = new Set(['done', 'reconciled']);

/**
 * Steps of a wave run side by side: the panel names the first one still going (so the upload is
 * seen while it uploads), else the last reported; and counts those finished.
 */
function whereItStands(
  steps: ReadonlyMap<string, PublishProgressEvent>,
  last: PublishProgressEvent,
): { latest: PublishProgressEvent; done: number } {
  let going: PublishProgressEvent | null = null;
  let done = 0;
  for (const step of steps.values()) {
    if (FINISHED.has(step.status)) done += 1;
    else if (step.status !== 'failed' && (!going || step.step < going.step)) going = step;
  }
  return { latest: going ?? last, done };
}

export function PublishPanel({ meetingId, api }: PublishPanelProps) {
  const styles = usePublishPanelStyles();
  const status = useLoad(() => api.publishStatus(meetingId), meetingId);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [failure, setFailure] = useState<unknown>(null);
  const follow = useRef<AbortController | null>(null);

  const followRun = useCallback(
    async (runId: string) => {
      follow.current?.abort();
      const controller = new AbortController();
      follow.current = controller;
      const steps = new Map<string, PublishProgressEvent>();
      setPhase({ kind: 'running', runId, latest: null, done: 0 });
      try {
        const run = await api.followPublish(
          meetingId,
          runId,
          (event) => {
            steps.set(event.key, event);
            setPhase({ kind: 'running', runId, ...whereItStands(steps, event) });
          },
          controller.signal,
        );
        if (!controller.signal.aborted) setPhase({ kind: 'ended', run });
      } catch (error) {
        if (!controller.signal.aborted) {
          setFailure(error);
          setPhase({ kind: 'idle' });
        }
      }
    },
    [api, meetingId],
  );

  // A run started earlier (another window, before a reload) is followed; a finished one shown.
  const lastRun = status.data?.lastRun ?? null;
  useEffect(() => {
    if (!lastRun || phase.kind !== 'idle') return;
    if (lastRun.status === 'running') void followRun(lastRun.runId);
    else setPhase({ kind: 'ended', run: lastRun });
    // Only when the status arrives, not on every phase change.
  }, [lastRun]);
  useEffect(() => () => follow.current?.abort(), []);

  const publish = async () => {
    setFailure(null);
    setPhase({ kind: 'starting' });
    try {
      const started = await api.startPublish(meetingId);
      await followRun(started.runId);
    } catch (error) {
      setFailure(error);
      setPhase({ kind: 'idle' });
    }
  };

  if (status.loading && !status.data) return <Spinner size="tiny" label="Checking publishing…" />;
  if (!status.data) {
    return <GraphErrorNotice title="Publishing could not be checked." error={status.error} />;
  }
  const { canPublish, reason, inspectorUrl } = status.data;
  const run = phase.kind === 'ended' ? phase.run : null;
  const busy = phase.kind === 'starting' || phase.kind === 'running';
  const retry = run !== null && (run.status === 'failed' || run.status === 'interrupted');
  const label = retry ? 'Retry' : run?.status === 'done' ? 'Publish again' : 'Publish minutes';

  return (
    <section className={styles.root} aria-labelledby="publish-heading">
      <h2 id="publish-heading" className={styles.heading}>
        Publish the minutes
      </h2>
      <p id="publish-explanation" className={styles.text}>
        {canPublish
          ? 'Files the minutes in the committee’s SharePoint library, posts them to the meeting chat, e-mails them to the distribution list, and makes a Planner task and To Do reminders for every action. Publishing again updates them in place.'
          : reason}
      </p>
      <div className={styles.actions}>
        <Button
          appearance="primary"
          {...(canPublish && !busy
            ? { onClick: () => void publish() }
            : { disabledFocusable: true, 'aria-describedby': 'publish-explanation' })}
        >
          {label}
        </Button>
        {inspectorUrl && (
          <Link href={inspectorUrl} target="_blank" rel="noreferrer">
            See what was published in the Graph sandbox
          </Link>
        )}
      </div>
      {failure !== null && <GraphErrorNotice title="Publishing did not start." error={failure} />}
      {phase.kind === 'starting' && <Spinner size="tiny" label="Starting…" />}
      {phase.kind === 'running' && (
        <Field
          validationState="none"
          validationMessage={
            <span role="status" aria-live="polite">
              {phase.latest ? progressSentence(phase.latest) : 'Planning what to publish…'}
            </span>
          }
        >
          <ProgressBar
            aria-label="Publishing progress"
            value={phase.latest ? phase.done / Math.max(1, phase.latest.of) : undefined}
          />
        </Field>
      )}
      {run?.failure && (
        <Notice
          intent="error"
          title={
            run.status === 'interrupted'
              ? 'Publishing was interrupted.'
              : `Publishing stopped${run.failure.step ? ` at “${run.failure.step.label}”` : ''}.`
          }
        >
          {run.failure.message} {run.completed} of {run.total} steps are done; Retry carries on from
          there and never repeats them.
        </Notice>
      )}
      {run?.status === 'done' && (
        <Notice intent="success" title="Published.">
          All {run.total} steps are done
          {run.publishNo && run.publishNo > 1 ? ` (publish ${run.publishNo})` : ''}.
        </Notice>
      )}
      {run && <PublishResults run={run} />}
    </section>
  );
}
