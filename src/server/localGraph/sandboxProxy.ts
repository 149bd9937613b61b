/**
 * Serves the local Graph sandbox's inspector on the main server, at /_sandbox (local mode only):
 * what was published (documents to download, chat posts, mail, list rows, tasks), its JSON at
 * /_sandbox/state, fault settings and reset. Requests are passed on to the sandbox on 127.0.0.1;
 * Graph itself (/v1.0) is not exposed here.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LocalGraph } from './startLocalGraph';

const PASSED_ON = [
  'content-type',
  'content-disposition',
  'content-security-policy',
  'x-content-type-options',
];

export function sandboxProxy(app: FastifyInstance, localGraph: LocalGraph): void {
  const forward = async (request: FastifyRequest, reply: FastifyReply) => {
    const hasBody = request.method !== 'GET' && request.body !== undefined;
    const answer = await fetch(`${localGraph.url}${request.url}`, {
      method: request.method,
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
