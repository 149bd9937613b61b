/**
 * What every request must pass before anything reads it, in this order:
 *
 * 1. Local mode answers only to loopback host names (`localhost`, `127.0.0.1`, `[::1]`, with any
 *    port). Local mode trusts a user picker, so a web page that rebinds its own DNS name to
 *    127.0.0.1 must not reach the API: its requests carry its own name in `Host`.
 * 2. A state-changing request (POST, PUT, PATCH, DELETE) whose `Origin` is present must come from
 *    the app's own origin: in local mode the loopback origin it was sent to, in Teams mode
 *    PUBLIC_ORIGIN (or, unset, the origin its `Host` names). Browsers always send `Origin` on such
 *    requests, so no other web page the secretary has open can publish or write.
 * 3. A POST, PUT or PATCH carries JSON (`Content-Type: application/json`), even with nothing to
 *    say (`{}`): a body-less POST is what an HTML form or a bare `fetch` of another page sends.
 *
 * Every answer, these refusals included, carries `x-request-id`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from './config';
import { HttpError } from './httpErrors';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);
const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

export function guardRequests(
  app: FastifyInstance,
  config: Pick<Config, 'authMode' | 'publicOrigin'>,
): void {
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    const host = (request.headers.host ?? '').toLowerCase();
    if (config.authMode === 'local' && !LOOPBACK_HOST.test(host)) {
      throw new HttpError(
        403,
        'bad_host',
        `Minutebook in local mode answers only on this computer, at http://127.0.0.1 or http://localhost; this request was addressed to ${host ? `"${printable(host)}"` : 'no host'}. Open Minutebook at http://127.0.0.1:<port>.`,
      );
    }
    if (STATE_CHANGING.has(request.method)) checkOrigin(request, host, config);
    if (WITH_BODY.has(request.method) && !request.is404 && !isJson(request)) {
      throw new HttpError(
        415,
        'unsupported_media_type',
        `Send ${request.method} requests with "Content-Type: application/json" and a JSON body ({} when there is nothing to send).`,
      );
    }
  });
}

function checkOrigin(
  request: FastifyRequest,
  host: string,
  config: Pick<Config, 'authMode' | 'publicOrigin'>,
): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  const own = ownOrigin(origin, host, config);
  if (own !== null && origin.toLowerCase() === own) return;
  throw new HttpError(
    403,
    'bad_origin',
    config.authMode === 'teams' && config.publicOrigin === null
      ? `This request came from a page at "${printable(origin)}", not from Minutebook itself, so it was refused; open Minutebook and try there. If Minutebook is served at that address, its administrator sets PUBLIC_ORIGIN to it.`
      : `This request came from a page at "${printable(origin)}", not from Minutebook itself (${own ?? 'its own address'}), so it was refused; open Minutebook and try there.`,
  );
}

/** The origin a request from Minutebook's own pages carries, or null if none can match. */
function ownOrigin(
  origin: string,
  host: string,
  config: Pick<Config, 'authMode' | 'publicOrigin'>,
): string | null {
  if (config.authMode === 'local') return `http://${host}`;
  if (config.publicOrigin !== null) return config.publicOrigin;
  // No public origin configured: the page's origin must name the host this request went to
  // (its scheme is the page's: TLS may end at a proxy in front of the server).
  try {
    const scheme = new URL(origin).protocol;
    return host ? new URL(`${scheme}//${host}`).origin : null;
  } catch {
    return null;
  }
}

function isJson(request: FastifyRequest): boolean {
  const type = request.headers['content-type'];
  return type !== undefined && type.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/** A header value as a message may quote it: short, and without control characters. */
function printable(value: string): string {
  const cleaned = Array.from(value)
    .map((character) => ((character.codePointAt(0) ?? 0) < 0x20 ? '?' : character))
    .join('');
  return cleaned.length > 100 ? `${cleaned.slice(0, 100)}…` : cleaned;
}
