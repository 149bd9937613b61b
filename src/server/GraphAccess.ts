/**
 * How the server reaches Microsoft Graph for a caller (GRAPH_MODE):
 *
 * - `graph`: Microsoft Graph. Delegated calls act as the signed-in user through the on-behalf-of
 *   flow (their Teams SSO token exchanged by msal-node); application calls (To Do for other
 *   people) use client credentials. One confidential client per tenant (its authority).
 * - `sandbox`: the local Graph sandbox with static tokens. Delegated calls act as the demo
 *   tenant's secretary (the organiser of its meeting), whoever is picked in the local user picker;
 *   who may publish is decided before any Graph call (secretary.ts).
 *
 * Tokens stay inside src/graph's clients; nothing here logs or returns one. The Graph SDK, msal-node
 * and the publisher load on first use, so a server that never calls Graph never loads them.
 */
import type { FastifyRequest } from 'fastify';
import type { ConfidentialClientApplication } from '@azure/msal-node';
import type { createConfidentialClient as CreateConfidentialClient } from '../graph';
import type { PublishGraph } from '../publish';
import type { Config } from './config';
import { HttpError } from './httpErrors';
import type { Identity } from './Identity';
import type { LocalGraph } from './localGraph/startLocalGraph';

export interface GraphCaller {
  identity: Identity;
  /** The request's Teams SSO token (teams mode), the assertion for on-behalf-of. */
  ssoToken: string | null;
}

export interface GraphAccess {
  readonly mode: 'sandbox' | 'graph' | 'none';
  /** The Graph gateway and clients acting for `caller`. */
  graphFor(caller: GraphCaller): Promise<PublishGraph>;
  /** The Microsoft 365 tenant the calls go to (to tell its people from guests). */
  tenantIdFor(caller: GraphCaller): string;
  /** Where people can see what was published (the sandbox inspector), or null. */
  readonly inspectorPath: string | null;
}

export function callerOf(request: FastifyRequest): GraphCaller {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return { identity: request.identity, ssoToken: match?.[1] ?? null };
}

const graphModules = () => Promise.all([import('../graph'), import('../publish')]);

export function sandboxGraphAccess(localGraph: LocalGraph): GraphAccess {
  const baseUrl = localGraph.graphBaseUrl;
  let graph: Promise<PublishGraph> | null = null;
  const make = async (): Promise<PublishGraph> => {
    const [{ createGraphClient, staticToken }, { createPublishGraph }] = await graphModules();
    return createPublishGraph({
      delegated: createGraphClient({
        baseUrl,
        getToken: staticToken(`user:${localGraph.delegatedUserId}`),
      }),
      application: createGraphClient({ baseUrl, getToken: staticToken('app') }),
    });
  };
  return {
    mode: 'sandbox',
    graphFor: () => (graph ??= make()),
    tenantIdFor: () => localGraph.sandbox.state.tenantId,
    inspectorPath: '/_sandbox',
  };
}

export function entraGraphAccess(config: Config): GraphAccess {
  const graphConfig = config.graph;
  const teams = config.teams;
  if (graphConfig.mode !== 'graph' || !teams) {
    throw new Error('entraGraphAccess needs GRAPH_MODE=graph and AUTH_MODE=teams.');
  }
  const credential = graphConfig.credential;
  const clients = new Map<string, ConfidentialClientApplication>();
  const confidentialClient = (
    createConfidentialClient: typeof CreateConfidentialClient,
    tenantId: string,
  ) => {
    let client = clients.get(tenantId);
    if (!client) {
      client = createConfidentialClient({
        tenantId,
        clientId: teams.clientId,
        ...(credential.kind === 'secret'
          ? { clientSecret: credential.clientSecret }
          : {
              clientCertificate: {
                thumbprintSha256: credential.thumbprintSha256,
                privateKey: credential.privateKey,
              },
            }),
      });
      clients.set(tenantId, client);
    }
    return client;
  };
  return {
    mode: 'graph',
    async graphFor(caller) {
      if (!caller.ssoToken) {
        throw new HttpError(
          401,
          'token_missing',
          'Calling Microsoft 365 for you needs your Teams sign-in token; open Minutebook in Teams.',
        );
      }
      const [graph, { createPublishGraph }] = await graphModules();
      const tenantId = caller.identity.tenantId;
      const client = confidentialClient(graph.createConfidentialClient, tenantId);
      const { createGraphClient } = graph;
      return createPublishGraph({
        delegated: createGraphClient({
          baseUrl: graphConfig.baseUrl,
          getToken: graph.onBehalfOfTokenProvider({
            client,
            assertion: caller.ssoToken,
            // Every delegated permission at once: an administrator consents to them together.
            scopes: [...new Set(Object.values(graph.GRAPH_DELEGATED_SCOPES).flat())],
            tenantId,
            clientId: teams.clientId,
          }),
        }),
        application: createGraphClient({
          baseUrl: graphConfig.baseUrl,
          getToken: graph.applicationTokenProvider({ client }),
        }),
        filesAsApplication: graphConfig.filesAsApplication,
        plannerAsApplication: graphConfig.plannerAsApplication,
      });
    },
    tenantIdFor: (caller) => caller.identity.tenantId,
    inspectorPath: null,
  };
}

/** For a server built without Graph (GRAPH_MODE=sandbox but no sandbox given, as in most tests). */
export function noGraphAccess(): GraphAccess {
  const refusal = () =>
    new HttpError(
      503,
      'graph_not_configured',
      'This server has no connection to Microsoft 365; start it with GRAPH_MODE=sandbox (npm start) or GRAPH_MODE=graph.',
    );
  return {
    mode: 'none',
    graphFor: () => Promise.reject(refusal()),
    tenantIdFor: () => {
      throw refusal();
    },
    inspectorPath: null,
  };
}
