/**
 * Rules common to both kinds of upload URL: the PUT carries `Content-Range: bytes a-b/total`, the
 * body holds exactly those bytes, fragments arrive in order, and the URL is pre-authenticated so
 * an `Authorization` header is refused ("may result in 401", driveitem-createuploadsession.md;
 * "Do not specify an Authorization request header", outlook-large-attachments.md).
 */
import { badRequest, GraphError, notFound } from '../core/graphError';
import type { UploadSessionRec } from '../state/SandboxState';

export interface UploadCall {
  method: string;
  sessionId: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: Buffer;
}

export interface ContentRange {
  start: number;
  end: number;
  total: number;
}

export function parseContentRange(header: string | undefined, code: string): ContentRange {
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec((header ?? '').trim());
  if (!match) {
    throw badRequest(
      code,
      `The Content-Range header must read "bytes {start}-{end}/{total}" (got "${header ?? ''}").`,
    );
  }
  const [start, end, total] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (end < start || end >= total)
    throw badRequest(code, `The Content-Range "${header}" is not a range inside the file.`);
  return { start, end, total };
}

/** The session, if the URL's token is right and the session has not expired. */
export function openSession(
  sessions: Map<string, UploadSessionRec>,
  call: UploadCall,
  kind: UploadSessionRec['kind'],
  now: Date,
): UploadSessionRec {
  if (call.headers.authorization !== undefined) {
    throw new GraphError(
      401,
      kind === 'drive' ? 'unauthenticated' : 'InvalidAuthenticationToken',
      'The upload URL is pre-authenticated: do not send an Authorization header to it.',
    );
  }
  const session = sessions.get(call.sessionId);
  if (!session || session.kind !== kind) {
    throw notFound(
      kind === 'drive' ? 'itemNotFound' : 'ErrorItemNotFound',
      'The upload session was not found.',
    );
  }
  const token = call.query.get(kind === 'drive' ? 'token' : 'authtoken');
  if (token !== session.token) {
    throw new GraphError(
      401,
      kind === 'drive' ? 'unauthenticated' : 'InvalidAuthenticationToken',
      'The upload URL token is not valid.',
    );
  }
  if (session.expiresAt <= now) {
    sessions.delete(session.id);
    throw notFound(
      kind === 'drive' ? 'itemNotFound' : 'ErrorItemNotFound',
      'The upload session has expired.',
    );
  }
  return session;
}

/** Appends the fragment after checking it continues exactly where the session stands. */
export function appendFragment(
  session: UploadSessionRec,
  range: ContentRange,
  body: Buffer,
  code: string,
): void {
  if (body.length !== range.end - range.start + 1) {
    throw badRequest(
      code,
      `The body holds ${body.length} bytes but Content-Range announces ${range.end - range.start + 1}.`,
    );
  }
  if (range.start < session.receivedBytes) {
    throw new GraphError(
      416,
      code,
      `Bytes ${range.start}-${range.end} were already received; the next expected byte is ${session.receivedBytes}.`,
    );
  }
  if (range.start > session.receivedBytes) {
    throw new GraphError(
      416,
      code,
      `Fragments must be uploaded in order; the next expected byte is ${session.receivedBytes}.`,
    );
  }
  session.received.push(Buffer.from(body));
  session.receivedBytes += body.length;
}
