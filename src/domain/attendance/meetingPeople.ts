/**
 * The meeting's people (roster members, meeting-only members, participants) and how a reported
 * person is matched to one of them: strong identifiers first (Entra object id, e-mail, a
 * committee contact), then a unique name, else a new person placed by their e-mail domain.
 */
import type { PersonView } from '../meetingView';
import type { AttendanceProposal, Confidence, MatchMethod } from './attendanceProposal';
import { emailDomain, nameKey, normalizeEmail } from './personIdentity';
import type { ReconcileAttendanceInput } from './reconcileAttendanceInput';
import type { ReportedPerson } from './reportedPerson';

/** Addresses anyone can have: their domain says nothing about a person's organisation. */
const PUBLIC_MAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'hotmail.co.uk',
  'live.com',
  'live.co.uk',
  'msn.com',
  'yahoo.com',
  'yahoo.co.uk',
  'icloud.com',
  'me.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'btinternet.com',
]);

export interface RosterPerson {
  view: PersonView;
  personKind: 'member' | 'meetingMember';
  categoryIndex: number;
  categoryId: string;
  categoryName: string;
}

export interface OtherPerson {
  view: PersonView;
  personKind: 'meetingMember' | 'participant';
  group: AttendanceProposal['group'];
  groupRank: number;
  groupIndex: number;
}

export interface Target {
  key: string;
  matchedBy: MatchMethod | null;
  confidence: Confidence;
  /** An existing meeting person, or a new one. */
  person:
    | { kind: 'roster'; roster: RosterPerson }
    | { kind: 'other'; other: OtherPerson }
    | { kind: 'new'; name: string | null; organisation: AttendanceProposal['organisation'] };
}

export class MeetingPeople {
  /** Committee members in the view, in roster order. */
  readonly roster: (RosterPerson & { personId: string })[] = [];
  /** Meeting-only members and participants. */
  readonly others: OtherPerson[] = [];
  private readonly organisations: { id: string; name: string; domains: Set<string> }[];
  private readonly orgIndex = new Map<string, number>();

  constructor(private readonly input: ReconcileAttendanceInput) {
    input.view.attendees.forEach((category, categoryIndex) => {
      for (const person of category.people) {
        const entry = {
          view: person,
          personKind: person.onRoster ? ('member' as const) : ('meetingMember' as const),
          categoryIndex,
          categoryId: category.categoryId,
          categoryName: category.categoryName,
        };
        if (person.onRoster) this.roster.push({ ...entry, personId: person.personId });
        else
          this.others.push({
            view: person,
            personKind: 'meetingMember',
            group: { kind: 'category', id: category.categoryId, name: category.categoryName },
            groupRank: 0,
            groupIndex: categoryIndex,
          });
      }
    });
    input.view.otherParticipants.forEach((organisation, index) => {
      for (const person of organisation.people) {
        this.others.push({
          view: person,
          personKind: 'participant',
          group: {
            kind: 'organisation',
            id: organisation.organisationId,
            name: organisation.organisationName,
          },
          groupRank: 1,
          groupIndex: index,
        });
      }
    });
    this.organisations = input.committee.organisations.map((organisation) => ({
      id: organisation.id,
      name: organisation.name,
      domains: new Set(
        organisation.contacts
          .map((contact) => (contact.email ? emailDomain(normalizeEmail(contact.email)) : null))
          .filter((domain): domain is string => domain !== null),
      ),
    }));
    this.organisations.forEach((organisation, index) => this.orgIndex.set(organisation.id, index));
  }

  match(group: ReportedPerson): Target {
    return this.strongMatch(group) ?? this.nameMatch(group) ?? this.newPerson(group);
  }

  private strongMatch(group: ReportedPerson): Target | null {
    const members = this.input.committee.members;
    const has = (list: string[], value: string | undefined) =>
      value !== undefined && list.includes(value.toLowerCase());
    const byId = members.find((member) => has(group.userIds, member.entraObjectId));
    if (byId) return this.rosterTarget(byId.id, 'entraObjectId', 'high');
    const byEmail = members.find(
      (member) => member.email !== undefined && has(group.emails, normalizeEmail(member.email)),
    );
    if (byEmail) return this.rosterTarget(byEmail.id, 'email', 'high');

    const known = (this.input.meetingPeople ?? []).find(
      (person) => person.email !== null && has(group.emails, normalizeEmail(person.email)),
    );
    const other = known && this.others.find((person) => person.view.personId === known.id);
    if (other) return this.otherTarget(other, 'email', 'high');

    for (const organisation of this.input.committee.organisations) {
      const contact = organisation.contacts.find(
        (entry) =>
          has(group.userIds, entry.entraObjectId) ||
          (entry.email !== undefined && has(group.emails, normalizeEmail(entry.email))),
      );
      if (!contact) continue;
      const sameName = this.others.filter(
        (person) => nameKey(person.view.name) === nameKey(contact.name),
      );
      const inOrganisation = sameName.find((person) => person.group.id === organisation.id);
      if (inOrganisation) return this.otherTarget(inOrganisation, 'contact', 'high');
      if (sameName[0]) return this.otherTarget(sameName[0], 'contact', 'medium');
      return {
        key: `new:contact:${contact.id}`,
        matchedBy: 'contact',
        confidence: 'high',
        person: {
          kind: 'new',
          name: contact.name,
          organisation: { id: organisation.id, name: organisation.name, from: 'contact' },
        },
      };
    }
    return null;
  }

