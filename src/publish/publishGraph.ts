/**
 * The publisher's view of Microsoft Graph: the GraphGateway, plus the client behind each of the
 * identities a plan names, so that independent steps can share a $batch whichever identity makes
 * them (GraphGateway.batch sends delegated requests only; To Do needs the application client, and
 * the library or Planner may too, per the gateway's flags).
 *
 * Permissions: those of the steps (docs/permissions.md); nothing of its own.
 */
import { GraphGateway, type GraphClient, type BatchRequest, type BatchResult } from '../graph';
import type { GraphGatewayClients } from '../graph';
import { sendBatch } from '../graph/batch';
import type { PublishIdentity } from './PublishPlan';

export interface PublishGraph {
  readonly gateway: GraphGateway;
  /** The client for an identity; throws, saying what to configure, when it has none. */
  client(identity: PublishIdentity): GraphClient;
  /** Independent requests as one identity, in as few $batch round trips as allowed (20 each). */
  batch(
    identity: PublishIdentity,
    requests: readonly BatchRequest[],
    options?: { signal?: AbortSignal },
  ): Promise<BatchResult[]>;
  /** Round trips made so far by every client (for the benchmark). */
  readonly roundTrips: number;
}

export const MISSING_APPLICATION_MESSAGE =
  "This needs Minutebook's application permission (To Do for other people: Tasks.ReadWrite.All). Configure the app registration's client secret or certificate, and have an administrator grant consent (docs/permissions.md).";

export function createPublishGraph(clients: GraphGatewayClients): PublishGraph {
  const gateway = new GraphGateway(clients);
  const application = (): GraphClient => {
    if (!clients.application) throw new Error(MISSING_APPLICATION_MESSAGE);
    return clients.application;
  };
  const client = (identity: PublishIdentity): GraphClient => {
    switch (identity) {
      case 'delegated':
        return clients.delegated;
      case 'application':
        return application();
      case 'files':
        return clients.filesAsApplication ? application() : clients.delegated;
      case 'tasks':
        return clients.plannerAsApplication ? application() : clients.delegated;
    }
  };
  return {
    gateway,
    client,
    batch: (identity, requests, options) => sendBatch(client(identity), requests, options ?? {}),
    get roundTrips() {
      return gateway.roundTrips;
    },
  };
}
