/**
 * "My actions": the open actions of every meeting, grouped by meeting, and which of them are
 * assigned to the signed-in user. An action is open until it is withdrawn or closed at a later
 * meeting's review of outstanding actions.
 */
import type { ActionView, Committee, MeetingView } from '../../../domain';
import type { HostUser } from '../../teams/HostPort';
import { localUserName } from '../../app/localUsers';

export interface OpenActionGroup {
  meetingId: string;
  reference: string;
  title: string;
  date: string | null;
  actions: ActionView[];
}

export function openActionsByMeeting(views: readonly MeetingView[]): OpenActionGroup[] {
  const closed = new Set(
    views.flatMap((view) =>
      view.outstanding.filter((entry) => entry.status === 'closed').map((entry) => entry.actionRef),
    ),
  );
  return views
    .map((view) => ({
      meetingId: view.id,
      reference: view.meeting.reference,
      title: view.meeting.title,
      date: view.meeting.date,
      actions: view.actions.filter((action) => !action.withdrawn && !closed.has(action.actionId)),
    }))
    .filter((group) => group.actions.length > 0)
    .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
}

/** The owner-directory contacts that are the user: by Entra id, e-mail, name or local user name. */
export function contactIdsOf(user: HostUser | null, committees: readonly Committee[]): Set<string> {
  const ids = new Set<string>();
  if (!user) return ids;
  const userKeys = new Set(
    [user.id, user.displayName].map((value) => value.trim().toLowerCase()).filter(Boolean),
  );
  for (const committee of committees)
    for (const organisation of committee.organisations)
      for (const contact of organisation.contacts) {
        const keys = [
          contact.entraObjectId,
          contact.email,
          contact.email?.split('@')[0],
          contact.name,
          localUserName(contact.name),
        ];
        if (keys.some((key) => key !== undefined && userKeys.has(key.toLowerCase())))
          ids.add(contact.id);
      }
  return ids;
}

/** Contact names by id, to show who an action is assigned to. */
export function contactNames(committees: readonly Committee[]): Map<string, string> {
  return new Map(
    committees.flatMap((committee) =>
      committee.organisations.flatMap((organisation) =>
        organisation.contacts.map((contact) => [contact.id, contact.name] as const),
      ),
    ),
  );
}

export function onlyAssignedTo(
  groups: readonly OpenActionGroup[],
  contactIds: ReadonlySet<string>,
): OpenActionGroup[] {
  return groups
    .map((group) => ({
      ...group,
      actions: group.actions.filter((action) =>
        action.assigneeIds.some((id) => contactIds.has(id)),
      ),
    }))
    .filter((group) => group.actions.length > 0);
}
