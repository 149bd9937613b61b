/**
 * Composes the server: store, services, authentication and routes. Everything outside is passed
 * in (config, store, clock), so tests build the real server around a temporary store.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Store } from '../store';
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
import { committeeRoutes } from './routes/committeeRoutes';
import { healthRoutes } from './routes/healthRoutes';
import { legalRoutes } from './routes/legalRoutes';
import { meetingRoutes } from './routes/meetingRoutes';
import { minutesRoutes } from './routes/minutesRoutes';
import { proposalRoutes } from './routes/proposalRoutes';
import { publishRoutes } from './routes/publishRoutes';
import { streamRoute } from './routes/streamRoute';
import { tabRoutes } from './routes/tabRoutes';

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
  });

  // JSON only: anything else is answered 415 rather than parsed as text.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
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
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    if (!request.url.startsWith('/api/')) return;
    request.identity = await authenticate({
      authorization: request.headers.authorization,
      localUserHeader: header(request.headers[LOCAL_USER_HEADER]),
      cookieHeader: request.headers.cookie,
    });
  });
  app.setErrorHandler((error, request, reply) => sendError(request, reply, error));
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      code: 'not_found',
      message: `There is no ${request.method} ${request.url.split('?')[0]}.`,
      requestId: request.id,
    }),
  );

  const feed = new OpFeed();
  const committees = new CommitteeService(store, now);
  const meetings = new MeetingService(store, committees, new MeetingStateCache(store), feed, now);
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
  meetingRoutes(app, meetings);
  minutesRoutes(app, meetings, new MinutesLinkSigner(config.linkSigningSecret), now);
  streamRoute(app, meetings, feed, config.heartbeatMs);
  proposalRoutes(app, new ProposalService(meetings, graphAccess, now));
  publishRoutes(app, publish, config.heartbeatMs);
  if (options.localGraph) sandboxProxy(app, options.localGraph);
  tabRoutes(app, options.tabDir ?? path.resolve(__dirname, '../tab'));
  return { app, committees, meetings, feed, graphAccess, publish };
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
