/**
 * The rarer attendance facts of one person: part attendance with the agenda items attended, and
 * for a member of the committee an alternate (a meeting-only member who fills their seat).
 */
import { Button, Checkbox, Field, Input, Switch } from '@fluentui/react-components';
import { useState } from 'react';
import { newId } from '../app/newId';
import type { PersonAttendanceRowProps } from './PersonAttendanceRow';
import { usePersonDetailsStyles } from './PersonDetails.styles';

export function PersonDetails({
  person,
  agenda,
  submit,
  alternateCategoryId,
}: PersonAttendanceRowProps) {
  const styles = usePersonDetailsStyles();
  const [alternateName, setAlternateName] = useState('');
  const attended = new Set(person.agendaItemIds);

  const toggleItem = (itemId: string, checked: boolean) => {
    const next = agenda
      .map((item) => item.id)
      .filter((id) => (id === itemId ? checked : attended.has(id)));
    void submit('attendance.update', { personId: person.personId, agendaItemIds: next });
  };

  const addAlternate = async () => {
    const name = alternateName.trim();
    if (!name || !alternateCategoryId) return;
    const id = `p-${newId()}`;
    await submit('meetingMember.add', { id, name, categoryId: alternateCategoryId });
    await submit('attendance.update', {
      personId: id,
      status: 'present',
      alternateForMemberId: person.personId,
    });
    if (person.status === null) {
      await submit('attendance.update', { personId: person.personId, status: 'absent' });
    }
    setAlternateName('');
  };

  return (
    <div className={styles.root}>
      <Switch
        label="Part attendance"
        checked={person.part}
        onChange={(_event, data) =>
          // On: the fold makes the person present. Off: the items go too, or the minutes would
          // still list "(agenda item 4)" for someone who attended the whole meeting.
          void submit(
            'attendance.update',
            data.checked
              ? { personId: person.personId, part: true }
              : { personId: person.personId, part: false, agendaItemIds: [] },
          )
        }
      />
      {person.part && (
        <fieldset className={styles.items}>
          <legend>Agenda items attended</legend>
          {agenda.map((item) => (
            <Checkbox
              key={item.id}
              label={item.number}
              aria-label={`${person.name} attended item ${item.number}: ${item.title}`}
              checked={attended.has(item.id)}
              onChange={(_event, data) => toggleItem(item.id, data.checked === true)}
            />
          ))}
        </fieldset>
      )}
      {alternateCategoryId && (
        <form
          className={styles.alternate}
          onSubmit={(event) => {
            event.preventDefault();
            void addAlternate();
          }}
        >
          <Field label={`Alternate for ${person.name}`} className={styles.grow} size="small">
            <Input
              size="small"
              value={alternateName}
              placeholder="Full name"
              onChange={(_event, data) => setAlternateName(data.value)}
            />
          </Field>
          <Button size="small" type="submit" disabled={!alternateName.trim()}>
            Add alternate
          </Button>
        </form>
      )}
    </div>
  );
}
