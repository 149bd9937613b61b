/**
 * /api/committees/:id/grants: who holds which role on the committee (any role; the history of
 * changes for owners), and PATCH to change roles (owners), all or nothing.
 */
import type { FastifyInstance } from 'fastify';
import type { GrantService } from '../GrantService';

type WithId = { Params: { id: string } };

export function grantRoutes(app: FastifyInstance, grants: GrantService): void {
  app.get<WithId>('/api/committees/:id/grants', async (request) =>
    grants.read(request.identity, request.params.id),
  );
  app.patch<WithId>('/api/committees/:id/grants', async (request) =>
    grants.change(request.identity, request.params.id, request.body),
  );
}
