/**
 * A personal page: the open actions across the tenant's meetings, grouped by meeting, filtered
 * to those assigned to the user when the user is a contact in an owner directory.
 */
import { MessageBar, MessageBarBody, Spinner, Switch } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Committee, MeetingView } from '../../../domain';
import { ErrorView } from '../../app/ErrorView';
import type { PageProps } from '../../app/pageProps';
import { useMyActionsPageStyles } from './MyActionsPage.styles';
import { contactIdsOf, contactNames, onlyAssignedTo, openActionsByMeeting } from './openActions';

interface Loaded {
  views: MeetingView[];
  committees: Committee[];
}

export function MyActionsPage({ host, api }: PageProps) {
  const styles = useMyActionsPageStyles();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [mineOnly, setMineOnly] = useState(true);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setError(null);
    (async () => {
      const [meetings, committees] = await Promise.all([api.listMeetings(), api.listCommittees()]);
      const views = await Promise.all(meetings.map((meeting) => api.meetingView(meeting.id)));
      if (!cancelled) setLoaded({ views, committees });
    })().catch((failure: unknown) => {
      if (!cancelled) setError(failure);
    });
    return () => {
      cancelled = true;
    };
  }, [api, attempt]);

  if (error) return <ErrorView error={error} onRetry={() => setAttempt((value) => value + 1)} />;
  if (!loaded) return <Spinner label="Collecting open actions…" />;

  const user = host.context().user;
  const me = contactIdsOf(user, loaded.committees);
  const names = contactNames(loaded.committees);
  const all = openActionsByMeeting(loaded.views);
  const groups = me.size > 0 && mineOnly ? onlyAssignedTo(all, me) : all;
  const count = groups.reduce((sum, group) => sum + group.actions.length, 0);

  return (
    <div className={styles.root}>
      <h1 className={styles.title}>Open actions</h1>
      {me.size > 0 ? (
        <Switch
          label="Only actions assigned to me"
          checked={mineOnly}
          onChange={(_event, data) => setMineOnly(data.checked)}
        />
      ) : (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            {user ? `${user.displayName} is` : 'You are'} not a contact in any committee&apos;s
            owner directory, so every open action is shown.
          </MessageBarBody>
        </MessageBar>
      )}
      <p role="status">
        {count} open action{count === 1 ? '' : 's'}
        {groups.length > 0 ? ` in ${groups.length} meeting${groups.length === 1 ? '' : 's'}` : ''}.
      </p>
      {groups.map((group) => (
        <section key={group.meetingId} className={styles.group} aria-label={group.reference}>
          <h2 className={styles.heading}>
            {group.reference} · {group.title} · {group.date ?? 'no date'}
          </h2>
          <ul className={styles.list}>
            {group.actions.map((action) => (
              <li key={action.id} className={styles.action}>
                <span className={styles.id}>{action.actionId}</span>
                <span>{action.text}</span>
                <span className={styles.meta}>
                  {action.owners.map((owner) => owner.name).join('/')}
                  {action.assigneeIds.length > 0
                    ? ` (${action.assigneeIds.map((id) => names.get(id) ?? id).join(', ')})`
                    : ''}
                  {action.targetDate ? ` · by ${action.targetDate}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
