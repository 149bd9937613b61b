/**
 * The document library: paths, folders, files with versions, and the driveItem shape Graph
 * returns (driveitem.md). Writing a file creates it (and missing folders) or adds a version; the
 * conflict behaviour decides what happens when the name exists (fail → 409 nameAlreadyExists).
 */
import { createHash } from 'node:crypto';
import { badRequest, GraphError, notFound } from '../core/graphError';
import type { RouteContext, SandboxRuntime } from '../core/types';
import type { DriveItemRec, DriveRec, GraphObject, SandboxUser } from '../state/SandboxState';

export interface DriveCall {
  runtime: SandboxRuntime;
  now: Date;
  baseUrl: string;
  filesUrl: string;
  user: SandboxUser;
}

const MIME: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  txt: 'text/plain',
  html: 'text/html',
  json: 'application/json',
};

export function itemNotFound(): GraphError {
  return notFound('itemNotFound', 'The resource could not be found.');
}

export function findDrive(runtime: SandboxRuntime, driveId: string): DriveRec {
  const drive = runtime.state.drives.get(driveId);
  if (!drive) throw notFound('itemNotFound', `The drive '${driveId}' could not be found.`);
  return drive;
}

/** Splits "Minutes/2025/file.docx" into parent path and name, refusing SharePoint-illegal names. */
export function splitPath(raw: string): { parentPath: string; name: string } {
  const segments = raw.split('/').filter((segment) => segment !== '');
  if (segments.length === 0) throw badRequest('invalidRequest', 'The path names no item.');
  for (const segment of segments) {
    if (/["*:<>?\\|]/.test(segment) || /[. ]$/.test(segment) || /^\s/.test(segment)) {
      throw badRequest(
        'invalidRequest',
        `The provided name '${segment}' contains invalid characters.`,
      );
    }
  }
  return { parentPath: segments.slice(0, -1).join('/'), name: segments[segments.length - 1]! };
}

const key = (parentPath: string, name: string) =>
  (parentPath === '' ? name : `${parentPath}/${name}`).toLowerCase();

export function findByPath(
  drive: DriveRec,
  parentPath: string,
  name: string,
): DriveItemRec | undefined {
  const wanted = key(parentPath, name);
  return [...drive.items.values()].find((item) => key(item.parentPath, item.name) === wanted);
}

export function findItem(drive: DriveRec, itemId: string): DriveItemRec {
  const item = drive.items.get(itemId);
  if (!item) throw itemNotFound();
  return item;
}

export function rootId(drive: DriveRec): string {
  return `01${createHash('sha256').update(`root:${drive.id}`).digest('hex').slice(0, 32).toUpperCase()}`;
}

function newItem(
  call: DriveCall,
  drive: DriveRec,
  parentPath: string,
  name: string,
  isFolder: boolean,
): DriveItemRec {
  const item: DriveItemRec = {
    id: call.runtime.ids.driveItemId(),
    driveId: drive.id,
    name,
    parentPath,
    isFolder,
    createdDateTime: call.now.toISOString(),
    createdById: call.user.id,
    versions: [],
    uniqueId: call.runtime.ids.guid(),
    listItemId: String(drive.nextListItemId++),
    fields: { Title: null },
    revision: 1,
  };
  drive.items.set(item.id, item);
  return item;
}

function ensureFolders(call: DriveCall, drive: DriveRec, parentPath: string): void {
  const segments = parentPath.split('/').filter((segment) => segment !== '');
  for (let index = 0; index < segments.length; index += 1) {
    const parent = segments.slice(0, index).join('/');
    const existing = findByPath(drive, parent, segments[index]!);
    if (existing && !existing.isFolder) {
      throw new GraphError(
        409,
        'nameAlreadyExists',
        `A file named '${segments[index]}' is in the way of the folder path.`,
      );
    }
    if (!existing) newItem(call, drive, parent, segments[index]!, true);
  }
}

function freeName(drive: DriveRec, parentPath: string, name: string): string {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const extension = dot > 0 ? name.slice(dot) : '';
  for (let counter = 1; ; counter += 1) {
    const candidate = `${stem} ${counter}${extension}`;
    if (!findByPath(drive, parentPath, candidate)) return candidate;
  }
}

export type ConflictBehavior = 'fail' | 'replace' | 'rename';

export function driveCall(context: RouteContext): DriveCall {
  return {
    runtime: context.runtime,
    now: context.now,
    baseUrl: context.session.baseUrl,
    filesUrl: context.session.filesUrl,
    user: context.session.me,
  };
}

export function conflictBehavior(raw: unknown, fallback: ConflictBehavior): ConflictBehavior {
  if (raw === undefined || raw === null) return fallback;
  if (raw === 'fail' || raw === 'replace' || raw === 'rename') return raw;
  throw badRequest(
    'invalidRequest',
    `Invalid @microsoft.graph.conflictBehavior '${String(raw)}': use fail, replace or rename.`,
  );
}

/** Adds a version to `item` (a new file content or a metadata change). */
export function addVersion(call: DriveCall, item: DriveItemRec, bytes: Buffer): void {
  item.versions.push({
    id: `${item.versions.length + 1}.0`,
    bytes,
    lastModifiedDateTime: call.now.toISOString(),
    lastModifiedById: call.user.id,
  });
  item.revision += 1;
}

/** Writes a file; returns the item and whether it was created (201) or replaced (200). */
export function writeFile(
  call: DriveCall,
  drive: DriveRec,
  parentPath: string,
  requestedName: string,
  bytes: Buffer,
  conflict: ConflictBehavior,
): { item: DriveItemRec; created: boolean } {
  let name = requestedName;
  const existing = findByPath(drive, parentPath, name);
  if (existing?.isFolder) {
    throw new GraphError(409, 'nameAlreadyExists', `'${name}' is a folder.`);
  }
  if (existing && conflict === 'fail') {
    throw new GraphError(409, 'nameAlreadyExists', 'The specified item name already exists.');
  }
  if (existing && conflict === 'replace') {
    addVersion(call, existing, bytes);
    return { item: existing, created: false };
  }
  if (existing && conflict === 'rename') name = freeName(drive, parentPath, name);
  ensureFolders(call, drive, parentPath);
  const item = newItem(call, drive, parentPath, name, false);
  addVersion(call, item, bytes);
  return { item, created: true };
}

export function etagOf(item: DriveItemRec): string {
  return `"{${item.uniqueId.toUpperCase()}},${item.revision}"`;
}

export function downloadUrl(filesUrl: string, item: DriveItemRec, versionId: string): string {
  return `${filesUrl}/_sandbox/content/${encodeURIComponent(item.driveId)}/${item.id}/${versionId}`;
}

function identity(runtime: SandboxRuntime, userId: string): GraphObject {
  const user = runtime.state.users.get(userId);
  return {
    user: { email: user?.mail ?? null, id: userId, displayName: user?.displayName ?? null },
  };
}

export function driveItemResource(
  call: Omit<DriveCall, 'user' | 'now'>,
  drive: DriveRec,
  item: DriveItemRec,
): GraphObject {
  const { runtime } = call;
  const site = runtime.state.sites.get(drive.siteId);
  const [, siteGuid, webGuid] = drive.siteId.split(',');
  const current = item.versions[item.versions.length - 1];
  const parent =
    item.parentPath === '' ? undefined : findByPath(drive, ...splitParent(item.parentPath));
  const fullPath = item.parentPath === '' ? item.name : `${item.parentPath}/${item.name}`;
  const modified = current?.lastModifiedDateTime ?? item.createdDateTime;
  const resource: GraphObject = {
    createdDateTime: item.createdDateTime,
    eTag: etagOf(item),
    id: item.id,
    lastModifiedDateTime: modified,
    name: item.name,
    webUrl: `${drive.webUrl}/${fullPath.split('/').map(encodeURIComponent).join('/')}`,
    cTag: `"c:{${item.uniqueId.toUpperCase()}},${item.revision}"`,
    size: item.isFolder ? 0 : (current?.bytes.length ?? 0),
    createdBy: identity(runtime, item.createdById),
    lastModifiedBy: identity(runtime, current?.lastModifiedById ?? item.createdById),
    parentReference: {
      driveType: 'documentLibrary',
      driveId: drive.id,
      id: parent?.id ?? rootId(drive),
      path:
        item.parentPath === ''
          ? `/drives/${drive.id}/root:`
          : `/drives/${drive.id}/root:/${item.parentPath}`,
      siteId: drive.siteId,
    },
    fileSystemInfo: { createdDateTime: item.createdDateTime, lastModifiedDateTime: modified },
    sharepointIds: {
      listId: drive.listId,
      listItemId: item.listItemId,
      listItemUniqueId: item.uniqueId,
      siteId: siteGuid ?? null,
      siteUrl: site?.webUrl ?? null,
      tenantId: runtime.state.tenantId,
      webId: webGuid ?? null,
    },
  };
  if (item.isFolder) {
    const prefix = fullPath.toLowerCase();
    resource.folder = {
      childCount: [...drive.items.values()].filter(
        (other) => other.parentPath.toLowerCase() === prefix,
      ).length,
    };
  } else {
    const extension = item.name.split('.').pop()?.toLowerCase() ?? '';
    resource['@microsoft.graph.downloadUrl'] = downloadUrl(
      call.filesUrl,
      item,
      current?.id ?? '1.0',
    );
    resource.file = { mimeType: MIME[extension] ?? 'application/octet-stream' };
  }
  return resource;
}

function splitParent(path: string): [string, string] {
  const index = path.lastIndexOf('/');
  return index < 0 ? ['', path] : [path.slice(0, index), path.slice(index + 1)];
}
