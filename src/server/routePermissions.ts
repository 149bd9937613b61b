/**
 * What every /api route needs, in the terms of the domain's permission matrix
 * (src/domain/permissions.ts). The services enforce it; this table names it, for
 * docs/permissions.md and for the test that walks every registered route with every role (and
 * fails for a route missing here).
 *
 * - a CommitteeAction: the caller's role on the committee of the route's committee or meeting;
 * - `signedIn`: anyone signed in (creating a committee makes its creator the owner);
 * - `listFiltered`: anyone signed in, answered with only what they hold a role on;
 * - `perOperation`: a role of at least member, then each op's own rule (OPERATION_RULES).
 */
import type { CommitteeAction } from '../domain';

export type RoutePermission = CommitteeAction | 'signedIn' | 'listFiltered' | 'perOperation';

export const ROUTE_PERMISSIONS = {
  'GET /api/me': 'signedIn',
  'POST /api/committees': 'signedIn',
  'GET /api/committees': 'listFiltered',
  'GET /api/committees/:id': 'committee.read',
  'PATCH /api/committees/:id': 'committee.update',
  'GET /api/committees/:id/grants': 'grants.read',
  'PATCH /api/committees/:id/grants': 'grants.change',
  'POST /api/meetings': 'meeting.create',
  'GET /api/meetings': 'listFiltered',
  'GET /api/meetings/:id': 'meeting.read',
  'PATCH /api/meetings/:id': 'meeting.settings',
  'POST /api/meetings/:id/archive': 'meeting.archive',
  'POST /api/meetings/:id/ops': 'perOperation',
  'GET /api/meetings/:id/ops': 'meeting.read',
  'GET /api/meetings/:id/stream': 'meeting.read',
  'GET /api/meetings/:id/minutes.:format': 'meeting.read',
  'POST /api/meetings/:id/minutes-links': 'meeting.read',
  'GET /api/meetings/:id/attendance-proposals': 'proposals.read',
  'GET /api/meetings/:id/apology-proposals': 'proposals.read',
  'GET /api/meetings/:id/publish': 'meeting.read',
  'POST /api/meetings/:id/publish': 'publish.start',
  'GET /api/meetings/:id/publish/:runId': 'meeting.read',
  'GET /api/meetings/:id/publish/:runId/stream': 'meeting.read',
} as const satisfies Record<string, RoutePermission>;

export type ApiRoute = keyof typeof ROUTE_PERMISSIONS;
