/**
 * Mail (user-sendmail.md, user-post-messages.md, message-send.md, message-post-attachments.md,
 * attachment-createuploadsession.md, outlook-large-attachments.md, message-delete.md: 204;
 * attachment-get.md: `/$value` is the file's raw bytes).
 * Permissions: Mail.Send (sendMail, send), Mail.ReadWrite (drafts, attachments, upload sessions).
 * Refusals: body outside the `message` type → 400 RequestBodyRead; no or malformed recipient →
 * 400 ErrorInvalidRecipients; request over ~4 MB → 413; inline attachment of 3 MB or more → 413;
 * upload session under 3 MB → 400 ErrorAttachmentSizeShouldNotBeLessThanMinimumSize; a draft
 * already sent (or any unknown id) → 404 ErrorItemNotFound.
 */
import { actionParameter as parameter } from '../core/actionParameter';
import { badRequest } from '../core/graphError';
import { applySelect, collection, contextUrl, json, parseSelect } from '../core/odataQuery';
import type { RouteContext, RouteDef } from '../core/types';
import type { GraphObject } from '../state/SandboxState';
import {
  attachmentResource,
  buildMessage,
  checkRecipients,
  deliver,
  findMessage,
  folderId,
  ITEM_NOT_FOUND,
  MESSAGE,
  ownMailboxOnly,
  readInlineAttachments,
} from './mailMessages';
import { createAttachmentSession } from './mailUploads';

function sendMail(context: RouteContext) {
  ownMailboxOnly(context);
  const owner = context.principal!;
  const message = parameter(context.req.body, 'message') as GraphObject;
  const save = parameter(context.req.body, 'saveToSentItems') !== false;
  checkRecipients(message);
  const attachments = readInlineAttachments(context.runtime, context.now, message.attachments);
  const built = buildMessage(context, owner, message, 'sentitems', attachments);
  deliver(context, owner, built, 'sendMail', save);
  return { status: 202 };
}

function createDraft(context: RouteContext) {
  ownMailboxOnly(context);
  const owner = context.principal!;
  const input = context.req.body as GraphObject;
  const attachments = readInlineAttachments(context.runtime, context.now, input.attachments);
  const draft = buildMessage(context, owner, input, 'drafts', attachments);
  context.runtime.state.messages.set(draft.id, draft);
  return json(
    201,
    { '@odata.context': contextUrl(context, 'users/messages/$entity'), ...draft.resource },
    { type: MESSAGE },
  );
}

function sendDraft(context: RouteContext) {
  ownMailboxOnly(context);
  const owner = context.principal!;
  const draft = findMessage(context, context.params.messageId!);
  if (draft.folder !== 'drafts') throw ITEM_NOT_FOUND();
  checkRecipients(draft.resource);
  context.runtime.state.messages.delete(draft.id);
  deliver(context, owner, draft, 'draft', true);
  return { status: 202 };
}

function addAttachment(context: RouteContext) {
  const message = findMessage(context, context.params.messageId!);
  if (message.folder !== 'drafts')
    throw badRequest('ErrorInvalidOperation', 'Attachments can be added to drafts only.');
  const body = context.req.body as GraphObject;
  if (String(body['@odata.type'] ?? '').replace('#', '') !== 'microsoft.graph.fileAttachment') {
    throw badRequest(
      'BadRequest',
      'The sandbox accepts file attachments ("#microsoft.graph.fileAttachment") only.',
    );
  }
  const [attachment] = readInlineAttachments(context.runtime, context.now, [body]);
  message.attachments.push(attachment!);
  message.resource.hasAttachments = true;
  return json(
    201,
    {
      '@odata.context': contextUrl(context, 'users/messages/attachments/$entity'),
      ...attachmentResource(attachment!),
    },
    { type: 'microsoft.graph.attachment' },
  );
}

