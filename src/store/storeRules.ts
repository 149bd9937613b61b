/**
 * What every Store adapter must agree on, in one place: how codes and references are compared,
 * and the refusals they throw (same code, same sentence), so the contract suite can hold every
 * adapter to the same answers.
 */
import { DomainError, roleName, type CommitteeRole } from '../domain';

/** Committee codes are compared without case: "opsg" and "OPSG" are the same code. */
export function codeKey(code: string): string {
  return code.toUpperCase();
}

/**
 * The key a meeting's reference is held under, or null for no reference yet. Without case, as
 * SharePoint compares the file names the reference becomes.
 */
export function referenceKey(reference: string): string | null {
  return reference === '' ? null : reference.toUpperCase();
}

/** An instant, normalised so that stored instants compare as strings; refused when not one. */
export function instant(value: string, what: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) {
    throw new DomainError(
      'invalid_request',
      `${what} "${value}" is not an ISO-8601 date-time; send one such as 2021-01-25T13:20:00Z.`,
    );
  }
  return new Date(time).toISOString();
}

export const refusals = {
  committeeExists: (id: string) =>
    new DomainError(
      'already_exists',
      `A committee with id "${id}" already exists; open it, or choose another id.`,
    ),
  duplicateCode: (code: string, otherName: string) =>
    new DomainError(
      'duplicate_code',
      `The code "${code}" is already used by the committee "${otherName}"; choose another code for this committee.`,
      { code },
    ),
  committeeNotFound: (id: string) =>
    new DomainError('not_found', `There is no committee "${id}"; check the committee id.`),
  lastOwner: (committeeId: string) =>
    new DomainError(
      'last_owner',
      `This change would leave the committee "${committeeId}" without an ${roleName('owner')}; make someone else ${roleName('owner')} first.`,
    ),
  grantMismatch: (what: string) =>
    new DomainError(
      'invalid_request',
      `The first owner's grant is for ${what}; grant it on this committee.`,
    ),
  meetingExists: (id: string) =>
    new DomainError(
      'already_exists',
      `A meeting with id "${id}" already exists; choose another id.`,
    ),
  meetingNotFound: (id: string) =>
    new DomainError('not_found', `There is no meeting "${id}"; check the meeting id.`),
  duplicateReference: (reference: string, otherMeetingId: string) =>
    new DomainError(
      'duplicate_reference',
      `Meeting ${reference} already exists in this committee; open it, or give this meeting another number or date.`,
      { reference, meetingId: otherMeetingId },
    ),
  publishRunExists: (publishNo: number, meetingId: string) =>
    new DomainError(
      'already_exists',
      `Publish ${publishNo} of meeting "${meetingId}" has already started; resume it instead of starting another.`,
    ),
  publishRunIdTaken: (runId: string) =>
    new DomainError(
      'already_exists',
      `A publish run with id "${runId}" already exists; start the new run with another id.`,
    ),
  publishRunNotFound: (runId: string) =>
    new DomainError('not_found', `There is no publish run "${runId}"; start a new publish.`),
  stepWithoutRun: (runId: string) =>
    new DomainError(
      'not_found',
      `There is no publish run "${runId}" for these steps; start the run before recording its steps.`,
    ),
};

/** The role a grant change moves from, for the history: null when the user had none. */
export type RoleOrNone = CommitteeRole | null;
