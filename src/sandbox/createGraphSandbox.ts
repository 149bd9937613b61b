/**
 * The Graph sandbox: a local stand-in for the slice of Microsoft Graph v1.0 Minutebook calls,
 * like Microsoft's Dev Proxy. A development and test tool, never a production path. It keeps a
 * tenant in memory, behaves like Graph (paging, etags, $batch, pre-authenticated upload URLs),
 * refuses what Graph refuses (bodies outside the Graph types are answered 400 before any state
 * changes), injects faults on demand, and shows what was published at `/_sandbox`.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  errorResponse,
  executeGraphRequest,
  withStandardHeaders,
} from './core/executeGraphRequest';
import { faultAnswer, registerGraphHttp, type HttpDeps } from './core/graphHttp';
import { GraphError } from './core/graphError';
import { createRandomIds } from './core/ids';
import {
  ResponseContract,
  type ContractViolation,
  type ResponseValidationMode,
  type SandboxExchange,
} from './core/responseContract';
import { GraphRouter } from './core/router';
import type { PublicUrls, SandboxLimits, SandboxRuntime } from './core/types';
import { FaultInjector, type FaultSettings } from './faults';
import { registerInspector } from './inspector/inspectorRoutes';
import { batchRoute, type BatchItemRunner } from './routes/batchRoute';
import { graphRoutes } from './routes/graphRoutes';
import { clearState, createEmptyState, type SandboxState } from './state/SandboxState';
import { seedTenant, type SeedInfo, type SeedOptions } from './state/seedTenant';
import { SandboxStats } from './stats';

export interface GraphSandboxOptions {
  /** Seed the demo tenant (default true); options tune it. */
  seed?: boolean | SeedOptions;
  faults?: FaultSettings;
  /** Items per page before `@odata.nextLink` (default 10, so clients page). */
  pageSize?: number;
  now?: () => Date;
  logger?: boolean;
  /**
   * Origins written into links, default the request's own (`http://127.0.0.1:port`). Graph SDK v3
   * follows only `https://` absolute links (nextLink, upload URLs), so a client using it in local
   * mode sets e.g. `{ graph: 'https://graph.microsoft.com', files: 'https://files.sandbox.example' }`
   * and maps them back with `sandboxFetch`.
   */
  publicUrls?: Partial<PublicUrls>;
  /** What to do when the sandbox's own answer breaks the Graph types (default 'throw': answer 500). */
  responseValidation?: ResponseValidationMode;
  /** Called with every answer (HTTP responses and batch items); tests collect them. */
  onExchange?: (exchange: SandboxExchange) => void;
  limits?: Partial<SandboxLimits>;
  /** The user `/me` stands for when the token names nobody (default the seeded organizer). */
  defaultUserId?: string;
  /** Whether changing a library file's columns adds a file version, as SharePoint does (default true). */
  metadataUpdateCreatesVersion?: boolean;
}

export interface GraphSandbox {
  app: FastifyInstance;
  state: SandboxState;
  faults: FaultInjector;
  stats: SandboxStats;
  /** Ids of the seeded tenant (undefined when seeding is off). */
  readonly seed: SeedInfo | undefined;
  /** Answers of the sandbox that broke the Graph types (should stay empty). */
  readonly contractViolations: readonly ContractViolation[];
  /** Empties the tenant, counters and fault script, and seeds again. */
  reset(): void;
}

const MB = 1024 * 1024;

export const DEFAULT_LIMITS: SandboxLimits = {
  requestBodyBytes: 4 * MB,
  chatMessageBytes: 28 * 1024,
  inlineAttachmentBytes: 3 * MB,
  attachmentSessionMaxBytes: 150 * MB,
  simpleUploadBytes: 4 * MB,
  uploadFragmentBytes: 60 * MB,
  uploadSessionMinutes: 20,
};

