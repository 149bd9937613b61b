/**
 * One person in the roster: name and what is known (role, alternate for, part attendance), the
 * one-tap status buttons, and a "More" toggle for part attendance and the alternate picker.
 */
import { ToggleButton } from '@fluentui/react-components';
import { memo, useState } from 'react';
import type { AgendaItemView, PersonView } from '../../domain';
import { AttendanceToggle } from './AttendanceToggle';
import { PersonDetails } from './PersonDetails';
import { usePersonAttendanceRowStyles } from './PersonAttendanceRow.styles';
import type { Submit } from './submit';

export interface PersonAttendanceRowProps {
  person: PersonView;
  agenda: readonly AgendaItemView[];
  submit: Submit;
  /** The member category an alternate for this person would sit in; null: no alternate picker. */
  alternateCategoryId: string | null;
}

function PersonAttendanceRowView(props: PersonAttendanceRowProps) {
  const { person, agenda, submit } = props;
  const styles = usePersonAttendanceRowStyles();
  const [open, setOpen] = useState(false);
  const numbers = new Map(agenda.map((item) => [item.id, item.number]));
  const meta = [
    person.role,
    person.alternateFor ? `Alternate for ${person.alternateFor.name}` : null,
    person.part
      ? `Part${
          person.agendaItemIds.length > 0
            ? `: item ${person.agendaItemIds.map((id) => numbers.get(id) ?? '?').join(', ')}`
            : ''
        }`
      : null,
  ].filter((text): text is string => Boolean(text));
  return (
    <li className={styles.row}>
      <div className={styles.who}>
        <span className={styles.name}>{person.name}</span>
        {meta.length > 0 && <span className={styles.meta}>{meta.join(' · ')}</span>}
      </div>
      <div className={styles.controls}>
        <AttendanceToggle
          name={person.name}
          status={person.status}
          onChange={(status) =>
            void submit('attendance.update', { personId: person.personId, status })
          }
        />
        <ToggleButton
          size="small"
          appearance="subtle"
          checked={open}
          aria-expanded={open}
          aria-label={`More for ${person.name}`}
          onClick={() => setOpen(!open)}
        >
          …
        </ToggleButton>
      </div>
      {open && (
        <div className={styles.details}>
          <PersonDetails {...props} />
        </div>
      )}
    </li>
  );
}

/**
 * Every op yields a new view, so every person is a new object: rows compare what they show, and
 * only the row that changed renders again (a roster has dozens of rows).
 */
export const PersonAttendanceRow = memo(
  PersonAttendanceRowView,
  (before, after) =>
    before.submit === after.submit &&
    before.alternateCategoryId === after.alternateCategoryId &&
    samePerson(before.person, after.person) &&
    sameAgenda(before.agenda, after.agenda),
);

function samePerson(a: PersonView, b: PersonView): boolean {
  return (
    a.personId === b.personId &&
    a.name === b.name &&
    a.role === b.role &&
    a.status === b.status &&
    a.part === b.part &&
    a.alternateFor?.memberId === b.alternateFor?.memberId &&
    a.alternateFor?.name === b.alternateFor?.name &&
    a.agendaItemIds.join() === b.agendaItemIds.join()
  );
}

function sameAgenda(a: readonly AgendaItemView[], b: readonly AgendaItemView[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (item, index) =>
        item.id === b[index]?.id &&
        item.number === b[index]?.number &&
        item.title === b[index]?.title,
    )
  );
}
