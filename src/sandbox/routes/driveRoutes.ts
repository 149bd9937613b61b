/**
 * The document library (driveitem-put-content.md, driveitem-createuploadsession.md,
 * driveitem-get.md, driveitem-list-versions.md, listitem-update.md).
 * Permissions: Files.ReadWrite.All / Sites.ReadWrite.All (or Sites.Selected with a site grant).
 * Refusals: simple upload over the limit → 413 (use an upload session); illegal name → 400;
 * `@microsoft.graph.conflictBehavior=fail` on an existing name → 409 nameAlreadyExists; stale
 * If-Match → 412; a column the library does not have → 400 invalidRequest; missing item → 404.
 */
import { checkIfMatch, SHAREPOINT_IF_MATCH } from '../core/etags';
import { badRequest, GraphError } from '../core/graphError';
import { collection, contextUrl, json, parseExpand } from '../core/odataQuery';
import type { GraphResponse, RouteContext, RouteDef } from '../core/types';
import type { DriveItemRec, DriveRec, GraphObject } from '../state/SandboxState';
import { checkFieldValues } from './columnValues';
import { createDriveSession } from './driveUploads';
import {
  addVersion,
  downloadUrl,
  driveItemResource,
  etagOf,
  findByPath,
  findDrive,
  findItem,
  itemNotFound,
  rootId,
  splitPath,
  writeFile,
  conflictBehavior,
  driveCall,
} from './driveStore';
import { fieldValueSet, listItemResource } from './listItems';

const DRIVE_ITEM = 'microsoft.graph.driveItem';

function itemAnswer(
  context: RouteContext,
  drive: DriveRec,
  item: DriveItemRec,
  status = 200,
): GraphResponse {
  return json(
    status,
    {
      '@odata.context': contextUrl(context, 'drives/items/$entity'),
      ...driveItemResource(driveCall(context), drive, item),
    },
    { type: DRIVE_ITEM },
    { ETag: etagOf(item) },
  );
}

function checkEtag(context: RouteContext, item: DriveItemRec): void {
  const cTag = `"c:{${item.uniqueId.toUpperCase()}},${item.revision}"`;
  const supplied = context.req.headers['if-match'];
  checkIfMatch(context.req, supplied === cTag ? cTag : etagOf(item), SHAREPOINT_IF_MATCH);
}

function putByPath(context: RouteContext, parentPrefix: string): GraphResponse {
  const drive = findDrive(context.runtime, context.params.driveId!);
  const bytes = context.req.body as Buffer;
  if (bytes.length > context.runtime.limits.simpleUploadBytes) {
    throw new GraphError(
      413,
      'maxFileSizeExceeded',
      `A simple upload takes at most ${context.runtime.limits.simpleUploadBytes} bytes; use createUploadSession for this file.`,
    );
  }
  const { parentPath, name } = splitPath(`${parentPrefix}/${context.params.path}`);
  const existing = findByPath(drive, parentPath, name);
  if (existing) checkEtag(context, existing);
  const conflict = conflictBehavior(
    context.req.query.get('@microsoft.graph.conflictBehavior') ?? undefined,
    'replace',
  );
  const { item, created } = writeFile(driveCall(context), drive, parentPath, name, bytes, conflict);
  return itemAnswer(context, drive, item, created ? 201 : 200);
}

function folderPath(drive: DriveRec, parentId: string): string {
  if (parentId.toLowerCase() === 'root' || parentId === rootId(drive)) return '';
  const parent = findItem(drive, parentId);
  if (!parent.isFolder) throw badRequest('invalidRequest', `Item '${parentId}' is not a folder.`);
  return parent.parentPath === '' ? parent.name : `${parent.parentPath}/${parent.name}`;
}

function redirectToContent(context: RouteContext, item: DriveItemRec): GraphResponse {
  if (item.isFolder) throw badRequest('invalidRequest', 'A folder has no content.');
  const version = item.versions[item.versions.length - 1]!;
  return {
    status: 302,
    headers: { Location: downloadUrl(context.session.filesUrl, item, version.id) },
  };
}

function patchFields(context: RouteContext): GraphResponse {
  const drive = findDrive(context.runtime, context.params.driveId!);
  const item = findItem(drive, context.params.itemId!);
  checkEtag(context, item);
  const values = checkFieldValues(drive.columns, context.req.body as GraphObject);
  Object.assign(item.fields, values);
  const current = item.versions[item.versions.length - 1];
  if (context.runtime.metadataUpdateCreatesVersion && current)
    addVersion(driveCall(context), item, current.bytes);
  else item.revision += 1;
  return json(200, fieldValueSet(context, itemListView(drive, item)), {
    type: 'microsoft.graph.fieldValueSet',
  });
}

/** A library file seen as a list item (same etag as the drive item). */
export function itemListView(drive: DriveRec, item: DriveItemRec) {
  const current = item.versions[item.versions.length - 1];
  return {
    id: item.listItemId,
    uniqueId: item.uniqueId,
    fields: item.fields,
    createdDateTime: item.createdDateTime,
    lastModifiedDateTime: current?.lastModifiedDateTime ?? item.createdDateTime,
    createdById: item.createdById,
    lastModifiedById: current?.lastModifiedById ?? item.createdById,
    version: Math.max(item.versions.length, 1),
    etag: etagOf(item),
    webUrl: `${drive.webUrl}/Forms/DispForm.aspx?ID=${item.listItemId}`,
    siteId: drive.siteId,
    listId: drive.listId,
  };
}

