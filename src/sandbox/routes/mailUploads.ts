/**
 * Large mail attachments (attachment-createuploadsession.md, outlook-large-attachments.md):
 * create → 201 uploadSession with `nextExpectedRanges: ["0-"]`; PUT fragments in order → 200 with
 * `nextExpectedRanges: ["{next}"]`; the last → 201 with an empty body and a `Location` naming the
 * new attachment. Sizes from 3 MB to 150 MB only; under 3 MB use a plain attachment POST.
 * Outlook's intermediate body says "ExpirationDateTime" (its v2.0 casing); the sandbox answers
 * with Graph's `expirationDateTime` so the body is a valid `uploadSession`.
 */
import { actionParameter } from '../core/actionParameter';
import { badRequest } from '../core/graphError';
import { contextUrl, json } from '../core/odataQuery';
import type { GraphResponse, PublicUrls, RouteContext, SandboxRuntime } from '../core/types';
import type { GraphObject, MailUploadSessionRec } from '../state/SandboxState';
import { ITEM_NOT_FOUND, findMessage } from './mailMessages';
import { appendFragment, openSession, parseContentRange, type UploadCall } from './uploadFragments';

export function createAttachmentSession(context: RouteContext): GraphResponse {
  const message = findMessage(context, context.params.messageId!);
  if (message.folder !== 'drafts') throw ITEM_NOT_FOUND();
  const item = actionParameter(context.req.body, 'AttachmentItem') as GraphObject;
  if (String(item.attachmentType ?? '').toLowerCase() !== 'file') {
    throw badRequest('ErrorInvalidParameter', 'AttachmentItem.attachmentType must be "file".');
  }
  if (typeof item.name !== 'string' || item.name.trim() === '') {
    throw badRequest('ErrorInvalidParameter', 'AttachmentItem.name is required.');
  }
  const size = item.size;
  if (typeof size !== 'number')
    throw badRequest('ErrorInvalidParameter', 'AttachmentItem.size is required.');
  const { limits } = context.runtime;
  if (size < limits.inlineAttachmentBytes) {
    throw badRequest(
      'ErrorAttachmentSizeShouldNotBeLessThanMinimumSize',
      'Attachment size must be greater than the minimum size.',
    );
  }
  if (size > limits.attachmentSessionMaxBytes) {
    throw badRequest(
      'ErrorAttachmentSizeShouldNotBeMoreThanMaximumSize',
      'Attachment size must be less than the maximum size (150 MB).',
    );
  }
  const expiresAt = new Date(context.now.getTime() + limits.uploadSessionMinutes * 60_000);
  const session: MailUploadSessionRec = {
    kind: 'mail',
    id: context.runtime.ids.opaque(24),
    token: context.runtime.ids.opaque(32),
    ownerId: message.ownerId,
    expiresAt,
    received: [],
    receivedBytes: 0,
    messageId: message.id,
    name: item.name,
    size,
    contentType:
      typeof item.contentType === 'string' ? item.contentType : 'application/octet-stream',
    isInline: item.isInline === true,
  };
  context.runtime.state.uploadSessions.set(session.id, session);
  return json(
    201,
    {
      '@odata.context': contextUrl(context, 'microsoft.graph.uploadSession'),
      uploadUrl: `${context.session.filesUrl}/upload/mail/${session.id}?authtoken=${session.token}`,
      expirationDateTime: expiresAt.toISOString(),
      nextExpectedRanges: ['0-'],
    },
    { type: 'microsoft.graph.uploadSession' },
  );
}

export function handleMailUpload(
  runtime: SandboxRuntime,
  call: UploadCall,
  urls: PublicUrls,
  now: Date,
): GraphResponse {
  const session = openSession(
    runtime.state.uploadSessions,
    call,
    'mail',
    now,
  ) as MailUploadSessionRec;
  if (call.method === 'DELETE') {
    runtime.state.uploadSessions.delete(session.id);
    return { status: 204 };
  }
  if (call.method !== 'PUT')
    throw badRequest(
      'ErrorInvalidRequest',
      `${call.method} is not supported on an attachment upload URL.`,
    );
  const range = parseContentRange(call.headers['content-range'], 'ErrorInvalidContentRange');
  if (range.total !== session.size) {
    throw badRequest(
      'ErrorInvalidContentRange',
      `Content-Range declares ${range.total} bytes; the session was created for ${session.size}.`,
    );
  }
  appendFragment(session, range, call.body, 'ErrorInvalidContentRange');
  if (session.receivedBytes < session.size) {
    return {
      status: 200,
      body: {
        expirationDateTime: session.expiresAt.toISOString(),
        nextExpectedRanges: [String(session.receivedBytes)],
      },
      declared: { type: 'microsoft.graph.uploadSession' },
    };
  }
  const message = runtime.state.messages.get(session.messageId);
  runtime.state.uploadSessions.delete(session.id);
  if (!message || message.folder !== 'drafts') throw ITEM_NOT_FOUND();
  const attachmentId = runtime.ids.exchangeId();
  message.attachments.push({
    id: attachmentId,
    name: session.name,
    contentType: session.contentType,
    isInline: session.isInline,
    bytes: Buffer.concat(session.received),
    lastModifiedDateTime: now.toISOString(),
  });
  message.resource.hasAttachments = true;
  return {
    status: 201,
    headers: {
      Location: `${urls.graph}/v1.0/users('${session.ownerId}')/messages('${encodeURIComponent(message.id)}')/attachments('${encodeURIComponent(attachmentId)}')`,
    },
  };
}
