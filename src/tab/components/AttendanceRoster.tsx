/**
 * The attendance roster: members by constituency category (alternates in the seat they fill),
 * then other participants by organisation, each with one-tap status, and a form to add a
 * participant. Used in the side panel during the meeting and on the content tab before it.
 */
import type { Committee, MeetingView, PersonView } from '../../domain';
import { AddParticipantForm } from './AddParticipantForm';
import { PersonAttendanceRow } from './PersonAttendanceRow';
import { useAttendanceRosterStyles } from './AttendanceRoster.styles';
import type { Submit } from './submit';

export interface AttendanceRosterProps {
  view: MeetingView;
  committee: Committee;
  submit: Submit;
}

export function AttendanceRoster({ view, committee, submit }: AttendanceRosterProps) {
  const styles = useAttendanceRosterStyles();
  const groups = [
    ...view.attendees.map((group) => ({
      key: `category-${group.categoryId}`,
      title: group.categoryName,
      label: group.categoryName,
      people: group.people,
      alternateCategory: (person: PersonView) =>
        person.onRoster && !person.alternateFor ? group.categoryId : null,
    })),
    ...view.otherParticipants.map((group) => ({
      key: `organisation-${group.organisationId}`,
      title: group.organisationName,
      // A category and an organisation may share a name (a constituency and its body): the
      // regions must still be told apart (axe landmark-unique).
      label: `${group.organisationName}, other participants`,
      people: group.people,
      alternateCategory: () => null,
    })),
  ];
  return (
    <div className={styles.root}>
      {groups.map((group) => {
        const present = group.people.filter((person) => person.status === 'present').length;
        return (
          <section key={group.key} className={styles.group} aria-label={group.label}>
            {/* h2: the roster sits right under the page's h1 in both the side panel and the
                content page. */}
            <h2 className={styles.heading}>
              <span>{group.title}</span>
              <span className={styles.count}>
                {present}/{group.people.length} present
              </span>
            </h2>
            <ul className={styles.list}>
              {group.people.map((person) => (
                <PersonAttendanceRow
                  key={person.personId}
                  person={person}
                  agenda={view.agenda}
                  submit={submit}
                  alternateCategoryId={group.alternateCategory(person)}
                />
              ))}
            </ul>
          </section>
        );
      })}
      <AddParticipantForm organisations={committee.organisations} submit={submit} />
    </div>
  );
}
