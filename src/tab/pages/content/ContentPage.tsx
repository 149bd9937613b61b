/**
 * The meeting tab's content page, used before and after the meeting. Before: the agenda editor,
 * expected attendance and apologies, the actions of earlier meetings to carry. After: attendance
 * checked against the Teams report and apologies from the invitation, the draft minutes, and
 * publishing. It opens on the part that fits the moment.
 */
import { Tab, TabList } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import type { MeetingPageProps } from '../../app/pageProps';
import { useSnapshot } from '../../app/useSnapshot';
import { AttendanceRoster } from '../../components/AttendanceRoster';
import { QuorumIndicator } from '../../components/QuorumIndicator';
import type { Submit } from '../../components/submit';
import { SyncStatusBadge } from '../../components/SyncStatusBadge';
import { AgendaEditor } from './AgendaEditor';
import { ApologyProposals } from './ApologyProposals';
import { AttendanceProposals } from './AttendanceProposals';
import { useContentPageStyles } from './ContentPage.styles';
import { meetingHasStarted } from './meetingPhase';
import { MinutesPreview } from './MinutesPreview';
import { OutstandingCarry } from './OutstandingCarry';
import { PublishPanel } from './PublishPanel';

type ContentTab = 'agenda' | 'attendance' | 'outstanding' | 'teams' | 'minutes' | 'publish';

const TABS: { value: ContentTab; label: string }[] = [
  { value: 'agenda', label: 'Agenda' },
  { value: 'attendance', label: 'Expected attendance' },
  { value: 'outstanding', label: 'Outstanding actions' },
  { value: 'teams', label: 'Check attendance' },
  { value: 'minutes', label: 'Draft minutes' },
  { value: 'publish', label: 'Publish' },
];

export function ContentPage({ session, api }: Pick<MeetingPageProps, 'session' | 'api'>) {
  const styles = useContentPageStyles();
  const snapshot = useSnapshot(session);
  const { view, committee } = snapshot;
  const submit = useCallback<Submit>((type, payload) => session.submit(type, payload), [session]);
  const [tab, setTab] = useState<ContentTab>(() =>
    meetingHasStarted(session.current().view) ? 'minutes' : 'agenda',
  );
  const label = TABS.find((entry) => entry.value === tab)?.label ?? '';
  return (
    <div className={styles.root}>
      <header className={styles.header}>
        <div>
          <h1 className={styles.title}>
            {view.meeting.reference} · {view.meeting.title}
          </h1>
          <span className={styles.meta}>
            {view.meeting.date ?? 'No date'} · {committee.name} · minutes {view.meeting.status}
          </span>
        </div>
        <div className={styles.facts}>
          <SyncStatusBadge status={snapshot.status} />
          <QuorumIndicator quorum={view.quorum} />
        </div>
      </header>
      <TabList
        selectedValue={tab}
        onTabSelect={(_event, data) => setTab(data.value as ContentTab)}
        aria-label="Meeting"
      >
        {TABS.map((entry) => (
          <Tab key={entry.value} value={entry.value}>
            {entry.label}
          </Tab>
        ))}
      </TabList>
      <section className={styles.panel} aria-label={label}>
        {tab === 'agenda' && <AgendaEditor agenda={view.agenda} submit={submit} />}
        {tab === 'attendance' && (
          <AttendanceRoster view={view} committee={committee} submit={submit} />
        )}
        {tab === 'outstanding' && (
          <OutstandingCarry view={view} committeeId={committee.id} api={api} submit={submit} />
        )}
        {tab === 'minutes' && (
          <MinutesPreview
            meetingId={view.id}
            api={api}
            reference={view.meeting.reference}
            lastSeq={snapshot.lastSeq}
          />
        )}
        {tab === 'teams' && (
          <>
            <AttendanceProposals view={view} committee={committee} api={api} submit={submit} />
            <ApologyProposals view={view} api={api} submit={submit} />
          </>
        )}
        {tab === 'publish' && <PublishPanel meetingId={view.id} api={api} />}
      </section>
    </div>
  );
}
