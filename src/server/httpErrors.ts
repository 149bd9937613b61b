/**
 * Every error leaves the server as JSON `{code, message, details?, requestId}`: a stable code for
 * programs and a sentence for people that says what to do.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type DomainErrorCode } from '../domain';
import { AuthError } from './auth/verifyTeamsToken';

const DOMAIN_STATUS: Record<DomainErrorCode, number> = {
  invalid_request: 400,
  validation_failed: 400,
  not_found: 404,
  meeting_final: 409,
  invalid_status_transition: 409,
  already_exists: 409,
  version_conflict: 412,
  too_many_ops: 413,
};

export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
  requestId: string;
}

export function toErrorResponse(
  error: unknown,
  requestId: string,
): { status: number; body: ErrorBody } {
  const body = (code: string, message: string, details?: unknown): ErrorBody =>
    details === undefined ? { code, message, requestId } : { code, message, details, requestId };
  if (error instanceof DomainError) {
    return {
      status: DOMAIN_STATUS[error.code],
      body: body(error.code, error.message, error.details),
    };
  }
  if (error instanceof AuthError) {
    return {
      status: error.code === 'jwks_unavailable' ? 503 : 401,
      body: body(error.code, error.message),
    };
  }
  const fastifyError = error as Partial<FastifyError>;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        body: body(
          'unsupported_media_type',
          'Send the body as JSON with "Content-Type: application/json".',
        ),
      };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        body: body(
          'body_too_large',
          'The request body is too large; send fewer operations per request (at most 500).',
        ),
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, body: body('invalid_json', 'The body is empty; send a JSON object.') };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return {
        status: 400,
        body: body('invalid_json', 'The body is not valid JSON; check its syntax.'),
      };
  }
  if (fastifyError.statusCode === 400) {
    return {
      status: 400,
      body: body(
        'invalid_json',
        `The body could not be read: ${fastifyError.message ?? 'invalid'}.`,
      ),
    };
  }
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return {
      status: fastifyError.statusCode,
      body: body('invalid_request', fastifyError.message ?? 'The request is invalid.'),
    };
  }
  return {
    status: 500,
    body: body(
      'internal_error',
      `Something went wrong on the server; try again, and if it keeps happening give your administrator request id ${requestId}.`,
    ),
  };
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
): FastifyReply {
  const { status, body } = toErrorResponse(error, request.id);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  if (status === 401) void reply.header('www-authenticate', 'Bearer');
  return reply.code(status).type('application/json').send(body);
}