  private nameMatch(group: ReportedPerson): Target | null {
    const keys = new Set(group.displayNames.map(nameKey));
    if (keys.size === 0) return null;
    const members = this.input.committee.members.filter((member) => keys.has(nameKey(member.name)));
    if (members.length === 1 && members[0]) return this.rosterTarget(members[0].id, 'name', 'low');
    if (members.length > 1) return null;
    const others = this.others.filter((person) => keys.has(nameKey(person.view.name)));
    if (others.length !== 1 || !others[0]) return null;
    const other = others[0];
    // The e-mail domain backs a name match when it is the domain of the organisation's contacts.
    const organisation = this.organisations.find((entry) => entry.id === other.group.id);
    const backed =
      organisation !== undefined &&
      group.emails.some((email) => organisation.domains.has(emailDomain(email) ?? ''));
    return this.otherTarget(other, 'name', backed ? 'medium' : 'low');
  }

  private newPerson(group: ReportedPerson): Target {
    const domains = new Set(
      group.emails
        .map(emailDomain)
        .filter((domain): domain is string => domain !== null && !PUBLIC_MAIL_DOMAINS.has(domain)),
    );
    const candidates = this.organisations.filter((organisation) =>
      [...domains].some((domain) => organisation.domains.has(domain)),
    );
    const guess = candidates.length === 1 ? candidates[0] : undefined;
    return {
      key: `new:${group.key}`,
      matchedBy: null,
      // Confidence in where they belong: a unique organisation for the domain, or none.
      confidence: guess ? 'medium' : 'low',
      person: {
        kind: 'new',
        name: group.displayNames[0] ?? null,
        organisation: guess ? { id: guess.id, name: guess.name, from: 'emailDomain' } : null,
      },
    };
  }

  private rosterTarget(memberId: string, matchedBy: MatchMethod, confidence: Confidence): Target {
    const roster = this.roster.find((person) => person.personId === memberId);
    if (roster) return { key: memberId, matchedBy, confidence, person: { kind: 'roster', roster } };
    // A member not in this meeting's roster (deactivated): an attendance record brings them back.
    const member = this.input.committee.members.find((entry) => entry.id === memberId);
    const categoryIndex = this.input.view.attendees.findIndex(
      (category) => category.categoryId === member?.categoryId,
    );
    const category = this.input.view.attendees[categoryIndex];
    const view: PersonView = {
      personId: memberId,
      name: member?.name ?? memberId,
      role: member?.role ?? null,
      onRoster: true,
      status: null,
      alternateFor: null,
      part: false,
      agendaItemIds: [],
    };
    return {
      key: memberId,
      matchedBy,
      confidence,
      person: {
        kind: 'roster',
        roster: {
          view,
          personKind: 'member',
          categoryIndex: categoryIndex < 0 ? Number.MAX_SAFE_INTEGER : categoryIndex,
          categoryId: category?.categoryId ?? member?.categoryId ?? '',
          categoryName: category?.categoryName ?? member?.categoryId ?? '',
        },
      },
    };
  }

  private otherTarget(other: OtherPerson, matchedBy: MatchMethod, confidence: Confidence): Target {
    return {
      key: other.view.personId,
      matchedBy,
      confidence,
      person: { kind: 'other', other },
    };
  }

  organisationIndex(id: string | null): number {
    return id === null ? Number.MAX_SAFE_INTEGER : (this.orgIndex.get(id) ?? this.orgIndex.size);
  }

  /** Members by category, then participants by organisation, then new people; then by name. */
  readonly compare = (a: AttendanceProposal, b: AttendanceProposal): number => {
    const place = (proposal: AttendanceProposal): [number, number] => {
      if (proposal.personKind === 'new')
        return [2, this.organisationIndex(proposal.organisation?.id ?? null)];
      const last = (index: number) => (index < 0 ? Number.MAX_SAFE_INTEGER : index);
      if (proposal.group.kind === 'category')
        return [
          0,
          last(this.input.view.attendees.findIndex((c) => c.categoryId === proposal.group.id)),
        ];
      return [
        1,
        last(
          this.input.view.otherParticipants.findIndex(
            (o) => o.organisationId === proposal.group.id,
          ),
        ),
      ];
    };
    const [rankA, indexA] = place(a);
    const [rankB, indexB] = place(b);
    return (
      rankA - rankB ||
      indexA - indexB ||
      a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
    );
  };
}
