/**
 * Before the meeting: the actions of earlier meetings to review at this one. Lists those already
 * carried (removable) and the open actions of the committee's earlier meetings, one "Carry"
 * away (`outstanding.carry`).
 */
import { Button, Spinner } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { MeetingView } from '../../../domain';
import { newId } from '../../app/newId';
import type { TabApi } from '../../app/TabApi';
import type { Submit } from '../../components/submit';
import {
  carryCandidates,
  carryPayload,
  type CarryCandidate,
} from '../../../domain/carryCandidates';
import { useOutstandingCarryStyles } from './OutstandingCarry.styles';

export interface OutstandingCarryProps {
  view: MeetingView;
  committeeId: string;
  api: TabApi;
  submit: Submit;
}

export function OutstandingCarry({ view, committeeId, api, submit }: OutstandingCarryProps) {
  const styles = useOutstandingCarryStyles();
  const earlier = useEarlierMeetings(api, committeeId, view);
  const candidates = earlier.views ? carryCandidates(view, earlier.views) : [];
  return (
    <div className={styles.root}>
      <h2 className={styles.subheading}>Carried to this meeting ({view.outstanding.length})</h2>
      {view.outstanding.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <ul className={styles.list}>
          {view.outstanding.map((entry) => (
            <li key={entry.id} className={styles.entry}>
              <span className={styles.ref}>{entry.actionRef}</span>
              <span className={styles.text}>
                {entry.text}
                <br />
                <span className={styles.meta}>
                  {entry.owners.map((owner) => owner.name).join('/')} · target{' '}
                  {entry.lastTargetDate ?? 'none'}
                </span>
              </span>
              <Button
                size="small"
                aria-label={`Remove ${entry.actionRef} from this meeting`}
                onClick={() => void submit('outstanding.remove', { id: entry.id })}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <h2 className={styles.subheading}>Open actions of earlier meetings</h2>
      {earlier.error && <p role="alert">{earlier.error}</p>}
      {!earlier.views && !earlier.error && (
        <Spinner size="tiny" label="Looking for open actions…" />
      )}
      {earlier.views && candidates.length === 0 && <p>No open actions left to carry.</p>}
      {candidates.length > 0 && (
        <ul className={styles.list}>
          {candidates.map((candidate) => (
            <CandidateRow
              key={`${candidate.meetingId}/${candidate.action.id}`}
              candidate={candidate}
              submit={submit}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function CandidateRow({ candidate, submit }: { candidate: CarryCandidate; submit: Submit }) {
  const styles = useOutstandingCarryStyles();
  const { action } = candidate;
  return (
    <li className={styles.entry}>
      <span className={styles.ref}>{action.actionId}</span>
      <span className={styles.text}>
        {action.text}
        <br />
        <span className={styles.meta}>
          {action.owners.map((owner) => owner.name).join('/')} · {candidate.meetingReference} ·
          target {candidate.lastTargetDate ?? 'none'}
        </span>
      </span>
      <Button
        size="small"
        aria-label={`Carry ${action.actionId}`}
        onClick={() => void submit('outstanding.carry', carryPayload(candidate, `o-${newId()}`))}
      >
        Carry
      </Button>
    </li>
  );
}

/** The views of the committee's meetings dated before this one. */
function useEarlierMeetings(api: TabApi, committeeId: string, view: MeetingView) {
  const [state, setState] = useState<{ views: MeetingView[] | null; error: string | null }>({
    views: null,
    error: null,
  });
  const date = view.meeting.date;
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const meetings = await api.listMeetings(committeeId);
      const earlier = meetings.filter(
        (meeting) => meeting.id !== view.id && date !== null && (meeting.date ?? '') < date,
      );
      const views = await Promise.all(earlier.map((meeting) => api.meetingView(meeting.id)));
      if (!cancelled) setState({ views, error: null });
    })().catch((error: unknown) => {
      if (!cancelled)
        setState({
          views: null,
          error: `Earlier meetings could not be read: ${String((error as Error)?.message ?? error)}`,
        });
    });
    return () => {
      cancelled = true;
    };
  }, [api, committeeId, view.id, date]);
  return state;
}
