/**
 * Configuration from the environment, read once at start. Every key is in the README's table;
 * a bad value stops the server with a sentence that says which key and what to set.
 */
import fs from 'node:fs';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import path from 'node:path';
import { FaultInjector, type FaultSettings } from '../sandbox/faults';

export type AuthMode = 'local' | 'teams';

/** `sandbox`: the local Graph sandbox, in-process (no Microsoft account); `graph`: Microsoft Graph. */
export type GraphMode = 'sandbox' | 'graph';

/** How the server signs in to Entra to call Graph (on-behalf-of and client credentials). */
export type GraphAppCredential =
  | { kind: 'secret'; clientSecret: string }
  | { kind: 'certificate'; thumbprintSha256: string; privateKey: string; path: string };

export type GraphConfig =
  | {
      mode: 'sandbox';
      /** Port of the in-process sandbox; 0 picks a free one. */
      sandboxPort: number;
      /** Fault injection for demos of retry (SANDBOX_FAULTS); null: none. */
      sandboxFaults: FaultSettings | null;
    }
  | {
      mode: 'graph';
      /** `https://graph.microsoft.com/v1.0` unless GRAPH_BASE_URL says otherwise. */
      baseUrl: string;
      credential: GraphAppCredential;
      /** Write the library and the register as the app (Sites.Selected) instead of delegated. */
      filesAsApplication: boolean;
      /** Write Planner as the app (Tasks.ReadWrite.All) instead of delegated. */
      plannerAsApplication: boolean;
    };

export interface TeamsAuthConfig {
  clientId: string;
  allowedTenants: string[];
  jwksUrl: string;
  issuerTemplate: string;
  clockSkewSeconds: number;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  authMode: AuthMode;
  teams: TeamsAuthConfig | null;
  /** Create the demo committee and meeting on first start (local mode only). */
  demoData: boolean;
  heartbeatMs: number;
  bodyLimitBytes: number;
  /** How long a client may take to send a whole request (headers and body) before 408. */
  requestTimeoutMs: number;
  /**
   * Teams mode: the origin people open Minutebook at (`https://mb.example.com`), the only one
   * whose pages may change anything; null: the origin named by each request's Host header.
   * Local mode: always null (the loopback origin the request was sent to).
   */
  publicOrigin: string | null;
  logLevel: string;
  /** Signs the short-lived minutes links; null: a random key per process. */
  linkSigningSecret: string | null;
  /** Where Graph calls go (attendance and apology proposals, publishing). */
  graph: GraphConfig;
}

export class ConfigError extends Error {}

/** Addresses a local-mode server may listen on (HOST). */
const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', 'localhost', '::1']);
/** Loopback host names as URLs and Host headers write them (IPv6 in brackets). */
export const LOOPBACK_HOSTNAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const authMode = env.AUTH_MODE ?? 'local';
  if (authMode !== 'local' && authMode !== 'teams') {
    throw new ConfigError(
      `AUTH_MODE is "${authMode}"; set it to "local" (the default) or "teams".`,
    );
  }
  const host = env.HOST ?? (authMode === 'local' ? '127.0.0.1' : '0.0.0.0');
  if (authMode === 'local' && !LOOPBACK_ADDRESSES.has(host)) {
    throw new ConfigError(
      `HOST is "${host}", but AUTH_MODE=local trusts a user picker and must listen on 127.0.0.1 only; unset HOST or use AUTH_MODE=teams.`,
    );
  }
  const teams = authMode === 'teams' ? teamsConfig(env) : null;
  return {
    port: integer(env, 'PORT', 53000, 0, 65535),
    host,
    dataDir: path.resolve(env.DATA_DIR ?? '.data'),
    authMode,
    teams,
    demoData: authMode === 'local' && (env.DEMO_DATA ?? 'on') !== 'off',
    heartbeatMs: integer(env, 'SSE_HEARTBEAT_MS', 15000, 100, 600000),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 4 * 1024 * 1024, 1024, 64 * 1024 * 1024),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 60000, 1000, 600000),
    publicOrigin: publicOrigin(env, authMode),
    logLevel: env.LOG_LEVEL ?? 'info',
    linkSigningSecret: linkSecret(env),
    graph: graphConfig(env, authMode),
  };
}

