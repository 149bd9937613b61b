/**
 * GET /api/meetings/:id/attendance-proposals: the Teams attendance reports reconciled with the
 * captured attendance; GET /api/meetings/:id/apology-proposals: apologies from the invitation's
 * declines. Read-only: a proposal is accepted by submitting its ops to /ops. Note-takers and owners
 * only (ProposalService).
 */
import type { FastifyInstance } from 'fastify';
import { callerOf } from '../GraphAccess';
import type { ProposalService } from '../ProposalService';

type WithId = { Params: { id: string } };

export function proposalRoutes(app: FastifyInstance, proposals: ProposalService): void {
  app.get<WithId>('/api/meetings/:id/attendance-proposals', async (request) =>
    proposals.attendance(callerOf(request), request.params.id),
  );
  app.get<WithId>('/api/meetings/:id/apology-proposals', async (request) =>
    proposals.apologies(callerOf(request), request.params.id),
  );
}
