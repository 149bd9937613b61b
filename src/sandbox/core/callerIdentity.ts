/**
 * Who the bearer token speaks for. The sandbox does not verify tokens (no Entra here); it only
 * requires one, like Graph, and reads the caller from it:
 * - `Bearer user:{id|upn}` → delegated, as that user;
 * - `Bearer app` (or `app:{anything}`) → application (client credentials): `/me` is refused;
 * - a JWT → its payload's `oid` (delegated) or, with `roles` and no `scp`, application;
 * - any other token → delegated, as the default user (the seeded organizer).
 */
import { findUser, type SandboxState, type SandboxUser } from '../state/SandboxState';

export type Caller =
  { ok: true; me: SandboxUser; appOnly: boolean } | { ok: false; message: string };

function jwtPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as unknown;
    return typeof payload === 'object' && payload !== null
      ? (payload as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export function readCaller(
  state: SandboxState,
  authorization: string | undefined,
  defaultUserId: string | undefined,
): Caller {
  const match = /^Bearer\s+(\S.*)$/i.exec(authorization ?? '');
  const token = match?.[1]?.trim();
  if (!token) return { ok: false, message: 'Access token is empty.' };
  const fallback =
    (defaultUserId ? state.users.get(defaultUserId) : undefined) ??
    state.users.values().next().value;
  if (!fallback)
    return {
      ok: false,
      message: 'Access token validation failure: the sandbox tenant has no users.',
    };
  if (/^app(:|$)/i.test(token)) return { ok: true, me: fallback, appOnly: true };
  if (token.toLowerCase().startsWith('user:')) {
    const user = findUser(state, token.slice('user:'.length));
    return user
      ? { ok: true, me: user, appOnly: false }
      : {
          ok: false,
          message: 'Access token validation failure: the token names no user of the tenant.',
        };
  }
  const payload = jwtPayload(token);
  if (payload) {
    if (payload.roles !== undefined && payload.scp === undefined)
      return { ok: true, me: fallback, appOnly: true };
    const user = typeof payload.oid === 'string' ? findUser(state, payload.oid) : undefined;
    return { ok: true, me: user ?? fallback, appOnly: false };
  }
  return { ok: true, me: fallback, appOnly: false };
}
