/**
 * The meeting stage, for everyone in the meeting: read-only and in large type. The agenda with
 * the current item highlighted (and kept in view), the decisions and the actions so far (newest
 * first, with their numbers), attendance and quorum. It follows the session, so it changes as
 * ops arrive.
 */
import { mergeClasses } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import type { MeetingView } from '../../../domain';
import type { MeetingPageProps } from '../../app/pageProps';
import { useSnapshot } from '../../app/useSnapshot';
import { ActionLabel } from '../../components/ActionLabel';
import { QuorumIndicator } from '../../components/QuorumIndicator';
import { useStagePageStyles } from './StagePage.styles';

export function StagePage({ session }: Pick<MeetingPageProps, 'session'>) {
  const styles = useStagePageStyles();
  const { view, pendingActionIds } = useSnapshot(session);
  const agendaList = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const current = agendaList.current?.querySelector<HTMLElement>('[aria-current]');
    current?.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
  }, [view.currentItemId]);
  const numberOf = new Map(view.agenda.map((item) => [item.id, item.number]));
  const current = view.agenda.find((item) => item.id === view.currentItemId) ?? null;
  const decisions = [...view.decisions].reverse();
  const actions = view.actions.filter((action) => !action.withdrawn).reverse();
  return (
    <div className={styles.root}>
      <header className={styles.header}>
        <div>
          <h1 className={styles.title}>{view.meeting.title || view.meeting.reference}</h1>
          <div className={styles.subtitle} role="status" aria-live="polite">
            {view.meeting.reference}
            {current ? ` · Now: ${current.number} ${current.title}` : ''}
          </div>
        </div>
        <div className={styles.facts}>
          <span>{attendanceCount(view)}</span>
          <QuorumIndicator quorum={view.quorum} size="large" />
        </div>
      </header>
      <section className={styles.column}>
        <h2 className={styles.heading}>Agenda</h2>
        {/* The lists scroll when long: focusable, so a keyboard can scroll them too. */}
        <ol ref={agendaList} className={styles.list} aria-label="Agenda" tabIndex={0}>
          {view.agenda.map((item) => (
            <li
              key={item.id}
              className={mergeClasses(
                styles.agendaItem,
                item.depth === 1 && styles.sub,
                item.id === view.currentItemId && styles.current,
              )}
              aria-current={item.id === view.currentItemId ? 'step' : undefined}
            >
              <span className={styles.number}>{item.number}</span>
              <span>{item.title}</span>
            </li>
          ))}
        </ol>
      </section>
      <section className={styles.column} aria-labelledby="stage-decisions">
        <h2 id="stage-decisions" className={styles.heading}>
          Decisions ({decisions.length})
        </h2>
        {decisions.length === 0 && <p className={styles.empty}>No decisions yet.</p>}
        <ul className={styles.list} aria-labelledby="stage-decisions" tabIndex={0}>
          {decisions.map((decision) => (
            <li key={decision.id} className={styles.entry}>
              <span className={styles.label}>
                {numberOf.get(decision.itemId) ?? ''} <b>{decision.verb}</b>
              </span>
              <span>{decision.text}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className={styles.column} aria-labelledby="stage-actions">
        <h2 id="stage-actions" className={styles.heading}>
          Actions ({actions.length})
        </h2>
        {actions.length === 0 && <p className={styles.empty}>No actions yet.</p>}
        <ul className={styles.list} aria-labelledby="stage-actions" tabIndex={0}>
          {actions.map((action) => (
            <li key={action.id} className={styles.entry}>
              <span className={styles.label}>
                <ActionLabel
                  actionId={action.actionId}
                  pending={pendingActionIds.has(action.id)}
                  size="extra-large"
                />
              </span>
              <span>
                {action.text}
                <span className={styles.meta}>
                  {action.owners.map((owner) => owner.name).join('/')}
                  {action.targetDate ? ` · by ${action.targetDate}` : ''}
                </span>
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

/** "12 members present · 24 people in all". */
function attendanceCount(view: MeetingView): string {
  const present = (people: { status: string | null }[]) =>
    people.filter((person) => person.status === 'present').length;
  const members = view.attendees.reduce((sum, group) => sum + present(group.people), 0);
  const others = view.otherParticipants.reduce((sum, group) => sum + present(group.people), 0);
  return `${members} member${members === 1 ? '' : 's'} present · ${members + others} people in all`;
}
