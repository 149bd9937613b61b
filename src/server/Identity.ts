/**
 * Who is acting. Local mode takes a picked user from a header or cookie (the server listens on
 * loopback only); Teams mode takes the verified SSO token. Users are keyed by tenant + user id.
 */
import { createTeamsTokenVerifier, AuthError } from './auth/verifyTeamsToken';
import type { Config } from './config';

export interface Identity {
  tenantId: string;
  /** Stable id written into ops as `actor`: "local:ines.carvalho" or the Entra object id. */
  userId: string;
  displayName: string;
}

export interface RequestCredentials {
  authorization?: string | undefined;
  localUserHeader?: string | undefined;
  cookieHeader?: string | undefined;
}

export type Authenticator = (credentials: RequestCredentials) => Promise<Identity>;

export const LOCAL_TENANT = 'local';
export const LOCAL_USER_HEADER = 'x-minutebook-user';
export const LOCAL_USER_COOKIE = 'minutebook_user';
export const DEFAULT_LOCAL_USER = 'secretary';
const LOCAL_USER = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/;

export function createAuthenticator(config: Config): Authenticator {
  if (config.authMode === 'local' || !config.teams)
    return async (credentials) => localIdentity(credentials);
  const verify = createTeamsTokenVerifier({ ...config.teams, requiredScope: 'access_as_user' });
  return async (credentials) => {
    const verified = await verify(credentials.authorization);
    return {
      tenantId: verified.tenantId,
      userId: verified.userId,
      displayName: verified.displayName,
    };
  };
}

function localIdentity(credentials: RequestCredentials): Identity {
  const picked =
    credentials.localUserHeader ?? cookieValue(credentials.cookieHeader, LOCAL_USER_COOKIE);
  const user = picked === undefined || picked === '' ? DEFAULT_LOCAL_USER : safeDecode(picked);
  if (!LOCAL_USER.test(user)) {
    throw new AuthError(
      'token_malformed',
      `The local user "${user.slice(0, 40)}" is not valid; pick a user name of letters, digits, ".", "_", "@" or "-".`,
    );
  }
  return { tenantId: LOCAL_TENANT, userId: `local:${user}`, displayName: user };
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
