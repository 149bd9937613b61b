/**
 * The minutes document in a SharePoint document library (a drive):
 *
 * - upload to `{folder}/{year}/{fileName}`: a simple `PUT .../root:/{path}:/content` up to 4 MB
 *   (replacing an existing file makes a new version, which is what re-publishing wants), an upload
 *   session above that (`createUploadSession`, then 320 KiB-multiple ranges to the
 *   pre-authenticated URL, without our Authorization header);
 * - get an item by path (null when absent: how a publish whose upload answer was lost checks);
 * - set library columns: `PATCH /drives/{d}/items/{i}/listItem/fields` (a fieldValueSet keyed by
 *   the columns' internal names; unknown names give 400);
 * - list versions.
 *
 * Permissions: delegated Sites.ReadWrite.All covers all four (Files.ReadWrite.All is enough for
 * the file itself but not for listItem/fields). Application: Sites.Selected, with an
 * administrator granting this app "write" on the committee's site only — least privilege, and
 * the recommended choice when publishing runs app-only.
 */
import { GraphRequestError } from './GraphRequestError';
import { segment, type GraphClient } from './createGraphClient';
import { collectPages } from './paging';
import { optNum, optRecord, optStr, parseBody, record, str, etagOf, ShapeError } from './parse';
import { uploadToSession } from './uploadSession';

export const DOCX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const SIMPLE_UPLOAD_LIMIT = 4 * 1024 * 1024;

export interface DriveItem {
  id: string;
  name: string;
  size: number | null;
  webUrl: string | null;
  eTag: string | null;
  cTag: string | null;
  /** The item's row in the library's list, when Graph includes `sharepointIds`. */
  listItemId: string | null;
}

export interface DriveItemVersion {
  id: string;
  lastModifiedDateTime: string | null;
  size: number | null;
}

export interface UploadMinutesInput {
  driveId: string;
  /** Library folder, "Minutes/OPSG" (slashes separate folders). */
  folder: string;
  year: string | number;
  fileName: string;
  bytes: Uint8Array;
  contentType?: string;
  signal?: AbortSignal;
}

export async function uploadMinutesFile(
  client: GraphClient,
  input: UploadMinutesInput,
): Promise<DriveItem> {
  const segments = pathSegments(input.folder, String(input.year), input.fileName);
  const item = itemByPath(input.driveId, segments);
  const signal = input.signal ? { signal: input.signal } : {};
  if (input.bytes.byteLength <= SIMPLE_UPLOAD_LIMIT) {
    const response = await client.send({
      method: 'PUT',
      url: `${item}/content`,
      headers: { 'Content-Type': input.contentType ?? DOCX_CONTENT_TYPE },
      body: input.bytes,
      ...signal,
    });
    return parseBody(response, parseDriveItem);
  }
  const session = await client.send({
    method: 'POST',
    url: `${item}/createUploadSession`,
    body: { item: { '@microsoft.graph.conflictBehavior': 'replace' } },
    ...signal,
  });
  const uploadUrl = parseBody(session, (body) =>
    str(record(body, 'uploadSession'), 'uploadUrl', 'uploadSession'),
  );
  const final = await uploadToSession(client, uploadUrl, input.bytes, signal);
  try {
    return parseDriveItem(final);
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    // Some services end a session with an empty answer: read the item we just wrote.
    const written = await getDriveItemByPath(client, input.driveId, segments, signal);
    if (!written)
      throw GraphRequestError.invalidResponse(
        'the upload session finished but the file is not there',
      );
    return written;
  }
}

/** The item at `segments` below the drive root, or null when there is none. */
export async function getDriveItemByPath(
  client: GraphClient,
  driveId: string,
  segments: readonly string[],
  options: { signal?: AbortSignal } = {},
): Promise<DriveItem | null> {
  try {
    const response = await client.send({
      method: 'GET',
      url: itemByPath(driveId, segments),
      ...options,
    });
    return parseBody(response, parseDriveItem);
  } catch (error) {
    if (error instanceof GraphRequestError && error.status === 404) return null;
    throw error;
  }
}

/** Sets library columns by internal name; returns the fields as Graph now has them. */
export async function setLibraryFields(
  client: GraphClient,
  driveId: string,
  itemId: string,
  fields: Record<string, string | number | boolean | null | readonly (string | number)[]>,
  options: { ifMatch?: string; signal?: AbortSignal } = {},
): Promise<Record<string, unknown>> {
  const response = await client.send({
    method: 'PATCH',
    url: `/drives/${segment(driveId)}/items/${segment(itemId)}/listItem/fields`,
    body: fields,
    ...(options.ifMatch ? { headers: { 'If-Match': options.ifMatch } } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return parseBody(response, (body) => record(body, 'fieldValueSet'));
}

export function listVersions(
  client: GraphClient,
  driveId: string,
  itemId: string,
  options: { signal?: AbortSignal } = {},
): Promise<DriveItemVersion[]> {
  return collectPages(
    client,
    `/drives/${segment(driveId)}/items/${segment(itemId)}/versions`,
    parseDriveItemVersion,
    options,
  );
}

/** Folder path and file name as path segments; empty parts and "." / ".." are refused. */
export function pathSegments(folder: string, ...rest: string[]): string[] {
  const segments = [...folder.split('/'), ...rest].filter((part) => part !== '');
  for (const part of segments) {
    if (part === '.' || part === '..' || /[\\:*?"<>|#%]/.test(part)) {
      throw new RangeError(`"${part}" cannot be part of a SharePoint path.`);
    }
  }
  return segments;
}

function itemByPath(driveId: string, segments: readonly string[]): string {
  return `/drives/${segment(driveId)}/root:/${segments.map(segment).join('/')}:`;
}

export function parseDriveItem(value: unknown): DriveItem {
  const item = record(value, 'driveItem');
  const sharepointIds = optRecord(item.sharepointIds, 'driveItem.sharepointIds');
  return {
    id: str(item, 'id', 'driveItem'),
    name: str(item, 'name', 'driveItem'),
    size: optNum(item, 'size', 'driveItem'),
    webUrl: optStr(item, 'webUrl', 'driveItem'),
    eTag: etagOf(item, 'driveItem'),
    cTag: optStr(item, 'cTag', 'driveItem'),
    listItemId: sharepointIds ? optStr(sharepointIds, 'listItemId', 'sharepointIds') : null,
  };
}

export function parseDriveItemVersion(value: unknown): DriveItemVersion {
  const version = record(value, 'driveItemVersion');
  return {
    id: str(version, 'id', 'driveItemVersion'),
    lastModifiedDateTime: optStr(version, 'lastModifiedDateTime', 'driveItemVersion'),
    size: optNum(version, 'size', 'driveItemVersion'),
  };
}