export function driveRoutes(): RouteDef[] {
  const drives = '/drives/{driveId}';
  const withItem = (context: RouteContext) => {
    const drive = findDrive(context.runtime, context.params.driveId!);
    return { drive, item: findItem(drive, context.params.itemId!) };
  };
  return [
    {
      method: 'PUT',
      pattern: `${drives}/root:/{path*}:/content`,
      service: 'sharepoint',
      body: 'bytes',
      handle: (c) => putByPath(c, ''),
    },
    {
      method: 'PUT',
      pattern: `${drives}/items/{parentId}:/{path*}:/content`,
      service: 'sharepoint',
      body: 'bytes',
      handle: (c) =>
        putByPath(c, folderPath(findDrive(c.runtime, c.params.driveId!), c.params.parentId!)),
    },
    {
      method: 'PUT',
      pattern: `${drives}/items/{itemId}/content`,
      service: 'sharepoint',
      body: 'bytes',
      handle(context) {
        const { drive, item } = withItem(context);
        checkEtag(context, item);
        if ((context.req.body as Buffer).length > context.runtime.limits.simpleUploadBytes) {
          throw new GraphError(
            413,
            'maxFileSizeExceeded',
            'Use createUploadSession for a file this size.',
          );
        }
        addVersion(driveCall(context), item, context.req.body as Buffer);
        return itemAnswer(context, drive, item);
      },
    },
    {
      method: 'POST',
      pattern: `${drives}/root:/{path*}:/createUploadSession`,
      service: 'sharepoint',
      body: { type: 'action.driveItemCreateUploadSession', optional: true },
      handle: (context) => createDriveSession(context, splitPath(context.params.path!)),
    },
    {
      method: 'POST',
      pattern: `${drives}/items/{itemId}/createUploadSession`,
      service: 'sharepoint',
      body: { type: 'action.driveItemCreateUploadSession', optional: true },
      handle(context) {
        const { item } = withItem(context);
        checkEtag(context, item);
        return createDriveSession(
          context,
          { parentPath: item.parentPath, name: item.name },
          'replace',
        );
      },
    },
    {
      method: 'GET',
      pattern: `${drives}/root:/{path*}:/content`,
      service: 'sharepoint',
      handle(context) {
        const drive = findDrive(context.runtime, context.params.driveId!);
        const { parentPath, name } = splitPath(context.params.path!);
        const item = findByPath(drive, parentPath, name);
        if (!item) throw itemNotFound();
        return redirectToContent(context, item);
      },
    },
    {
      method: 'GET',
      pattern: `${drives}/root:/{path*}`,
      service: 'sharepoint',
      handle(context) {
        const drive = findDrive(context.runtime, context.params.driveId!);
        const { parentPath, name } = splitPath(context.params.path!.replace(/:$/, ''));
        const item = findByPath(drive, parentPath, name);
        if (!item) throw itemNotFound();
        return itemAnswer(context, drive, item);
      },
    },
    {
      method: 'GET',
      pattern: `${drives}/items/{itemId}/versions`,
      service: 'sharepoint',
      query: ['$top', '$skiptoken'],
      handle(context) {
        const { item } = withItem(context);
        const versions = [...item.versions].reverse().map((version) => ({
          '@microsoft.graph.downloadUrl': downloadUrl(context.session.filesUrl, item, version.id),
          id: version.id,
          lastModifiedDateTime: version.lastModifiedDateTime,
          size: version.bytes.length,
          lastModifiedBy: {
            user: {
              id: version.lastModifiedById,
              displayName:
                context.runtime.state.users.get(version.lastModifiedById)?.displayName ?? null,
            },
          },
        }));
        return collection(
          context,
          versions,
          'microsoft.graph.driveItemVersion',
          'drives/items/versions',
        );
      },
    },
    {
      method: 'PATCH',
      pattern: `${drives}/items/{itemId}/listItem/fields`,
      service: 'sharepoint',
      body: { type: 'microsoft.graph.fieldValueSet' },
      handle: patchFields,
    },
    {
      method: 'GET',
      pattern: `${drives}/items/{itemId}/listItem/fields`,
      service: 'sharepoint',
      handle(context) {
        const { drive, item } = withItem(context);
        return json(200, fieldValueSet(context, itemListView(drive, item)), {
          type: 'microsoft.graph.fieldValueSet',
        });
      },
    },
    {
      method: 'GET',
      pattern: `${drives}/items/{itemId}/listItem`,
      service: 'sharepoint',
      query: ['$expand'],
      handle(context) {
        const { drive, item } = withItem(context);
        const expand = parseExpand(context, 'microsoft.graph.listItem', ['fields']);
        return json(200, listItemResource(context, itemListView(drive, item), expand), {
          type: 'microsoft.graph.listItem',
        });
      },
    },
    {
      method: 'GET',
      pattern: `${drives}/items/{itemId}/content`,
      service: 'sharepoint',
      handle: (c) => redirectToContent(c, withItem(c).item),
    },
    {
      method: 'GET',
      pattern: `${drives}/items/{itemId}`,
      service: 'sharepoint',
      handle: (c) => itemAnswer(c, withItem(c).drive, withItem(c).item),
    },
  ];
}
