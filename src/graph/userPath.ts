/**
 * Whose data a request addresses: the signed-in user (`/me`, delegated tokens) or a named user
 * (`/users/{id}`, application tokens, or delegated calls that the service allows on others).
 *
 * Permissions: none.
 */
import { segment } from './createGraphClient';

export type GraphUser = 'me' | { id: string };

export function userPath(user: GraphUser): string {
  return user === 'me' ? '/me' : `/users/${segment(user.id)}`;
}
