/**
 * Configuration from the environment, read once at start. Every key is in the README's table;
 * a bad value stops the server with a sentence that says which key and what to set.
 */
import path from 'node:path';

export type AuthMode = 'local' | 'teams';

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
  logLevel: string;
  /** Signs the short-lived minutes links; null: a random key per process. */
  linkSigningSecret: string | null;
}

export class ConfigError extends Error {}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const authMode = env.AUTH_MODE ?? 'local';
  if (authMode !== 'local' && authMode !== 'teams') {
    throw new ConfigError(
      `AUTH_MODE is "${authMode}"; set it to "local" (the default) or "teams".`,
    );
  }
  const host = env.HOST ?? (authMode === 'local' ? '127.0.0.1' : '0.0.0.0');
  if (authMode === 'local' && !LOOPBACK.has(host)) {
    throw new ConfigError(
      `HOST is "${host}", but AUTH_MODE=local trusts a user picker and must listen on 127.0.0.1 only; unset HOST or use AUTH_MODE=teams.`,
    );
  }
  return {
    port: integer(env, 'PORT', 53000, 0, 65535),
    host,
    dataDir: path.resolve(env.DATA_DIR ?? '.data'),
    authMode,
    teams: authMode === 'teams' ? teamsConfig(env) : null,
    demoData: authMode === 'local' && (env.DEMO_DATA ?? 'on') !== 'off',
    heartbeatMs: integer(env, 'SSE_HEARTBEAT_MS', 15000, 100, 600000),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 4 * 1024 * 1024, 1024, 64 * 1024 * 1024),
    logLevel: env.LOG_LEVEL ?? 'info',
    linkSigningSecret: linkSecret(env),
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
