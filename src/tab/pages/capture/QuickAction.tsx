/**
 * Raises an action on the current item: text, owners from the committee's owner directory,
 * assignees from the chosen owners' contacts, and a target date that defaults to the next main
 * meeting (left unsent when unchanged, so the action follows that date if it moves).
 */
import { Button, Checkbox, Field, Input, Textarea } from '@fluentui/react-components';
import { useState, type Ref } from 'react';
import type { Organisation } from '../../../domain';
import { newId } from '../../app/newId';
import type { Submit } from '../../components/submit';
import { useQuickFormStyles } from './QuickForms.styles';

export interface QuickActionProps {
  itemId: string;
  itemNumber: string;
  organisations: readonly Organisation[];
  nextMainMeetingDate: string | null;
  submit: Submit;
  textRef?: Ref<HTMLTextAreaElement>;
}

export function QuickAction(props: QuickActionProps) {
  const { itemId, itemNumber, organisations, nextMainMeetingDate, submit, textRef } = props;
  const styles = useQuickFormStyles();
  const owners = organisations.filter((organisation) => organisation.active);
  const [text, setText] = useState('');
  const [ownerIds, setOwnerIds] = useState<string[]>([]);
  const [assigneeIds, setAssigneeIds] = useState<string[]>([]);
  const [targetDate, setTargetDate] = useState(nextMainMeetingDate ?? '');
  const contacts = owners
    .filter((owner) => ownerIds.includes(owner.id))
    .flatMap((owner) =>
      owner.contacts.filter((contact) => contact.active).map((contact) => ({ owner, contact })),
    );
  const ready = text.trim() !== '' && ownerIds.length > 0;
  const toggle = (list: string[], id: string, on: boolean) =>
    on ? [...list, id] : list.filter((entry) => entry !== id);

  const raise = () => {
    const keptAssignees = assigneeIds.filter((id) =>
      contacts.some(({ contact }) => contact.id === id),
    );
    const date = targetDate && targetDate !== nextMainMeetingDate ? targetDate : undefined;
    void submit('action.raise', {
      id: `a-${newId()}`,
      itemId,
      text: text.trim(),
      ownerIds,
      assigneeIds: keptAssignees,
      ...(date ? { targetDate: date } : {}),
    });
    setText('');
    setOwnerIds([]);
    setAssigneeIds([]);
    setTargetDate(nextMainMeetingDate ?? '');
  };

  return (
    <form
      className={styles.form}
      aria-label={`Action on item ${itemNumber}`}
      onSubmit={(event) => {
        event.preventDefault();
        if (ready) raise();
      }}
    >
      <Field label="Action" size="small">
        <Textarea
          ref={textRef}
          size="small"
          rows={2}
          resize="vertical"
          value={text}
          placeholder="The CDS to …"
          onChange={(_event, data) => setText(data.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && ready) {
              event.preventDefault();
              raise();
            }
          }}
        />
      </Field>
      <fieldset className={styles.choices}>
        <legend className={styles.legend}>Owners</legend>
        {owners.map((owner) => (
          <Checkbox
            key={owner.id}
            label={owner.name}
            aria-label={`Owner ${owner.name}${owner.fullName ? ` (${owner.fullName})` : ''}`}
            checked={ownerIds.includes(owner.id)}
            onChange={(_event, data) =>
              setOwnerIds(toggle(ownerIds, owner.id, data.checked === true))
            }
          />
        ))}
      </fieldset>
      {contacts.length > 0 && (
        <fieldset className={styles.choices}>
          <legend className={styles.legend}>Assignees</legend>
          {contacts.map(({ owner, contact }) => (
            <Checkbox
              key={contact.id}
              label={`${contact.name} (${owner.name})`}
              checked={assigneeIds.includes(contact.id)}
              onChange={(_event, data) =>
                setAssigneeIds(toggle(assigneeIds, contact.id, data.checked === true))
              }
            />
          ))}
        </fieldset>
      )}
      <Field
        label="Target date"
        size="small"
        hint={
          nextMainMeetingDate
            ? `Default: the next main meeting, ${nextMainMeetingDate}.`
            : undefined
        }
      >
        <Input
          type="date"
          size="small"
          value={targetDate}
          onChange={(_event, data) => setTargetDate(data.value)}
        />
      </Field>
      <Button size="small" type="submit" disabled={!ready} className={styles.submit}>
        Raise action
      </Button>
    </form>
  );
}
