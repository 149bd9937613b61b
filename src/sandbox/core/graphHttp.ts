/**
 * HTTP in front of the pipeline: `/v1.0/*` (bearer token required) and the pre-authenticated
 * upload URLs `/upload/{drive|mail}/{session}`. Here faults take effect: added latency, a reset
 * connection (destroyed before any answer), 429/503/504 answers, and commit-then-timeout (the
 * write is done, then the connection is held and destroyed without an answer). A `$batch` is one
 * round trip; its items draw their own faults.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FaultDecision, FaultInjector } from '../faults';
import { handleDriveUpload } from '../routes/driveUploads';
import { handleMailUpload } from '../routes/mailUploads';
import type { SandboxStats } from '../stats';
import { readCaller } from './callerIdentity';
import {
  errorResponse,
  executeGraphRequest,
  withStandardHeaders,
  type PipelineDeps,
} from './executeGraphRequest';
import { GraphError } from './graphError';
import type { CallSession, GraphRequest, GraphResponse, PublicUrls } from './types';

export interface HttpDeps extends PipelineDeps {
  faults: FaultInjector;
  stats: SandboxStats;
  defaultUserId(): string | undefined;
  publicUrls: Partial<PublicUrls> | undefined;
  /** Connections held by commit-then-timeout, destroyed when the sandbox closes. */
  hangs: Set<{ timer: NodeJS.Timeout; destroy(): void }>;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

