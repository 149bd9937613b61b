/**
 * Typed errors inside; the server maps each code to an HTTP status and keeps the message,
 * which is written for the person who has to act on it.
 */
export type DomainErrorCode =
  | 'invalid_request'
  | 'validation_failed'
  | 'not_found'
  | 'meeting_final'
  | 'invalid_status_transition'
  | 'version_conflict'
  | 'too_many_ops'
  | 'already_exists'
  /** The caller lacks the committee role the request needs (owner, note-taker or member). */
  | 'forbidden'
  /** Another committee of the tenant already uses this code. */
  | 'duplicate_code'
  /** Another meeting of the committee already has this reference. */
  | 'duplicate_reference'
  /** A grant change would leave the committee without an owner. */
  | 'last_owner'
  /** The meeting was archived by an owner: it takes no more ops. */
  | 'meeting_archived';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
