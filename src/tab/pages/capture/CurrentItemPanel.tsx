/**
 * Everything captured on the current agenda item: the note being typed (and earlier notes),
 * decisions with a quick form, and actions with a quick form (each "pending" until numbered).
 */
import { Button } from '@fluentui/react-components';
import type { Ref } from 'react';
import type { AgendaItemView } from '../../../domain';
import { ActionLabel } from '../../components/ActionLabel';
import type { Submit } from '../../components/submit';
import type { MeetingSnapshot } from '../../sync/MeetingSession';
import { useCurrentItemPanelStyles } from './CurrentItemPanel.styles';
import { NoteEditor, type SpeakerGroup } from './NoteEditor';
import { QuickAction } from './QuickAction';
import { QuickDecision } from './QuickDecision';

export interface CaptureFocusRefs {
  note: Ref<HTMLTextAreaElement>;
  decision: Ref<HTMLInputElement>;
  action: Ref<HTMLTextAreaElement>;
}

export interface CurrentItemPanelProps {
  snapshot: MeetingSnapshot;
  item: AgendaItemView;
  submit: Submit;
  refs: CaptureFocusRefs;
  /** Opens the item after this one; null on the last item. */
  onNext: (() => void) | null;
  autosaveDelayMs?: number;
}

export function CurrentItemPanel(props: CurrentItemPanelProps) {
  const { snapshot, item, submit, refs, onNext, autosaveDelayMs } = props;
  const styles = useCurrentItemPanelStyles();
  const { view, committee, pendingActionIds } = snapshot;
  const onItem = <T extends { itemId: string }>(list: readonly T[]) =>
    list.filter((entry) => entry.itemId === item.id);
  const decisions = onItem(view.decisions);
  const actions = onItem(view.actions).filter((action) => !action.withdrawn);
  return (
    <section className={styles.root} aria-labelledby="current-item-heading">
      <div className={styles.headingRow}>
        <h2 id="current-item-heading" className={styles.heading}>
          {item.number} {item.title}
        </h2>
        {onNext && (
          <Button size="small" onClick={onNext} aria-keyshortcuts="Alt+N">
            Next item
          </Button>
        )}
      </div>
      <NoteEditor
        key={item.id}
        meetingId={view.id}
        item={item}
        speakers={speakerGroups(snapshot)}
        notes={onItem(view.notes)}
        submit={submit}
        textareaRef={refs.note}
        autosaveDelayMs={autosaveDelayMs}
      />
      <section className={styles.section} aria-label="Decisions">
        <h3 className={styles.subheading}>Decisions</h3>
        {decisions.length > 0 && (
          <ul className={styles.list}>
            {decisions.map((decision) => (
              <li key={decision.id}>
                <span className={styles.verb}>{decision.verb}</span> {decision.text}
              </li>
            ))}
          </ul>
        )}
        <QuickDecision
          key={item.id}
          itemId={item.id}
          itemNumber={item.number}
          verbs={committee.decisionVerbs}
          submit={submit}
          inputRef={refs.decision}
        />
      </section>
      <section className={styles.section} aria-label="Actions">
        <h3 className={styles.subheading}>Actions</h3>
        {actions.length > 0 && (
          <ul className={styles.list}>
            {actions.map((action) => (
              <li key={action.id} className={styles.entry}>
                <ActionLabel actionId={action.actionId} pending={pendingActionIds.has(action.id)} />
                <span>{action.text}</span>
                <span className={styles.meta}>
                  {action.owners.map((owner) => owner.name).join('/')}
                  {action.targetDate ? ` · by ${action.targetDate}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
        <QuickAction
          key={item.id}
          itemId={item.id}
          itemNumber={item.number}
          organisations={committee.organisations}
          nextMainMeetingDate={view.meeting.nextMainMeetingDate}
          submit={submit}
          textRef={refs.action}
        />
      </section>
    </section>
  );
}

/** Who may be recorded as a note's speaker: members and participants present, by group. */
function speakerGroups({ view }: MeetingSnapshot): SpeakerGroup[] {
  const present = (people: { personId: string; name: string; status: string | null }[]) =>
    people
      .filter((person) => person.status === 'present')
      .map((person) => ({ id: person.personId, name: person.name }));
  return [
    ...view.attendees.map((group) => ({
      key: `category-${group.categoryId}`,
      label: group.categoryName,
      people: present(group.people),
    })),
    ...view.otherParticipants.map((group) => ({
      // A category and an organisation may share a name ("CDS"), so keys carry the kind.
      key: `organisation-${group.organisationId}`,
      label: group.organisationName,
      people: present(group.people),
    })),
  ].filter((group) => group.people.length > 0);
}