function lowerHeaders(request: FastifyRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.headers)) {
    if (value !== undefined)
      headers[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function splitUrl(raw: string | undefined): { path: string; search: string } {
  const url = raw ?? '/';
  const index = url.indexOf('?');
  return index < 0
    ? { path: url, search: '' }
    : { path: url.slice(0, index), search: url.slice(index + 1) };
}

function urlsOf(deps: HttpDeps, request: FastifyRequest): PublicUrls {
  const origin = `${request.protocol}://${request.headers.host ?? '127.0.0.1'}`;
  return { graph: deps.publicUrls?.graph ?? origin, files: deps.publicUrls?.files ?? origin };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The answer a status fault gives instead of running the operation (429 and 503 say when to retry). */
export function faultAnswer(
  decision: FaultDecision,
  ids: { requestId: string; clientRequestId: string; now: Date },
): GraphResponse | undefined {
  const retry = { 'Retry-After': String(decision.retryAfterSeconds) };
  const answer = (error: GraphError) => errorResponse(error, ids, ids.now);
  switch (decision.kind) {
    case 'throttle':
      return answer(
        new GraphError(
          429,
          'TooManyRequests',
          `Too many requests; retry after ${decision.retryAfterSeconds} seconds.`,
          retry,
        ),
      );
    case 'unavailable':
      return answer(
        new GraphError(503, 'ServiceUnavailable', 'The service is temporarily unavailable.', retry),
      );
    case 'gatewayTimeout':
      return answer(
        new GraphError(
          504,
          'GatewayTimeout',
          'The gateway did not receive a timely response from the service.',
        ),
      );
    default:
      return undefined;
  }
}

function send(reply: FastifyReply, response: GraphResponse): FastifyReply {
  void reply.code(response.status);
  for (const [key, value] of Object.entries(response.headers ?? {})) void reply.header(key, value);
  if (response.body === undefined) return reply.send();
  if (Buffer.isBuffer(response.body)) return reply.send(response.body);
  return reply.send(JSON.stringify(response.body));
}

function destroy(reply: FastifyReply): void {
  reply.hijack();
  reply.raw.socket?.destroy();
}

/** Commit-then-timeout: hold the connection without answering, then drop it. */
function hang(deps: HttpDeps, reply: FastifyReply): void {
  reply.hijack();
  const socket = reply.raw.socket;
  const entry = {
    destroy: () => socket?.destroy(),
    timer: setTimeout(() => {
      socket?.destroy();
      deps.hangs.delete(entry);
    }, deps.faults.hangMs),
  };
  deps.hangs.add(entry);
}

async function preamble(
  deps: HttpDeps,
  reply: FastifyReply,
  decision: FaultDecision,
): Promise<boolean> {
  if (decision.latencyMs > 0) {
    deps.stats.fault('latency');
    await sleep(decision.latencyMs);
  }
  if (decision.kind === 'reset') {
    deps.stats.fault('reset');
    destroy(reply);
    return false;
  }
  return true;
}

async function handleGraph(
  deps: HttpDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const { path: fullPath, search } = splitUrl(request.raw.url);
  const path = fullPath.slice('/v1.0'.length) || '/';
  const method = request.method.toUpperCase();
  const isBatch = method === 'POST' && path.toLowerCase() === '/$batch';
  deps.stats.roundTrip(isBatch ? 'batch' : 'graph');
  const headers = lowerHeaders(request);
  const requestId = randomUUID();
  const ids = {
    requestId,
    clientRequestId: headers['client-request-id'] ?? requestId,
    now: deps.runtime.now(),
  };
  const decision = deps.faults.decide(method, path, isBatch ? 'batchEnvelope' : 'request');
  if (!(await preamble(deps, reply, decision))) return;
  const caller = readCaller(deps.runtime.state, headers.authorization, deps.defaultUserId());
  let response: GraphResponse;
  if (!caller.ok) {
    response = withStandardHeaders(
      errorResponse(
        new GraphError(401, 'InvalidAuthenticationToken', caller.message),
        ids,
        ids.now,
      ),
      ids,
    );
    response = deps.contract.check(method, path, false, response);
  } else {
    const urls = urlsOf(deps, request);
    const session: CallSession = {
      ...ids,
      me: caller.me,
      appOnly: caller.appOnly,
      baseUrl: urls.graph,
      filesUrl: urls.files,
    };
    const faulted = faultAnswer(decision, ids);
    if (faulted) {
      deps.stats.fault(decision.kind!);
      response = deps.contract.check(method, path, false, withStandardHeaders(faulted, session));
    } else {
      const req: GraphRequest = {
        method,
        path,
        query: new URLSearchParams(search),
        headers,
        received: Buffer.isBuffer(request.body) ? { kind: 'raw', bytes: request.body } : undefined,
        body: undefined,
        inBatch: false,
      };
      response = executeGraphRequest(deps, req, session);
    }
  }
  if (!isBatch) deps.stats.operation(method, path, response.status, false);
  const committedThenTimedOut = decision.kind === 'commitThenTimeout' && response.status < 400;
  if (committedThenTimedOut) deps.stats.fault('commitThenTimeout');
  if (committedThenTimedOut || response.withheld) {
    hang(deps, reply);
    return;
  }
  send(reply, response);
}

async function handleUpload(
  deps: HttpDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const { kind, sessionId } = request.params as { kind: string; sessionId: string };
  const { path, search } = splitUrl(request.raw.url);
  const method = request.method.toUpperCase();
  deps.stats.roundTrip('upload');
  const headers = lowerHeaders(request);
  const requestId = randomUUID();
  const ids = {
    requestId,
    clientRequestId: headers['client-request-id'] ?? requestId,
    now: deps.runtime.now(),
  };
  const urls = urlsOf(deps, request);
  const decision = deps.faults.decide(method, path, 'request');
  if (!(await preamble(deps, reply, decision))) return;
  let response = faultAnswer(decision, ids);
  if (response) {
    deps.stats.fault(decision.kind!);
  } else {
    const call = {
      method,
      sessionId,
      query: new URLSearchParams(search),
      headers,
      body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
    };
    try {
      response =
        kind === 'drive'
          ? handleDriveUpload(deps.runtime, call, urls, ids.now)
          : kind === 'mail'
            ? handleMailUpload(deps.runtime, call, urls, ids.now)
            : errorResponse(
                new GraphError(404, 'itemNotFound', 'No such upload URL.'),
                ids,
                ids.now,
              );
    } catch (error) {
      response = errorResponse(error, ids, ids.now);
    }
  }
  response = deps.contract.check(method, path, false, withStandardHeaders(response, ids));
  deps.stats.operation(method, `/upload/${kind}`, response.status, false);
  if (decision.kind === 'commitThenTimeout' && response.status < 400) {
    deps.stats.fault('commitThenTimeout');
    hang(deps, reply);
    return;
  }
  send(reply, response);
}

export function registerGraphHttp(app: FastifyInstance, deps: HttpDeps): void {
  app.route({
    method: [...METHODS],
    url: '/v1.0/*',
    handler: (request, reply) => handleGraph(deps, request, reply),
  });
  app.route({
    method: [...METHODS],
    url: '/upload/:kind/:sessionId',
    handler: (request, reply) => handleUpload(deps, request, reply),
  });
}
