/**
 * The minutes as one intermediate document in the house format, built once from the meeting and
 * rendered to .docx, e-mail HTML, chat and text. All strings here are plain text; renderers
 * escape them for their medium.
 */
import type { ClassificationLevel, MeetingStatus } from '../domain';

export interface MinutesTable {
  /** "Attendees:", "Apologies:"; null for a table that follows another without a label. */
  label: string | null;
  columns: [string, string];
  /** One row per group (category or organisation), in order, with its entries in order. */
  rows: { group: string; entries: string[] }[];
}

export interface OutstandingActionBlock {
  kind: 'outstandingAction';
  actionId: string;
  action: string;
  dateRaised: string;
  lastTargetDate: string;
  revisedTargetDate: string;
  owner: string;
  update: string | null;
  status: 'Open' | 'Closed';
}

export interface ActionBlock {
  kind: 'action';
  actionId: string;
  text: string;
  owner: string;
  targetDate: string | null;
  withdrawn: boolean;
}

export type MinutesBlock =
  | { kind: 'paragraph'; text: string }
  | OutstandingActionBlock
  | ActionBlock
  /** "The OPSG NOTED the update." */
  | { kind: 'decision'; text: string }
  /** "The OPSG:" then bullets, the "; and" joining already applied. */
  | { kind: 'decisionList'; lead: string; bullets: string[] };

export interface MinutesItem {
  /** "3.1"; empty for the section of entries whose agenda item was removed. */
  number: string;
  title: string;
  /** The heading as printed: "3.1. Registration Data Incident Report". */
  heading: string;
  /** 1 for an item (Heading 1), 2 for a sub-item such as 3.1 (Heading 2). */
  level: 1 | 2;
  blocks: MinutesBlock[];
}

export interface MinutesDocument {
  /** "OPSG_41_2501 Draft Minutes": the file name, without extension. */
  fileName: string;
  status: MeetingStatus;
  classification: { level: ClassificationLevel; notice: string };
  title: {
    groupName: string;
    /** "25 January 2021, OPSG_41_2501" */
    dateAndReference: string;
    /** "13:20 – 15:35" */
    time: string | null;
    /** "Teleconference" */
    mode: string;
    /** "Draft Minutes" */
    status: string;
  };
  attendees: MinutesTable;
  otherParticipants: MinutesTable;
  apologies: MinutesTable;
  items: MinutesItem[];
  /** "Next main meeting: 22 February 2021; Next reporting meeting: 8 February 2021." */
  nextMeetings: string | null;
  /** For the short forms (chat): the decisions and new actions, with their item numbers. */
  digest: {
    /** Members present, alternates included (not the other participants). */
    membersPresent: number;
    /** Other participants present. */
    othersPresent: number;
    apologies: number;
    quorum: string;
    decisions: { itemNumber: string; text: string }[];
    actions: (ActionBlock & { itemNumber: string })[];
  };
}
