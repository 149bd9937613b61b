/**
 * The tab's settings (configuration) page: choose a committee and one of its meetings, or create
 * a meeting; Teams' Save then stores the meeting page's URL. In a plain browser there is no Teams
 * Save button, so the page shows its own, which opens the meeting page.
 */
import { Button, Field, Select, Spinner } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { Committee } from '../../../domain';
import type { PageProps } from '../../app/pageProps';
import type { MeetingListEntry } from '../../app/TabApi';
import { ErrorView } from '../../app/ErrorView';
import type { TabConfiguration } from '../../teams/HostPort';
import { CreateMeetingForm } from './CreateMeetingForm';
import { useSettingsPageStyles } from './SettingsPage.styles';
import { tabConfiguration } from './tabConfiguration';

export interface SettingsPageProps extends PageProps {
  origin?: string;
  navigate?: (url: string) => void;
}

type BrowserSave = { saveConfig(): Promise<TabConfiguration> };

export function SettingsPage(props: SettingsPageProps) {
  const { host, api } = props;
  const origin = props.origin ?? window.location.origin;
  const navigate = props.navigate ?? ((url: string) => window.location.assign(url));
  const styles = useSettingsPageStyles();
  const [committees, setCommittees] = useState<Committee[] | null>(null);
  const [committeeId, setCommitteeId] = useState('');
  const [meetings, setMeetings] = useState<MeetingListEntry[]>([]);
  const [meetingId, setMeetingId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const chosen = meetings.find((meeting) => meeting.id === meetingId) ?? null;
  const chosenRef = useRef(chosen);
  chosenRef.current = chosen;

  useEffect(() => {
    api.listCommittees().then((list) => {
      setCommittees(list);
      setCommitteeId((current) => current || list[0]?.id || '');
    }, setError);
  }, [api]);

  useEffect(() => {
    if (!committeeId) return;
    let cancelled = false;
    api.listMeetings(committeeId).then((list) => {
      if (cancelled) return;
      setMeetings(list);
      setMeetingId((current) =>
        list.some((meeting) => meeting.id === current) ? current : (list[0]?.id ?? ''),
      );
    }, setError);
    return () => {
      cancelled = true;
    };
  }, [api, committeeId]);

  useEffect(() => {
    host.onConfigSave(async () => {
      const meeting = chosenRef.current;
      if (!meeting) throw new Error('Choose a meeting before saving.');
      return tabConfiguration(origin, meeting);
    });
  }, [host, origin]);

  useEffect(() => {
    host.setConfigValid(chosen !== null);
  }, [host, chosen]);

  const browserSave =
    host.kind === 'browser' && 'saveConfig' in host ? (host as unknown as BrowserSave) : null;
  if (error) return <ErrorView error={error} onRetry={() => window.location.reload()} />;
  if (committees === null) return <Spinner label="Loading committees…" />;

  return (
    <div className={styles.root}>
      <h1 className={styles.title}>Link this tab to a meeting</h1>
      {committees.length === 0 ? (
        <p>There is no committee yet; create one with the API (POST /api/committees).</p>
      ) : (
        <>
          <Field label="Committee">
            <Select value={committeeId} onChange={(_event, data) => setCommitteeId(data.value)}>
              {committees.map((committee) => (
                <option key={committee.id} value={committee.id}>
                  {committee.name} ({committee.code})
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label="Meeting"
            hint={
              meetings.length === 0
                ? 'This committee has no meeting yet: create one below.'
                : undefined
            }
          >
            <Select
              value={meetingId}
              onChange={(_event, data) => setMeetingId(data.value)}
              disabled={meetings.length === 0}
            >
              {meetings.map((meeting) => (
                <option key={meeting.id} value={meeting.id}>
                  {meeting.reference} · {meeting.date ?? 'no date'} · {meeting.status}
                </option>
              ))}
            </Select>
          </Field>
          <CreateMeetingForm
            committeeId={committeeId}
            api={api}
            onCreated={(meeting) => {
              setMeetings((list) => [meeting, ...list.filter((entry) => entry.id !== meeting.id)]);
              setMeetingId(meeting.id);
            }}
          />
        </>
      )}
      {chosen && (
        <p className={styles.chosen}>
          The tab will open {chosen.reference}: {chosen.title}.
        </p>
      )}
      {browserSave && (
        <Button
          appearance="primary"
          disabled={!chosen}
          onClick={() =>
            browserSave.saveConfig().then((config) => navigate(config.contentUrl), setError)
          }
        >
          Save and open the meeting
        </Button>
      )}
    </div>
  );
}
