/**
 * Composes the server: store, services, authentication and routes. Everything outside is passed
 * in (config, store, clock), so tests build the real server around a temporary store.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Store } from '../store';
import { CommitteeAccess } from './CommitteeAccess';
import { CommitteeService } from './CommitteeService';
import type { Config } from './config';
import {
  entraGraphAccess,
  noGraphAccess,
  sandboxGraphAccess,
  type GraphAccess,
} from './GraphAccess';
import {
  createAuthenticator,
  LOCAL_USER_HEADER,
  type Authenticator,
  type Identity,
} from './Identity';
import { sendError } from './httpErrors';
import { MeetingService } from './MeetingService';
import { MeetingStateCache } from './MeetingStateCache';
import { MinutesLinkSigner } from './MinutesLinkSigner';
import { OpFeed } from './OpFeed';
import { sandboxProxy } from './localGraph/sandboxProxy';
import type { LocalGraph } from './localGraph/startLocalGraph';
import { ProposalService } from './ProposalService';
import { PublishService } from './PublishService';
import { guardRequests } from './requestGuards';
import { committeeRoutes } from './routes/committeeRoutes';
import { grantRoutes } from './routes/grantRoutes';
import { healthRoutes } from './routes/healthRoutes';
import { legalRoutes } from './routes/legalRoutes';
import { meetingRoutes } from './routes/meetingRoutes';
import { minutesRoutes } from './routes/minutesRoutes';
import { proposalRoutes } from './routes/proposalRoutes';
import { publishRoutes } from './routes/publishRoutes';
import { streamRoute } from './routes/streamRoute';
import { tabRoutes } from './routes/tabRoutes';
import {
  answerUnroutedRequests,
  clientErrorHandler,
  frameworkErrorHandler,
  MAX_PARAM_LENGTH,
} from './routingErrors';

declare module 'fastify' {
  interface FastifyRequest {
    identity: Identity;
  }
}

export interface ServerParts {
  app: FastifyInstance;
  committees: CommitteeService;
  meetings: MeetingService;
  feed: OpFeed;
  graphAccess: GraphAccess;
  publish: PublishService;
}

export interface ServerOptions {
  now?: () => Date;
  authenticator?: Authenticator;
  logger?: boolean;
  /** Where the built tab is; default dist/tab beside the compiled server. */
  tabDir?: string;
  /**
   * The local Graph sandbox (GRAPH_MODE=sandbox, started by main.ts or a test): Graph calls go
   * to it, and its inspector is served at /_sandbox.
   */
  localGraph?: LocalGraph;
  /** How Graph is reached, instead of what the config and `localGraph` say (tests). */
  graphAccess?: GraphAccess;
}

export function buildServer(
  config: Config,
  store: Store,
  options: ServerOptions = {},
): ServerParts {
  const now = options.now ?? (() => new Date());
  const authenticate = options.authenticator ?? createAuthenticator(config);
  const app = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' }),
    requestIdHeader: false,
    genReqId: () => randomUUID(),
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    requestTimeout: config.requestTimeoutMs,
    http: {
      // Answered by requestGuards.ts in the API's shape rather than by Node with an empty 400.
      requireHostHeader: false,
      headersTimeout: Math.min(60_000, config.requestTimeoutMs),
      // How often Node looks for requests over the timeout: a tenth of it, at most Node's 30 s.
      connectionsCheckingInterval: Math.min(30_000, config.requestTimeoutMs / 10),
    },
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
  });

  // JSON only: anything else is answered 415 rather than parsed as text.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    if ((body as string).trim() === '') {
      done(
        Object.assign(new Error('empty JSON body'), {
          code: 'FST_ERR_CTP_EMPTY_JSON_BODY',
          statusCode: 400,
        }),
        undefined,
      );
      return;
    }
    try {
      done(null, JSON.parse(body as string) as unknown);
    } catch {
      done(
        Object.assign(new Error('invalid JSON'), {
          code: 'FST_ERR_CTP_INVALID_JSON_BODY',
          statusCode: 400,
        }),
        undefined,
      );
    }
  });

  app.decorateRequest('identity', null as unknown as Identity);
  // Host, Origin and content type first: nothing else runs for a request they refuse.
  guardRequests(app, config);
  app.addHook('onRequest', async (request) => {
    // By the route matched, not the raw URL: the router decodes %-escapes ("/%61pi/me").
    if (!request.routeOptions.url?.startsWith('/api/')) return;
    request.identity = await authenticate({
      authorization: request.headers.authorization,
      localUserHeader: header(request.headers[LOCAL_USER_HEADER]),
      cookieHeader: request.headers.cookie,
    });
  });
  app.setErrorHandler((error, request, reply) => sendError(request, reply, error));
  answerUnroutedRequests(app);

  const feed = new OpFeed();
  const access = new CommitteeAccess(store);
  const committees = new CommitteeService(store, access, now);
  const meetings = new MeetingService(
    store,
    committees,
    access,
    new MeetingStateCache(store),
    feed,
    now,
  );
  const graphAccess =
    options.graphAccess ??
    (options.localGraph
      ? sandboxGraphAccess(options.localGraph)
      : config.graph.mode === 'graph'
        ? entraGraphAccess(config)
        : noGraphAccess());
  const publish = new PublishService(store, meetings, graphAccess, now, app.log);
  healthRoutes(app, config, graphAccess);
  legalRoutes(app);
  committeeRoutes(app, committees);
  grantRoutes(app, committees.grants);
  meetingRoutes(app, meetings);
  minutesRoutes(app, meetings, new MinutesLinkSigner(config.linkSigningSecret), now);
  streamRoute(app, meetings, feed, config.heartbeatMs);
  proposalRoutes(app, new ProposalService(meetings, graphAccess, now));
  publishRoutes(app, publish, config.heartbeatMs);
  if (options.localGraph) sandboxProxy(app, options.localGraph, config);
  tabRoutes(app, options.tabDir ?? path.resolve(__dirname, '../tab'));
  return { app, committees, meetings, feed, graphAccess, publish };
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
