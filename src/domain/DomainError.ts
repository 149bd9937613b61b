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
  | 'already_exists';

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
