/**
 * Serves the local Graph sandbox's inspector on the main server, at /_sandbox (local mode only):
 * what was published (documents to download, chat posts, mail, list rows, tasks), its JSON at
 * /_sandbox/state, fault settings and reset. Requests are passed on to the sandbox on 127.0.0.1;
 * Graph itself (/v1.0) is not exposed here: a path that leaves /_sandbox, however it is written
 * (`..`, `%2e%2e`, encoded slashes, backslashes), answers 404 and is never forwarded.
 *
 * The inspector has no sign-in, so it exists only where nobody else can reach the server: local
 * mode, which listens on loopback and answers only to loopback host names (requestGuards.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConfigError, type Config } from '../config';
import { HttpError } from '../httpErrors';
import { inspectorTarget } from './inspectorPath';
import type { LocalGraph } from './startLocalGraph';

const PASSED_ON = [
  'content-type',
  'content-disposition',
  'content-security-policy',
  'x-content-type-options',
];

export function sandboxProxy(
  app: FastifyInstance,
  localGraph: LocalGraph,
  config: Pick<Config, 'authMode'>,
): void {
  if (config.authMode !== 'local') {
    throw new ConfigError(
      'The Graph sandbox inspector (/_sandbox) has no sign-in and runs in AUTH_MODE=local only; start the server in local mode, or without the sandbox.',
    );
  }
  const forward = async (request: FastifyRequest, reply: FastifyReply) => {
    const target = inspectorTarget(request.url);
    if (target === null) {
      throw new HttpError(
        404,
        'not_found',
        "There is no such page of the Graph sandbox's inspector; open /_sandbox to see what was published.",
      );
    }
    const hasBody = request.method !== 'GET' && request.body !== undefined;
    const answer = await fetch(`${localGraph.url}${target}`, {
      method: request.method,
      redirect: 'manual',
      ...(hasBody
        ? { body: JSON.stringify(request.body), headers: { 'content-type': 'application/json' } }
        : {}),
    });
    for (const name of PASSED_ON) {
      const value = answer.headers.get(name);
      if (value !== null) void reply.header(name, value);
    }
    return reply.code(answer.status).send(Buffer.from(await answer.arrayBuffer()));
  };
  app.get('/_sandbox', forward);
  app.get('/_sandbox/*', forward);
  app.post('/_sandbox/*', forward);
}