function teamsConfig(env: NodeJS.ProcessEnv): TeamsAuthConfig {
  const clientId = env.TEAMS_APP_CLIENT_ID ?? '';
  if (!GUID.test(clientId)) {
    throw new ConfigError(
      "AUTH_MODE=teams needs TEAMS_APP_CLIENT_ID: the Entra app registration's client id (a GUID).",
    );
  }
  const allowedTenants = (env.ALLOWED_TENANTS ?? '')
    .split(',')
    .map((tenant) => tenant.trim())
    .filter(Boolean);
  if (allowedTenants.length === 0 || allowedTenants.some((tenant) => !GUID.test(tenant))) {
    throw new ConfigError(
      'AUTH_MODE=teams needs ALLOWED_TENANTS: a comma-separated list of the tenant ids (GUIDs) allowed to sign in.',
    );
  }
  return {
    clientId,
    allowedTenants,
    jwksUrl: env.ENTRA_JWKS_URL ?? 'https://login.microsoftonline.com/common/discovery/v2.0/keys',
    issuerTemplate: env.ENTRA_ISSUER_TEMPLATE ?? 'https://login.microsoftonline.com/{tid}/v2.0',
    clockSkewSeconds: integer(env, 'TOKEN_CLOCK_SKEW_SECONDS', 60, 0, 600),
  };
}

function integer(
  env: NodeJS.ProcessEnv,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${key} is "${raw}"; set a whole number from ${min} to ${max}.`);
  }
  return value;
}

function linkSecret(env: NodeJS.ProcessEnv): string | null {
  const secret = env.LINK_SIGNING_SECRET;
  if (secret === undefined || secret === '') return null;
  if (secret.length < 32) {
    throw new ConfigError(
      'LINK_SIGNING_SECRET is too short; use at least 32 random characters, or unset it.',
    );
  }
  return secret;
}

const DEFAULT_GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';
const SANDBOX_ONLY = ['SANDBOX_PORT', 'SANDBOX_FAULTS'] as const;
const GRAPH_ONLY = [
  'GRAPH_BASE_URL',
  'TEAMS_APP_CLIENT_SECRET',
  'TEAMS_APP_CERTIFICATE_PATH',
  'GRAPH_FILES_AS_APPLICATION',
  'GRAPH_PLANNER_AS_APPLICATION',
] as const;

function graphConfig(env: NodeJS.ProcessEnv, authMode: AuthMode): GraphConfig {
  const mode = env.GRAPH_MODE || (authMode === 'local' ? 'sandbox' : 'graph');
  if (mode !== 'sandbox' && mode !== 'graph') {
    throw new ConfigError(
      `GRAPH_MODE is "${mode}"; set it to "sandbox" (the local Graph sandbox, the default with AUTH_MODE=local) or "graph" (Microsoft Graph, the default with AUTH_MODE=teams).`,
    );
  }
  if (mode === 'sandbox' && authMode === 'teams') {
    throw new ConfigError(
      'GRAPH_MODE=sandbox cannot run with AUTH_MODE=teams: the Graph sandbox and its inspector (/_sandbox: every published document and mail, with no sign-in, and a reset) belong to local mode on 127.0.0.1 only. Unset GRAPH_MODE to call Microsoft Graph (the default with AUTH_MODE=teams), or set AUTH_MODE=local to try Minutebook with the sandbox.',
    );
  }
  const misplaced = (mode === 'sandbox' ? GRAPH_ONLY : SANDBOX_ONLY).find((key) => env[key]);
  if (misplaced) {
    throw new ConfigError(
      mode === 'sandbox'
        ? `${misplaced} applies to GRAPH_MODE=graph only; with GRAPH_MODE=sandbox the Graph sandbox runs inside the server (choose its port with SANDBOX_PORT). Unset ${misplaced} or set GRAPH_MODE=graph.`
        : `${misplaced} applies to GRAPH_MODE=sandbox only, the local Graph sandbox of AUTH_MODE=local; unset it.`,
    );
  }
  if (mode === 'sandbox') {
    return {
      mode,
      sandboxPort: integer(env, 'SANDBOX_PORT', 0, 0, 65535),
      sandboxFaults: sandboxFaults(env.SANDBOX_FAULTS),
    };
  }
  if (authMode !== 'teams') {
    throw new ConfigError(
      'GRAPH_MODE=graph calls Microsoft Graph on behalf of the signed-in user, which needs AUTH_MODE=teams (the Teams sign-in token); with AUTH_MODE=local use GRAPH_MODE=sandbox (the default).',
    );
  }
  return {
    mode,
    baseUrl: graphBaseUrl(env.GRAPH_BASE_URL),
    credential: appCredential(env),
    filesAsApplication: onOff(env, 'GRAPH_FILES_AS_APPLICATION'),
    plannerAsApplication: onOff(env, 'GRAPH_PLANNER_AS_APPLICATION'),
  };
}

function publicOrigin(env: NodeJS.ProcessEnv, authMode: AuthMode): string | null {
  const raw = env.PUBLIC_ORIGIN;
  if (raw === undefined || raw === '') return null;
  if (authMode === 'local') {
    throw new ConfigError(
      'PUBLIC_ORIGIN applies to AUTH_MODE=teams only; in local mode Minutebook answers on 127.0.0.1 and localhost by itself. Unset PUBLIC_ORIGIN, or set AUTH_MODE=teams.',
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      `PUBLIC_ORIGIN is "${raw}", which is not a URL; set the origin people open Minutebook at, like https://mb-x1y2-53000.euw.devtunnels.ms, or unset it.`,
    );
  }
  const loopback = LOOPBACK_HOSTNAMES.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ConfigError(
      `PUBLIC_ORIGIN must be an https:// origin (Teams loads tabs over HTTPS only); it is "${raw}".`,
    );
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username) {
    throw new ConfigError(
      `PUBLIC_ORIGIN must be an origin only (scheme, host and port, no path), like https://mb.example.com; it is "${raw}".`,
    );
  }
  return url.origin;
}