/** DELETE a message (message-delete.md): 204 No Content; it is gone for every later call. */
function deleteMessage(context: RouteContext) {
  ownMailboxOnly(context);
  const message = findMessage(context, context.params.messageId!);
  context.runtime.state.messages.delete(message.id);
  return { status: 204 };
}

/** The raw bytes of a file attachment (attachment-get.md, "Get the raw contents"). */
function attachmentValue(context: RouteContext) {
  const message = findMessage(context, context.params.messageId!);
  const attachment = message.attachments.find(
    (candidate) => candidate.id === context.params.attachmentId,
  );
  if (!attachment) throw ITEM_NOT_FOUND();
  return {
    status: 200,
    headers: { 'Content-Type': attachment.contentType },
    body: attachment.bytes,
  };
}

function listFolder(context: RouteContext) {
  ownMailboxOnly(context);
  const owner = context.principal!;
  const requested = context.params.folder!.toLowerCase();
  const folder = (['drafts', 'sentitems'] as const).find(
    (name) => name === requested || folderId(owner, name).toLowerCase() === requested,
  );
  if (!folder) throw ITEM_NOT_FOUND();
  const select = parseSelect(context, MESSAGE);
  const messages = [...context.runtime.state.messages.values()]
    .filter((message) => message.ownerId === owner.id && message.folder === folder)
    .sort((a, b) =>
      String(b.resource.lastModifiedDateTime).localeCompare(
        String(a.resource.lastModifiedDateTime),
      ),
    )
    .map((message) => applySelect(message.resource, select));
  return collection(context, messages, MESSAGE, 'users/mailFolders/messages');
}

export function mailRoutes(): RouteDef[] {
  const messages = '/{principal}/messages';
  return [
    {
      method: 'POST',
      pattern: '/{principal}/sendMail',
      service: 'outlook',
      body: { type: 'action.sendMail' },
      handle: sendMail,
    },
    {
      method: 'POST',
      pattern: `${messages}/{messageId}/attachments/createUploadSession`,
      service: 'outlook',
      body: { type: 'action.attachmentCreateUploadSession' },
      handle: createAttachmentSession,
    },
    {
      method: 'POST',
      pattern: `${messages}/{messageId}/attachments`,
      service: 'outlook',
      body: { type: 'microsoft.graph.attachment' },
      handle: addAttachment,
    },
    {
      method: 'GET',
      pattern: `${messages}/{messageId}/attachments`,
      service: 'outlook',
      query: ['$top', '$skiptoken'],
      handle: (context) =>
        collection(
          context,
          findMessage(context, context.params.messageId!).attachments.map(attachmentResource),
          'microsoft.graph.attachment',
          'users/messages/attachments',
        ),
    },
    {
      method: 'GET',
      pattern: `${messages}/{messageId}/attachments/{attachmentId}/$value`,
      service: 'outlook',
      handle: attachmentValue,
    },
    {
      method: 'POST',
      pattern: `${messages}/{messageId}/send`,
      service: 'outlook',
      body: { type: 'action.noParameters' },
      handle: sendDraft,
    },
    {
      method: 'GET',
      pattern: `${messages}/{messageId}`,
      service: 'outlook',
      query: ['$select'],
      handle(context) {
        const message = findMessage(context, context.params.messageId!);
        const select = parseSelect(context, MESSAGE);
        return json(
          200,
          {
            '@odata.context': contextUrl(context, 'users/messages/$entity'),
            ...applySelect(message.resource, select),
          },
          { type: MESSAGE },
        );
      },
    },
    {
      method: 'DELETE',
      pattern: `${messages}/{messageId}`,
      service: 'outlook',
      handle: deleteMessage,
    },
    {
      method: 'POST',
      pattern: messages,
      service: 'outlook',
      body: { type: MESSAGE },
      handle: createDraft,
    },
    {
      method: 'GET',
      pattern: '/{principal}/mailFolders/{folder}/messages',
      service: 'outlook',
      query: ['$top', '$skiptoken', '$select'],
      handle: listFolder,
    },
  ];
}
