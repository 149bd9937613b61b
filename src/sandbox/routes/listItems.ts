/**
 * The listItem and fieldValueSet shapes (listitem.md, fieldvalueset.md), shared by list rows and
 * library files. SharePoint adds its system fields (Created, Modified, version) to the columns.
 */
import { contextUrl } from '../core/odataQuery';
import type { RouteContext } from '../core/types';
import type { GraphObject } from '../state/SandboxState';

export interface ListItemView {
  id: string;
  uniqueId: string;
  fields: GraphObject;
  createdDateTime: string;
  lastModifiedDateTime: string;
  createdById: string;
  lastModifiedById: string;
  version: number;
  etag: string;
  webUrl: string;
  siteId: string;
  listId: string;
}

function identity(context: RouteContext, userId: string): GraphObject {
  const user = context.runtime.state.users.get(userId);
  return {
    user: { email: user?.mail ?? null, id: userId, displayName: user?.displayName ?? null },
  };
}

/** The columns plus SharePoint's own fields, optionally cut to a nested `$select`. */
export function fieldValues(view: ListItemView, select?: readonly string[]): GraphObject {
  const all: GraphObject = {
    '@odata.etag': view.etag,
    id: view.id,
    ...view.fields,
    ContentType: 'Item',
    Created: view.createdDateTime,
    Modified: view.lastModifiedDateTime,
    AuthorLookupId: '6',
    EditorLookupId: '6',
    _UIVersionString: `${view.version}.0`,
    Attachments: false,
  };
  if (!select) return all;
  const wanted = new Set(select.map((name) => name.toLowerCase()));
  return Object.fromEntries(
    Object.entries(all).filter(
      ([key]) => key.startsWith('@') || key === 'id' || wanted.has(key.toLowerCase()),
    ),
  );
}

export function fieldValueSet(context: RouteContext, view: ListItemView): GraphObject {
  return {
    '@odata.context': contextUrl(context, 'sites/lists/items/fields/$entity'),
    ...fieldValues(view),
  };
}

export function listItemResource(
  context: RouteContext,
  view: ListItemView,
  expand: Map<string, string[] | undefined>,
  withContext = true,
): GraphObject {
  const resource: GraphObject = {
    ...(withContext ? { '@odata.context': contextUrl(context, 'sites/lists/items/$entity') } : {}),
    '@odata.etag': view.etag,
    createdDateTime: view.createdDateTime,
    eTag: view.etag,
    id: view.id,
    lastModifiedDateTime: view.lastModifiedDateTime,
    webUrl: view.webUrl,
    createdBy: identity(context, view.createdById),
    lastModifiedBy: identity(context, view.lastModifiedById),
    parentReference: { id: view.listId, siteId: view.siteId },
    contentType: { id: '0x0100', name: 'Item' },
  };
  if (expand.has('fields')) {
    resource['fields@odata.context'] = contextUrl(context, 'sites/lists/items/fields/$entity');
    resource.fields = fieldValues(view, expand.get('fields'));
  }
  return resource;
}