function graphBaseUrl(raw: string | undefined): string {
  if (raw === undefined || raw === '') return DEFAULT_GRAPH_BASE_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      `GRAPH_BASE_URL is "${raw}", which is not a URL; set it like ${DEFAULT_GRAPH_BASE_URL}, or unset it.`,
    );
  }
  const loopback = LOOPBACK_HOSTNAMES.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ConfigError(
      `GRAPH_BASE_URL must be an https:// URL (http:// only on 127.0.0.1, for a local stand-in); it is "${raw}".`,
    );
  }
  if (url.search || url.hash) {
    throw new ConfigError(`GRAPH_BASE_URL must not have a query or fragment; it is "${raw}".`);
  }
  return raw.replace(/\/+$/, '');
}

function appCredential(env: NodeJS.ProcessEnv): GraphAppCredential {
  const secret = env.TEAMS_APP_CLIENT_SECRET ?? '';
  const certificatePath = env.TEAMS_APP_CERTIFICATE_PATH ?? '';
  if (secret && certificatePath) {
    throw new ConfigError(
      'Set either TEAMS_APP_CLIENT_SECRET or TEAMS_APP_CERTIFICATE_PATH, not both: the certificate is preferred; unset the secret.',
    );
  }
  if (secret) return { kind: 'secret', clientSecret: secret };
  if (certificatePath) return certificate(path.resolve(certificatePath));
  throw new ConfigError(
    "GRAPH_MODE=graph needs the Entra app registration's credential to call Graph: set TEAMS_APP_CERTIFICATE_PATH (a PEM file with the certificate and its private key; preferred) or TEAMS_APP_CLIENT_SECRET.",
  );
}

function certificate(file: string): GraphAppCredential {
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `TEAMS_APP_CERTIFICATE_PATH is "${file}", which cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); point it at a PEM file with the certificate and its private key.`,
    );
  }
  const keyBlock =
    /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(
      pem,
    );
  const certBlock = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem);
  if (!keyBlock || !certBlock) {
    throw new ConfigError(
      `TEAMS_APP_CERTIFICATE_PATH (${file}) must hold both the certificate ("BEGIN CERTIFICATE") and its unencrypted private key ("BEGIN PRIVATE KEY").`,
    );
  }
  try {
    createPrivateKey(keyBlock[0]);
    const thumbprintSha256 = new X509Certificate(certBlock[0]).fingerprint256.replace(/:/g, '');
    return { kind: 'certificate', thumbprintSha256, privateKey: keyBlock[0], path: file };
  } catch (error) {
    throw new ConfigError(
      `TEAMS_APP_CERTIFICATE_PATH (${file}) does not hold a usable certificate and private key: ${(error as Error).message}.`,
    );
  }
}

function sandboxFaults(raw: string | undefined): FaultSettings | null {
  if (raw === undefined || raw === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError(
      'SANDBOX_FAULTS is not valid JSON; set an object such as {"seed":1,"rates":{"throttle":0.3}}, or unset it.',
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(
      'SANDBOX_FAULTS must be a JSON object such as {"seed":1,"rates":{"throttle":0.3}}.',
    );
  }
  try {
    new FaultInjector(parsed as FaultSettings);
  } catch (error) {
    throw new ConfigError(`SANDBOX_FAULTS is invalid: ${(error as Error).message}`);
  }
  return parsed as FaultSettings;
}

function onOff(env: NodeJS.ProcessEnv, key: string): boolean {
  const raw = env[key];
  if (raw === undefined || raw === '' || raw === 'off') return false;
  if (raw === 'on') return true;
  throw new ConfigError(`${key} is "${raw}"; set "on" or "off" (the default).`);
}
