/**
 * Drive upload sessions (driveitem-createuploadsession.md): create → 200 uploadSession; PUT
 * fragments (each a multiple of 320 KiB except the last, under 60 MiB, in order) → 202 with
 * nextExpectedRanges, the last one → 201 (new file) or 200 (new version) with the driveItem;
 * GET the URL → status; DELETE → 204; with deferCommit, an empty POST commits. The default
 * conflict behaviour of a session is `fail`: an existing name gives 409 at commit.
 */
import { actionParameter as parameter } from '../core/actionParameter';
import { checkIfMatch, SHAREPOINT_IF_MATCH } from '../core/etags';
import { badRequest, GraphError } from '../core/graphError';
import { contextUrl, json } from '../core/odataQuery';
import type { GraphResponse, PublicUrls, RouteContext, SandboxRuntime } from '../core/types';
import type { DriveUploadSessionRec, GraphObject } from '../state/SandboxState';
import {
  conflictBehavior,
  driveItemResource,
  etagOf,
  findByPath,
  findDrive,
  writeFile,
  type ConflictBehavior,
} from './driveStore';
import { appendFragment, openSession, parseContentRange, type UploadCall } from './uploadFragments';

const FRAGMENT_UNIT = 327_680;
const UPLOAD_SESSION = 'microsoft.graph.uploadSession';

export function createDriveSession(
  context: RouteContext,
  target: { parentPath: string; name: string },
  fallback: ConflictBehavior = 'fail',
): GraphResponse {
  const drive = findDrive(context.runtime, context.params.driveId!);
  const item = (parameter(context.req.body, 'item') ?? {}) as GraphObject;
  if (typeof item.name === 'string' && item.name !== target.name) {
    throw badRequest(
      'invalidRequest',
      `The path names '${target.name}' but item.name is '${item.name}'; they must agree.`,
    );
  }
  const existing = findByPath(drive, target.parentPath, target.name);
  if (existing) checkIfMatch(context.req, etagOf(existing), SHAREPOINT_IF_MATCH);
  const expiresAt = new Date(
    context.now.getTime() + context.runtime.limits.uploadSessionMinutes * 60_000,
  );
  const session: DriveUploadSessionRec = {
    kind: 'drive',
    id: context.runtime.ids.opaque(24),
    token: context.runtime.ids.opaque(32),
    ownerId: context.session.me.id,
    expiresAt,
    received: [],
    receivedBytes: 0,
    driveId: drive.id,
    parentPath: target.parentPath,
    name: target.name,
    conflictBehavior: conflictBehavior(item['@microsoft.graph.conflictBehavior'], fallback),
    ...(typeof item.fileSize === 'number' ? { declaredSize: item.fileSize } : {}),
    deferCommit: parameter(context.req.body, 'deferCommit') === true,
    awaitingCommit: false,
  };
  context.runtime.state.uploadSessions.set(session.id, session);
  return json(
    200,
    {
      '@odata.context': contextUrl(context, 'microsoft.graph.uploadSession'),
      uploadUrl: `${context.session.filesUrl}/upload/drive/${session.id}?token=${session.token}`,
      expirationDateTime: expiresAt.toISOString(),
      nextExpectedRanges: ['0-'],
    },
    { type: UPLOAD_SESSION },
  );
}

function status(session: DriveUploadSessionRec, code = 202): GraphResponse {
  return {
    status: code,
    body: {
      expirationDateTime: session.expiresAt.toISOString(),
      nextExpectedRanges: session.awaitingCommit ? [] : [`${session.receivedBytes}-`],
    },
    declared: { type: UPLOAD_SESSION },
  };
}

function commit(
  runtime: SandboxRuntime,
  session: DriveUploadSessionRec,
  urls: PublicUrls,
  now: Date,
): GraphResponse {
  const drive = findDrive(runtime, session.driveId);
  const user = runtime.state.users.get(session.ownerId)!;
  const call = { runtime, now, baseUrl: urls.graph, filesUrl: urls.files, user };
  // On a conflict the session stays, so the client can recover (docs: "Handle upload errors").
  const { item, created } = writeFile(
    call,
    drive,
    session.parentPath,
    session.name,
    Buffer.concat(session.received),
    session.conflictBehavior,
  );
  runtime.state.uploadSessions.delete(session.id);
  return {
    status: created ? 201 : 200,
    headers: { ETag: etagOf(item) },
    body: driveItemResource(call, drive, item),
    declared: { type: 'microsoft.graph.driveItem' },
  };
}

export function handleDriveUpload(
  runtime: SandboxRuntime,
  call: UploadCall,
  urls: PublicUrls,
  now: Date,
): GraphResponse {
  const session = openSession(
    runtime.state.uploadSessions,
    call,
    'drive',
    now,
  ) as DriveUploadSessionRec;
  switch (call.method) {
    case 'GET':
      return status(session, 200);
    case 'DELETE':
      runtime.state.uploadSessions.delete(session.id);
      return { status: 204 };
    case 'POST':
      if (!session.awaitingCommit)
        throw badRequest(
          'invalidRequest',
          'The upload is not complete, or was not created with deferCommit.',
        );
      return commit(runtime, session, urls, now);
    case 'PUT':
      break;
    default:
      throw new GraphError(
        405,
        'notSupported',
        `${call.method} is not supported on an upload URL.`,
      );
  }
  const range = parseContentRange(call.headers['content-range'], 'invalidRange');
  const total = session.declaredSize ?? session.totalSize ?? range.total;
  if (range.total !== total) {
    throw badRequest(
      'invalidRange',
      `Content-Range declares a file of ${range.total} bytes; this session uploads ${total}.`,
    );
  }
  session.totalSize = total;
  if (call.body.length >= runtime.limits.uploadFragmentBytes) {
    throw new GraphError(413, 'invalidRange', 'Each fragment must be smaller than 60 MiB.');
  }
  const isLast = range.end === total - 1;
  if (!isLast && call.body.length % FRAGMENT_UNIT !== 0) {
    throw badRequest(
      'invalidRange',
      `A fragment other than the last must be a multiple of 320 KiB (327,680 bytes); this one is ${call.body.length}.`,
    );
  }
  appendFragment(session, range, call.body, 'invalidRange');
  if (session.receivedBytes < total) return status(session);
  if (session.deferCommit) {
    session.awaitingCommit = true;
    return status(session);
  }
  return commit(runtime, session, urls, now);
}
