/**
 * The errors that happen before any route runs, answered in the API's own shape
 * `{code, message, requestId}` with `x-request-id`, like every other error:
 *
 * - no route for the path (404 `not_found`), or none for the method on a path that has routes
 *   (405 `method_not_allowed`, with `Allow`);
 * - what the router refuses before looking up a route: a malformed %-escape (400 `bad_url`), a
 *   path segment over the router's limit (414 `uri_too_long`), through Fastify's
 *   `frameworkErrors`;
 * - what Node's HTTP parser refuses before Fastify sees a request (malformed request line or
 *   headers, headers too large, a request not received in time), through `clientErrorHandler`,
 *   which writes to the socket itself.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendError, type ErrorBody } from './httpErrors';

/** The longest path segment the router takes; ids are at most 80 characters. */
export const MAX_PARAM_LENGTH = 100;

/** Answers 404 and 405 for requests no route takes; call before any route is added. */
export function answerUnroutedRequests(app: FastifyInstance): void {
  const routes: { pattern: RegExp; methods: Set<string> }[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const pattern = routePattern(route.url);
    const known = routes.find((entry) => entry.pattern.source === pattern.source);
    const entry = known ?? { pattern, methods: new Set<string>() };
    if (!known) routes.push(entry);
    for (const method of methods) entry.methods.add(method);
    if (entry.methods.has('GET')) entry.methods.add('HEAD');
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = new Set<string>();
    for (const entry of routes) {
      if (entry.pattern.test(path)) for (const method of entry.methods) allowed.add(method);
    }
    const shown = quotePath(path);
    if (allowed.size > 0) {
      const methods = [...allowed].sort();
      return reply
        .code(405)
        .header('allow', methods.join(', '))
        .send({
          code: 'method_not_allowed',
          message: `${shown} does not take ${request.method}; use ${methods.join(', ')}.`,
          requestId: request.id,
        } satisfies ErrorBody);
    }
    return reply.code(404).send({
      code: 'not_found',
      message: `There is no ${request.method} ${shown}; check the address (the API is described in docs/api.md).`,
      requestId: request.id,
    } satisfies ErrorBody);
  });
}

/** A Fastify route path (`/api/meetings/:id/minutes.:format`, `/_sandbox/*`) as a regex. */
function routePattern(url: string): RegExp {
  const source = url
    .split(/(:[A-Za-z0-9_]+|\*)/)
    .map((part) =>
      part === '*'
        ? '.*'
        : part.startsWith(':')
          ? '[^/]+'
          : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`);
}

/** Fastify's `frameworkErrors`: a bad %-escape or an over-long segment, in our shape. */
export function frameworkErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  void reply.header('x-request-id', request.id);
  return sendError(request, reply, error);
}

const CLIENT_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'request_timeout',
    message:
      'The request did not arrive in time (REQUEST_TIMEOUT_MS); check the connection and send it again.',
  },
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'headers_too_large',
    message:
      "The request's address and headers are too large (16 KB at most); shorten the address or send fewer headers (cookies included).",
  },
};

const MALFORMED = {
  status: 400,
  code: 'bad_request',
  message:
    'The request is not valid HTTP (request line, method or headers); send it with a standard HTTP client.',
};

/**
 * Fastify's `clientErrorHandler`: Node could not read a request, so there is no Fastify request
 * and the answer is written to the socket, which is then closed (as Node itself does).
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, code, message } = CLIENT_ERRORS[error.code ?? ''] ?? MALFORMED;
  const requestId = randomUUID();
  const body = JSON.stringify({ code, message, requestId } satisfies ErrorBody);
  if (socket.writable) {
    socket.write(
      [
        `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Error'}`,
        'content-type: application/json; charset=utf-8',
        `content-length: ${Buffer.byteLength(body)}`,
        `x-request-id: ${requestId}`,
        'connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  }
  socket.destroy(error);
}

function quotePath(path: string): string {
  return path.length > 120 ? `${path.slice(0, 120)}…` : path;
}
