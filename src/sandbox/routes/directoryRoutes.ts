/**
 * `GET /me` and `GET /users/{id|upn}`: enough of Entra ID for Minutebook to resolve an attendee's
 * e-mail to a user id (`GET /users/{email}?$select=id`). Permission: User.ReadBasic.All.
 */
import { applySelect, contextUrl, json, parseSelect } from '../core/odataQuery';
import type { RouteContext, RouteDef } from '../core/types';
import type { GraphObject, SandboxUser } from '../state/SandboxState';

export function userResource(user: SandboxUser): GraphObject {
  const [givenName, ...rest] = user.displayName.split(' ');
  return {
    id: user.id,
    displayName: user.displayName,
    givenName: givenName ?? null,
    surname: rest.join(' ') || null,
    mail: user.mail,
    userPrincipalName: user.userPrincipalName,
    jobTitle: user.jobTitle ?? null,
    businessPhones: [],
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: 'en-GB',
  };
}

function getUser(context: RouteContext) {
  const user = context.principal!;
  const select = parseSelect(context, 'microsoft.graph.user');
  return json(
    200,
    {
      '@odata.context': contextUrl(
        context,
        select ? `users(${select.join(',')})/$entity` : 'users/$entity',
      ),
      ...applySelect(userResource(user), select),
    },
    { type: 'microsoft.graph.user' },
  );
}

export function directoryRoutes(): RouteDef[] {
  return [
    {
      method: 'GET',
      pattern: '/{principal}',
      service: 'directory',
      query: ['$select'],
      handle: getUser,
    },
  ];
}
