/**
 * Runs one Graph operation: route, query options, body (read, size-checked, validated against
 * the Graph contract before any state changes), handler, then the answer's own contract check.
 * Used for every HTTP request under /v1.0 and for every item of a `$batch`.
 */
import { SERVICE_CLOSED_TYPES, validateGraphPayload } from '../contract/validateGraphPayload';
import { findUser, type SandboxUser } from '../state/SandboxState';
import { badRequest, contractError, errorBody, GraphError } from './graphError';
import type { ResponseContract } from './responseContract';
import type { GraphRouter } from './router';
import type {
  CallSession,
  GraphRequest,
  GraphResponse,
  RouteDef,
  SandboxRuntime,
  Service,
} from './types';

export const JSON_CONTENT_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export interface PipelineDeps {
  router: GraphRouter;
  runtime: SandboxRuntime;
  contract: ResponseContract;
}

/** The error code Graph's workloads use for a body they cannot read. */
export function contractCode(service: Service): string {
  if (service === 'outlook') return 'RequestBodyRead'; // msgraph-sdk-dotnet#270, #450
  if (service === 'sharepoint') return 'invalidRequest';
  return 'BadRequest';
}

export function executeGraphRequest(
  deps: PipelineDeps,
  req: GraphRequest,
  session: CallSession,
): GraphResponse {
  const now = deps.runtime.now();
  let response: GraphResponse;
  try {
    response = dispatch(deps, req, session, now);
  } catch (error) {
    response = errorResponse(error, session, now);
  }
  return deps.contract.check(
    req.method,
    req.path,
    req.inBatch,
    withStandardHeaders(response, session),
  );
}

/** The request ids an answer carries. */
export type AnswerIds = Pick<CallSession, 'requestId' | 'clientRequestId'>;

export function errorResponse(error: unknown, session: AnswerIds, now: Date): GraphResponse {
  const graphError =
    error instanceof GraphError
      ? error
      : new GraphError(
          500,
          'InternalServerError',
          `The sandbox failed: ${String((error as Error)?.message ?? error)}`,
        );
  return {
    status: graphError.status,
    headers: { ...graphError.headers },
    body: errorBody(graphError, { ...session, now }),
    declared: { type: 'sandbox.odataError' },
  };
}

export function withStandardHeaders(response: GraphResponse, session: AnswerIds): GraphResponse {
  const headers: Record<string, string> = {
    ...(response.headers ?? {}),
    'request-id': session.requestId,
    'client-request-id': session.clientRequestId,
  };
  const isJson = response.body !== undefined && !Buffer.isBuffer(response.body);
  if (isJson && headers['Content-Type'] === undefined) {
    headers['Content-Type'] =
      response.declared?.type === 'sandbox.odataError' ? 'application/json' : JSON_CONTENT_TYPE;
  }
  return { ...response, headers };
}

function dispatch(
  deps: PipelineDeps,
  req: GraphRequest,
  session: CallSession,
  now: Date,
): GraphResponse {
  const match = deps.router.match(req.method, req.path);
  if (match.kind === 'wrongMethod') {
    throw new GraphError(
      405,
      'Request_BadRequest',
      'Specified HTTP method is not allowed for the request target.',
    );
  }
  if (match.kind === 'none') {
    throw badRequest(
      'BadRequest',
      `Resource not found for the segment '${lastSegment(req.path)}'.`,
    );
  }
  const { route, params } = match;
  checkQueryOptions(route, req);
  const principal =
    params.principal === undefined ? undefined : resolvePrincipal(deps, params.principal, session);
  req.body = readBody(deps.runtime, route, req);
  return route.handle({ req, params, principal, runtime: deps.runtime, session, now });
}

function lastSegment(path: string): string {
  const segments = path.split('/').filter((segment) => segment !== '');
  const last = segments[segments.length - 1] ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

function checkQueryOptions(route: RouteDef, req: GraphRequest): void {
  const allowed = new Set((route.query ?? []).map((option) => option.toLowerCase()));
  for (const key of req.query.keys()) {
    if (key.startsWith('$') && !allowed.has(key.toLowerCase())) {
      throw badRequest(
        route.service === 'sharepoint' ? 'invalidRequest' : 'BadRequest',
        `The query specified in the URI is not valid: query option '${key}' is not supported by ${route.method} ${route.pattern}.`,
      );
    }
  }
}

function resolvePrincipal(deps: PipelineDeps, raw: string, session: CallSession): SandboxUser {
  if (raw.toLowerCase() === 'me') {
    if (session.appOnly) {
      throw badRequest(
        'BadRequest',
        '/me request is only valid with delegated authentication flow.',
      );
    }
    return session.me;
  }
  const key = raw.slice('users/'.length);
  const user = findUser(deps.runtime.state, key);
  if (!user) {
    throw new GraphError(
      404,
      'Request_ResourceNotFound',
      `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`,
    );
  }
  return user;
}

function readBody(runtime: SandboxRuntime, route: RouteDef, req: GraphRequest): unknown {
  const contract = route.body;
  const received = req.received;
  if (contract === undefined) return undefined;
  if (contract === 'bytes') {
    if (received?.kind === 'raw') return received.bytes;
    if (received?.kind === 'json' && typeof received.value === 'string') {
      return Buffer.from(received.value, 'base64');
    }
    return Buffer.alloc(0);
  }
  let value: unknown;
  if (received?.kind === 'json') {
    value = received.value;
  } else if (received?.kind === 'raw' && received.bytes.length > 0) {
    value = parseJson(runtime, req, received.bytes);
  }
  if (value === undefined) {
    if (contract.type === 'action.noParameters' || contract.optional) return undefined;
    throw badRequest('BadRequest', 'Empty Payload. JSON content expected.');
  }
  const issues = validateGraphPayload(value, contract.type, { closedTypes: SERVICE_CLOSED_TYPES });
  if (issues.length > 0) throw contractError(contractCode(route.service), issues);
  return value;
}

function parseJson(runtime: SandboxRuntime, req: GraphRequest, bytes: Buffer): unknown {
  if (bytes.length > runtime.limits.requestBodyBytes) {
    throw new GraphError(
      413,
      'RequestEntityTooLarge',
      `The request body is ${bytes.length} bytes; Microsoft Graph accepts at most ${runtime.limits.requestBodyBytes}.`,
    );
  }
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  if (!contentType.includes('application/json')) {
    throw new GraphError(
      415,
      'UnsupportedMediaType',
      `This operation takes a JSON body: send "Content-Type: application/json" (got "${contentType || 'none'}").`,
    );
  }
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    throw badRequest(
      'BadRequest',
      'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    );
  }
}
