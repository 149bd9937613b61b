/**
 * The capture side panel (320 px wide, keyboard first): header with quorum and sync status;
 * tabs for the agenda with the current item's notes, decisions and actions, for attendance,
 * and for the outstanding actions of earlier meetings. Alt shortcuts for the frequent moves.
 */
import { MessageBar, MessageBarBody, Tab, TabList } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MeetingPageProps } from '../../app/pageProps';
import { useSnapshot } from '../../app/useSnapshot';
import { AttendanceRoster } from '../../components/AttendanceRoster';
import { RefusedChanges } from '../../components/RefusedChanges';
import type { Submit } from '../../components/submit';
import { AgendaNavigator } from './AgendaNavigator';
import { CaptureHeader } from './CaptureHeader';
import type { CaptureCommand } from './captureShortcuts';
import { useCapturePageStyles } from './CapturePage.styles';
import { CurrentItemPanel } from './CurrentItemPanel';
import { OutstandingReview } from './OutstandingReview';
import { recoverNoteDrafts } from './recoverNoteDrafts';
import { useCaptureShortcuts } from './useCaptureShortcuts';

type CaptureTab = 'agenda' | 'attendance' | 'outstanding';
type FocusTarget = 'note' | 'decision' | 'action';
/** When to look for note drafts again: after recoverNoteDrafts' minimum draft age (5 s). */
const DRAFT_RECHECK_MS = 6000;

export interface CapturePageProps extends Pick<MeetingPageProps, 'session'> {
  host?: MeetingPageProps['host'];
  autosaveDelayMs?: number;
}

export function CapturePage({ session, host, autosaveDelayMs }: CapturePageProps) {
  const styles = useCapturePageStyles();
  const snapshot = useSnapshot(session);
  const { view } = snapshot;
  const submit = useCallback<Submit>((type, payload) => session.submit(type, payload), [session]);
  const [tab, setTab] = useState<CaptureTab>('agenda');
  const [helpOpen, setHelpOpen] = useState(false);
  const [focus, setFocus] = useState<{ target: FocusTarget; request: number } | null>(null);
  const note = useRef<HTMLTextAreaElement>(null);
  const decision = useRef<HTMLInputElement>(null);
  const action = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const recover = () => void recoverNoteDrafts(session.meetingId, session.current().view, submit);
    recover();
    // A draft only seconds old is skipped (another window may still be typing it): look again
    // once it is old enough, or the note typed just before a reload would wait for the next one.
    const again = setTimeout(recover, DRAFT_RECHECK_MS);
    return () => clearTimeout(again);
  }, [session, submit]);

  useEffect(() => {
    if (!focus) return;
    const target = { note, decision, action }[focus.target].current;
    target?.focus();
  }, [focus]);

  const openItem = (itemId: string) => {
    setTab('agenda');
    void submit('agenda.open', { id: itemId });
  };
  const focusOn = (target: FocusTarget) => {
    setTab('agenda');
    setFocus((previous) => ({ target, request: (previous?.request ?? 0) + 1 }));
  };
  const currentIndex = view.agenda.findIndex((item) => item.id === view.currentItemId);
  const current = view.agenda[currentIndex] ?? null;
  const next = view.agenda[currentIndex + 1] ?? null;

  useCaptureShortcuts((command: CaptureCommand) => {
    switch (command.kind) {
      case 'nextItem':
        if (next) openItem(next.id);
        return;
      case 'openItem': {
        const item = view.agenda.find((entry) => entry.number === String(command.number));
        if (item) openItem(item.id);
        return;
      }
      case 'focusNote':
        return focusOn('note');
      case 'focusDecision':
        return focusOn('decision');
      case 'focusAction':
        return focusOn('action');
      case 'showAgenda':
        return setTab('agenda');
      case 'showAttendance':
        return setTab('attendance');
      case 'showOutstanding':
        return setTab('outstanding');
      case 'toggleHelp':
        return setHelpOpen((open) => !open);
    }
  });

  return (
    <div className={styles.root}>
      <CaptureHeader
        snapshot={snapshot}
        host={host}
        help={{ open: helpOpen, onOpenChange: setHelpOpen }}
      />
      <RefusedChanges refused={snapshot.refused ?? []} onDismiss={dismissRefused(session)} />
      {view.meeting.status === 'final' && (
        <MessageBar intent="warning">
          <MessageBarBody>These minutes are final; changes are refused.</MessageBarBody>
        </MessageBar>
      )}
      <TabList
        className={styles.tabs}
        size="small"
        selectedValue={tab}
        onTabSelect={(_event, data) => setTab(data.value as CaptureTab)}
        aria-label="Capture"
      >
        <Tab value="agenda">Agenda</Tab>
        <Tab value="attendance">Attendance</Tab>
        <Tab value="outstanding">Outstanding</Tab>
      </TabList>
      <div className={styles.panel} role="tabpanel" aria-label={tabLabel(tab)}>
        {tab === 'agenda' && (
          <>
            <AgendaNavigator
              agenda={view.agenda}
              currentItemId={view.currentItemId}
              onOpen={openItem}
            />
            {current ? (
              <CurrentItemPanel
                snapshot={snapshot}
                item={current}
                submit={submit}
                refs={{ note, decision, action }}
                onNext={next ? () => openItem(next.id) : null}
                autosaveDelayMs={autosaveDelayMs}
              />
            ) : (
              <p className={styles.empty}>
                Open an agenda item (Alt+1 for item 1) to take notes, decisions and actions.
              </p>
            )}
          </>
        )}
        {tab === 'attendance' && (
          <AttendanceRoster view={view} committee={snapshot.committee} submit={submit} />
        )}
        {tab === 'outstanding' && (
          <OutstandingReview outstanding={view.outstanding} submit={submit} />
        )}
      </div>
    </div>
  );
}

/** The sync layer's session can forget refused ops; other sessions (fakes) may not. */
function dismissRefused(session: MeetingPageProps['session']): (() => void) | undefined {
  const syncing = session as { dismissRefused?: () => Promise<void> };
  return typeof syncing.dismissRefused === 'function'
    ? () => void syncing.dismissRefused?.()
    : undefined;
}

function tabLabel(tab: CaptureTab): string {
  return {
    agenda: 'Agenda and current item',
    attendance: 'Attendance',
    outstanding: 'Outstanding actions',
  }[tab];
}