export function createGraphSandbox(options: GraphSandboxOptions = {}): GraphSandbox {
  const limits: SandboxLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const state = createEmptyState();
  const runtime: SandboxRuntime = {
    state,
    limits,
    pageSize: options.pageSize ?? 10,
    now: options.now ?? (() => new Date()),
    ids: createRandomIds(),
    metadataUpdateCreatesVersion: options.metadataUpdateCreatesVersion ?? true,
  };
  const faults = new FaultInjector(options.faults ?? {});
  const stats = new SandboxStats();
  const contract = new ResponseContract(options.responseValidation ?? 'throw', options.onExchange);
  let seed: SeedInfo | undefined;
  const seedOptions =
    options.seed === false
      ? undefined
      : options.seed === true || options.seed === undefined
        ? {}
        : options.seed;
  const doSeed = () => {
    seed = seedOptions ? seedTenant(state, seedOptions) : undefined;
  };
  doSeed();

  const runItem: BatchItemRunner = (req, session) => {
    const decision = faults.decide(req.method, req.path, 'batchItem');
    const faulted = faultAnswer(decision, { ...session, now: runtime.now() });
    let response;
    if (faulted) {
      stats.fault(decision.kind!);
      response = contract.check(req.method, req.path, true, withStandardHeaders(faulted, session));
    } else {
      response = executeGraphRequest(deps, req, session);
    }
    stats.operation(req.method, req.path, response.status, true);
    const withheld = decision.kind === 'commitThenTimeout' && response.status < 400;
    if (withheld) stats.fault('commitThenTimeout');
    return { response, withheld };
  };
  const router = new GraphRouter([batchRoute(runItem), ...graphRoutes()]);
  const deps: HttpDeps = {
    router,
    runtime,
    contract,
    faults,
    stats,
    defaultUserId: () => options.defaultUserId ?? seed?.organizer.id,
    publicUrls: options.publicUrls,
    hangs: new Set(),
  };

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit:
      Math.max(limits.uploadFragmentBytes, limits.simpleUploadBytes, limits.requestBodyBytes) + MB,
    forceCloseConnections: true,
    requestIdHeader: false,
    genReqId: () => randomUUID(),
  });
  // Bodies stay bytes here; the pipeline parses JSON per route, so a bad body gets Graph's answer.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.setErrorHandler((error, request, reply) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    const graphError = new GraphError(
      status,
      status === 413
        ? 'RequestEntityTooLarge'
        : status >= 500
          ? 'InternalServerError'
          : 'BadRequest',
      (error as Error).message,
    );
    const ids = { requestId: request.id, clientRequestId: request.id };
    const answer = withStandardHeaders(errorResponse(graphError, ids, runtime.now()), ids);
    void reply
      .code(answer.status)
      .headers(answer.headers ?? {})
      .send(JSON.stringify(answer.body));
  });
  app.addHook('preClose', async () => {
    for (const hang of deps.hangs) {
      clearTimeout(hang.timer);
      hang.destroy();
    }
    deps.hangs.clear();
  });

  const sandbox: GraphSandbox = {
    app,
    state,
    faults,
    stats,
    get seed() {
      return seed;
    },
    contractViolations: contract.violations,
    reset() {
      clearState(state);
      stats.reset();
      contract.violations.length = 0;
      faults.configure(options.faults ?? {});
      doSeed();
    },
  };
  registerGraphHttp(app, deps);
  registerInspector(app, sandbox);
  app.setNotFoundHandler((request, reply) => {
    const ids = { requestId: request.id, clientRequestId: request.id };
    const answer = withStandardHeaders(
      errorResponse(
        new GraphError(
          404,
          'NotFound',
          `There is nothing at ${request.method} ${request.url.split('?')[0]}; Graph lives under /v1.0 and the inspector under /_sandbox.`,
        ),
        ids,
        runtime.now(),
      ),
      ids,
    );
    void reply
      .code(404)
      .headers(answer.headers ?? {})
      .send(JSON.stringify(answer.body));
  });
  return sandbox;
}
