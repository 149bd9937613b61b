/**
 * One Graph operation, independent of HTTP: the same value flows from a real request or from an
 * item of a `$batch`, through the same routes, so a batch behaves exactly like separate calls.
 */
import type { SandboxState, SandboxUser } from '../state/SandboxState';
import type { IdFactory } from './ids';

/** The workload behind a route; it decides the error codes Graph uses for that service. */
export type Service =
  'teams' | 'outlook' | 'sharepoint' | 'planner' | 'todo' | 'directory' | 'batch';

export interface GraphRequest {
  method: string;
  /** The path after `/v1.0`, still percent-encoded, without the query: `/planner/tasks/abc`. */
  path: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /**
   * As received: raw bytes from HTTP, or the JSON value of a `$batch` item. The pipeline turns it
   * into `body` according to the route (JSON parsed and validated, or bytes).
   */
  received: { kind: 'raw'; bytes: Buffer } | { kind: 'json'; value: unknown } | undefined;
  /** Parsed JSON or bytes (Buffer) for the route; set by the pipeline before `handle`. */
  body: unknown;
  inBatch: boolean;
}

/** The Graph type a response body claims to be, so the sandbox can check its own answers. */
export interface DeclaredBody {
  type: string;
  collection?: boolean;
}

export interface GraphResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON value, a Buffer for bytes, or undefined for an empty body. */
  body?: unknown;
  declared?: DeclaredBody;
  /** The write happened but no answer may be sent (a commit-then-timeout fault inside a batch). */
  withheld?: boolean;
}

/** The origins the sandbox writes into links; a client's fetch maps them back to the sandbox. */
export interface PublicUrls {
  graph: string;
  files: string;
}

export interface SandboxLimits {
  /** Graph refuses requests over about 4 MB (RamjotSingh in microsoft-graph-docs#15594). */
  requestBodyBytes: number;
  /** Teams: "approximately 28 KB per post" (Limits and specifications for Microsoft Teams). */
  chatMessageBytes: number;
  /** Outlook: inline file attachments must be under 3 MB (outlook-large-attachments.md). */
  inlineAttachmentBytes: number;
  /** Outlook upload sessions take 3 MB to 150 MB. */
  attachmentSessionMaxBytes: number;
  /** Simple drive upload limit (the brief's 4 MB; current docs say 250 MB). */
  simpleUploadBytes: number;
  /** An upload-session fragment must be under 60 MiB. */
  uploadFragmentBytes: number;
  /** How long an upload session lives. */
  uploadSessionMinutes: number;
}

/** What the routes may use: state, clock, ids, limits and paging size. */
export interface SandboxRuntime {
  state: SandboxState;
  limits: SandboxLimits;
  pageSize: number;
  now(): Date;
  ids: IdFactory;
  /** SharePoint commits a new file version when list-item fields change. */
  metadataUpdateCreatesVersion: boolean;
}

/** Who is calling and from where, fixed for a request (and for every item of its batch). */
export interface CallSession {
  /** The signed-in user; for an app-only token, the tenant's default user (but `/me` is refused). */
  me: SandboxUser;
  /** An application token (client credentials): no `/me`, no delegated-only operations. */
  appOnly: boolean;
  /** Origin of Graph links (`@odata.nextLink`, `@odata.context`): `http://127.0.0.1:port` by default. */
  baseUrl: string;
  /** Origin of the pre-authenticated file links (upload and download URLs), not a Graph host in reality. */
  filesUrl: string;
  requestId: string;
  clientRequestId: string;
}

export interface RouteContext {
  req: GraphRequest;
  params: Record<string, string>;
  /** The user named by `/me` or `/users/{id}` in the path, when the route has `{principal}`. */
  principal: SandboxUser | undefined;
  runtime: SandboxRuntime;
  session: CallSession;
  now: Date;
}

/** A JSON body of a Graph type (`optional` when the operation may be called without one), or bytes. */
export type BodyContract = { type: string; optional?: boolean } | 'bytes';

export interface RouteDef {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /**
   * `/planner/tasks/{taskId}`; `{principal}` matches `me` or `users/{id|upn}`; `{name*}` matches
   * across slashes (drive paths).
   */
  pattern: string;
  service: Service;
  /** The contract of the request body; absent when the operation takes none. */
  body?: BodyContract;
  /** The `$` query options the operation supports; any other is refused like Graph does. */
  query?: readonly string[];
  handle(context: RouteContext): GraphResponse;
}
