/**
 * Every error leaves the server as JSON `{code, message, details?, requestId}`: a stable code for
 * programs and a sentence for people that says what to do.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type DomainErrorCode } from '../domain';
// Not '../graph': its index loads the Graph SDK and msal-node, which a server only needs once it
// calls Graph (GraphAccess loads them on first use).
import type { GraphConsentRequiredError } from '../graph';
import { GraphRequestError } from '../graph/GraphRequestError';
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
  forbidden: 403,
  duplicate_code: 409,
  duplicate_reference: 409,
  last_owner: 409,
  meeting_archived: 409,
};

/** An answer the server chooses itself: a status, a stable code and a sentence. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

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
  if (error instanceof HttpError) {
    return { status: error.status, body: body(error.code, error.message, error.details) };
  }
  if (isConsentRequired(error)) {
    return {
      status: 403,
      body: body('consent_required', error.message, {
        consentUrl: error.adminConsentUrl,
        scopes: error.scopes,
        ...(error.claims ? { claims: error.claims } : {}),
      }),
    };
  }
  if (error instanceof GraphRequestError) {
    const failure = graphFailure(error);
    return {
      status: failure.status,
      body: body(failure.code, failure.message, {
        graphStatus: error.status,
        graphCode: error.code,
        graphRequestId: error.requestId || null,
        ...(error.retryAfterMs === undefined
          ? {}
          : { retryAfterSeconds: Math.ceil(error.retryAfterMs / 1000) }),
      }),
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
      return {
        status: 400,
        body: body(
          'invalid_json',
          'The body is empty; send a JSON object ({} when there is nothing to send).',
        ),
      };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return {
        status: 400,
        body: body(
          'invalid_request',
          'The body is not as long as its Content-Length header says; send it again whole.',
        ),
      };
    case 'FST_ERR_BAD_URL':
      return {
        status: 400,
        body: body(
          'bad_url',
          'The address has a malformed %-escape (a "%" not followed by two hex digits, or bytes that are not UTF-8); encode each part of the path with encodeURIComponent.',
        ),
      };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return {
        status: 414,
        body: body(
          'uri_too_long',
          'A part of the address is longer than 100 characters, and no id in Minutebook is; check the link.',
        ),
      };
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

const TRANSIENT_GRAPH = new Set(['throttled', 'unavailable', 'network', 'timeout']);

/**
 * A Graph failure as our answer: 503 `graph_unavailable` when trying again later may work, else
 * 502 `graph_failed`; the sentence names Graph's code and says what to do.
 */
export function graphFailure(error: GraphRequestError): {
  status: number;
  code: string;
  message: string;
} {
  const said = `(${error.status || 'no answer'} ${error.code})`;
  if (TRANSIENT_GRAPH.has(error.kind)) {
    return {
      status: 503,
      code: 'graph_unavailable',
      message:
        error.kind === 'throttled'
          ? `Microsoft 365 is busy and asked Minutebook to slow down ${said}; try again in a minute.`
          : `Microsoft 365 could not be reached or did not answer in time ${said}; try again in a moment.`,
    };
  }
  const detail = error.message.replace(/\s+$/, '').replace(/([^.!?])$/, '$1.');
  const advice: Partial<Record<GraphRequestError['kind'], string>> = {
    forbidden:
      " Only the meeting's organiser (or a co-organiser) can read its attendance report, and an administrator must have granted Minutebook's permissions (docs/permissions.md).",
    unauthorized:
      ' Sign in again; if it keeps happening, ask your administrator to check the app registration.',
    not_found: ' Check that the meeting is still linked to its Teams meeting.',
  };
  return {
    status: 502,
    code: 'graph_failed',
    message: `Microsoft 365 refused the request ${said}: ${detail}${advice[error.kind] ?? ''}`,
  };
}

function isConsentRequired(error: unknown): error is GraphConsentRequiredError {
  return error instanceof Error && error.name === 'GraphConsentRequiredError';
}
