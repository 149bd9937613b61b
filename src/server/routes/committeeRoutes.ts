/**
 * /api/committees: create, list, read and update a committee's settings (ETag = version). Reads
 * carry the caller's role on the committee (`myRole`), so the tab knows what to offer.
 */
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../domain';
import type { CommitteeService } from '../CommitteeService';

export function committeeRoutes(app: FastifyInstance, committees: CommitteeService): void {
  app.post('/api/committees', async (request, reply) => {
    const committee = await committees.create(request.identity, request.body);
    return reply
      .code(201)
      .header('location', `/api/committees/${committee.id}`)
      .header('etag', etag(committee.version))
      .send({ ...committee, myRole: 'owner' });
  });

  app.get('/api/committees', async (request) => ({
    committees: (await committees.list(request.identity)).map(({ committee, role }) => ({
      ...committee,
      myRole: role,
    })),
  }));

  app.get<{ Params: { id: string } }>('/api/committees/:id', async (request, reply) => {
    const { committee, role } = await committees.read(request.identity, request.params.id);
    return reply.header('etag', etag(committee.version)).send({ ...committee, myRole: role });
  });

  app.patch<{ Params: { id: string } }>('/api/committees/:id', async (request, reply) => {
    const expected = parseIfMatch(request.headers['if-match']);
    const committee = await committees.update(
      request.identity,
      request.params.id,
      request.body,
      expected,
    );
    return reply.header('etag', etag(committee.version)).send({ ...committee, myRole: 'owner' });
  });
}

const etag = (version: number) => `"v${version}"`;

function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header === '*') return undefined;
  const match = /^(?:W\/)?"?v?(\d+)"?$/.exec(header.trim());
  if (!match)
    throw new DomainError('invalid_request', 'If-Match must be the ETag you read, e.g. "v3".');
  return Number(match[1]);
}
