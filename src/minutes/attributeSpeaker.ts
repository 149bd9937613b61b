/**
 * Minutes attribute what was said to organisations or constituencies, never to named people:
 * "The CDS noted …", "A Large Supplier member asked …". The committee chooses which for members;
 * other participants are always named by their organisation, the chair as "The Chair".
 */
import type { CommitteeSettings, MeetingView } from '../domain';

export type SpeakerDirectory = Map<string, string>;

/** Each person who may speak → the phrase that stands for them. */
export function speakerDirectory(
  view: MeetingView,
  committee: CommitteeSettings,
): SpeakerDirectory {
  const directory: SpeakerDirectory = new Map();
  const byOrganisation = (name: string) => {
    const organisation = committee.organisations.find((o) => o.name === name || o.id === name);
    return organisation?.aliases[0] ?? `The ${organisation?.name ?? name}`;
  };
  for (const group of view.otherParticipants) {
    for (const person of group.people)
      directory.set(person.personId, byOrganisation(group.organisationName));
  }
  for (const group of view.attendees) {
    const category = committee.categories.find((c) => c.id === group.categoryId);
    const constituency = category?.memberPhrase ?? `a ${group.categoryName} member`;
    for (const person of group.people) {
      const member = committee.members.find((m) => m.id === person.personId);
      const phrase =
        person.role === 'Chair'
          ? 'The Chair'
          : committee.minutes.noteAttribution === 'organisation' && member?.organisation
            ? member.organisation
            : constituency;
      directory.set(person.personId, phrase);
    }
  }
  return directory;
}

/** The note as the minutes print it: with its speaker's phrase in front, when one was recorded. */
export function describeSpeaker(
  directory: SpeakerDirectory,
  speakerId: string | null,
  text: string,
): string {
  const phrase = speakerId ? directory.get(speakerId) : undefined;
  if (!phrase) return text;
  const firstWord = text.split(/\s/, 1)[0] ?? '';
  const isAcronym = firstWord.length > 1 && firstWord === firstWord.toUpperCase();
  const rest = isAcronym ? text : text.charAt(0).toLowerCase() + text.slice(1);
  return `${phrase.charAt(0).toUpperCase()}${phrase.slice(1)} ${rest}`;
}
