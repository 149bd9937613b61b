/**
 * Outlook messages as the sandbox stores and returns them (message.md): building a message from a
 * request body, the Drafts and Sent Items folders, and recording what was sent.
 * Sending moves a draft to Sent Items under a NEW id (a copy is created, the draft deleted:
 * microsoft-graph-docs#6250, #1533), so the old id then answers 404 ErrorItemNotFound.
 */
import { createHash } from 'node:crypto';
import { badRequest, GraphError, notFound } from '../core/graphError';
import type { RouteContext, SandboxRuntime } from '../core/types';
import type {
  GraphObject,
  MailAttachmentRec,
  MailMessageRec,
  SandboxUser,
} from '../state/SandboxState';

export const MESSAGE = 'microsoft.graph.message';

export function folderId(user: SandboxUser, folder: 'drafts' | 'sentitems'): string {
  return `AAMkAD${createHash('sha256').update(`${folder}:${user.id}`).digest('base64').slice(0, 40)}AAA=`;
}

/**
 * A delegated token reaches only the signed-in user's mailbox (sending as someone else needs
 * Send As rights the sandbox does not model); an application token reaches any mailbox.
 */
export function ownMailboxOnly(context: RouteContext): void {
  if (!context.session.appOnly && context.principal!.id !== context.session.me.id) {
    throw new GraphError(
      403,
      'ErrorAccessDenied',
      'Access is denied. Check credentials and try again.',
    );
  }
}

export const ITEM_NOT_FOUND = () =>
  notFound('ErrorItemNotFound', 'The specified object was not found in the store.');

function recipients(value: unknown): GraphObject[] {
  return Array.isArray(value) ? (value as GraphObject[]) : [];
}

function addressOf(recipient: GraphObject): string {
  return String((recipient.emailAddress as { address?: unknown } | undefined)?.address ?? '');
}

/** Outlook refuses a send with no recipient, or with an address that is not one. */
export function checkRecipients(message: GraphObject): void {
  const all = ['toRecipients', 'ccRecipients', 'bccRecipients'].flatMap((key) =>
    recipients(message[key]),
  );
  if (all.length === 0) {
    throw badRequest(
      'ErrorInvalidRecipients',
      "At least one recipient isn't valid., A message can't be sent because it contains no recipients.",
    );
  }
  const bad = all.map(addressOf).find((address) => !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address));
  if (bad !== undefined) {
    throw badRequest(
      'ErrorInvalidRecipients',
      `At least one recipient isn't valid., '${bad}' is not an e-mail address.`,
    );
  }
}

/** Inline file attachments: `contentBytes` required, each under the 3 MB inline limit. */
export function readInlineAttachments(
  runtime: SandboxRuntime,
  now: Date,
  value: unknown,
): MailAttachmentRec[] {
  return recipients(value).map((attachment) => {
    const bytes = Buffer.from(String(attachment.contentBytes ?? ''), 'base64');
    if (attachment.contentBytes === undefined || attachment.contentBytes === null) {
      throw badRequest('ErrorInvalidAttachment', 'A file attachment needs contentBytes.');
    }
    if (bytes.length >= runtime.limits.inlineAttachmentBytes) {
      throw new GraphError(
        413,
        'RequestEntityTooLarge',
        `The attachment '${String(attachment.name)}' is ${bytes.length} bytes; attach files of 3 MB or more with an upload session.`,
      );
    }
    return {
      id: runtime.ids.exchangeId(),
      name: String(attachment.name ?? 'attachment'),
      contentType: String(attachment.contentType ?? 'application/octet-stream'),
      isInline: attachment.isInline === true,
      bytes,
      lastModifiedDateTime: now.toISOString(),
    };
  });
}

function canonicalBody(value: unknown): GraphObject {
  const body = (value ?? {}) as { contentType?: string; content?: string };
  return {
    contentType: body.contentType?.toLowerCase() === 'html' ? 'html' : 'text',
    content: body.content ?? '',
  };
}

function preview(body: GraphObject): string {
  const text = String(body.content ?? '');
  const plain = body.contentType === 'html' ? text.replace(/<[^>]*>/g, ' ') : text;
  return plain.replace(/\s+/g, ' ').trim().slice(0, 255);
}

export function buildMessage(
  context: RouteContext,
  owner: SandboxUser,
  input: GraphObject,
  folder: 'drafts' | 'sentitems',
  attachments: MailAttachmentRec[],
): MailMessageRec {
  const { runtime, now } = context;
  const id = runtime.ids.exchangeId();
  const at = now.toISOString();
  const me = { emailAddress: { name: owner.displayName, address: owner.mail } };
  const body = canonicalBody(input.body);
  const importance =
    typeof input.importance === 'string' ? input.importance.toLowerCase() : 'normal';
  const resource: GraphObject = {
    '@odata.etag': `W/"${runtime.ids.opaque(18)}"`,
    id,
    createdDateTime: at,
    lastModifiedDateTime: at,
    changeKey: runtime.ids.opaque(18),
    categories: Array.isArray(input.categories) ? input.categories : [],
    receivedDateTime: at,
    sentDateTime: folder === 'sentitems' ? at : null,
    hasAttachments: attachments.length > 0,
    internetMessageId: `<${runtime.ids.guid()}@${owner.mail.split('@')[1] ?? 'sandbox.example'}>`,
    subject: (input.subject as string | undefined) ?? '',
    bodyPreview: preview(body),
    importance,
    parentFolderId: folderId(owner, folder),
    conversationId: `AAQkAD${runtime.ids.opaque(30)}`,
    isDeliveryReceiptRequested: input.isDeliveryReceiptRequested === true,
    isReadReceiptRequested: input.isReadReceiptRequested === true,
    isRead: true,
    isDraft: folder === 'drafts',
    webLink: `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(id)}&exvsurl=1&viewmodel=ReadMessageItem`,
    inferenceClassification: 'focused',
    body,
    sender: me,
    from: me,
    toRecipients: recipients(input.toRecipients),
    ccRecipients: recipients(input.ccRecipients),
    bccRecipients: recipients(input.bccRecipients),
    replyTo: recipients(input.replyTo),
    flag: (input.flag as GraphObject | undefined) ?? { flagStatus: 'notFlagged' },
  };
  return { id, ownerId: owner.id, folder, resource, attachments };
}

export function findMessage(context: RouteContext, id: string): MailMessageRec {
  ownMailboxOnly(context);
  const message = context.runtime.state.messages.get(id);
  if (!message || message.ownerId !== context.principal!.id) throw ITEM_NOT_FOUND();
  return message;
}

/** Records what left the mailbox and, unless told not to, files a copy in Sent Items. */
export function deliver(
  context: RouteContext,
  owner: SandboxUser,
  message: MailMessageRec,
  via: 'sendMail' | 'draft',
  saveToSentItems: boolean,
): void {
  const { state } = context.runtime;
  const resource = message.resource;
  const at = context.now.toISOString();
  const sent: MailMessageRec = {
    ...message,
    id: context.runtime.ids.exchangeId(),
    folder: 'sentitems',
    resource: {
      ...resource,
      isDraft: false,
      sentDateTime: at,
      receivedDateTime: at,
      lastModifiedDateTime: at,
      parentFolderId: folderId(owner, 'sentitems'),
    },
  };
  sent.resource.id = sent.id;
  sent.resource.webLink = String(resource.webLink).replace(
    encodeURIComponent(message.id),
    encodeURIComponent(sent.id),
  );
  if (saveToSentItems) state.messages.set(sent.id, sent);
  const list = (key: string) => recipients(resource[key]).map(addressOf);
  const body = resource.body as { contentType: string; content: string };
  state.deliveredMail.push({
    internetMessageId: String(resource.internetMessageId),
    fromUserId: owner.id,
    via,
    sentDateTime: at,
    subject: String(resource.subject ?? ''),
    bodyContentType: body.contentType,
    bodyContent: body.content,
    toRecipients: list('toRecipients'),
    ccRecipients: list('ccRecipients'),
    bccRecipients: list('bccRecipients'),
    attachments: message.attachments.map((item) => ({
      name: item.name,
      contentType: item.contentType,
      size: item.bytes.length,
    })),
    savedToSentItems: saveToSentItems,
  });
}

export function attachmentResource(attachment: MailAttachmentRec): GraphObject {
  return {
    '@odata.type': '#microsoft.graph.fileAttachment',
    id: attachment.id,
    lastModifiedDateTime: attachment.lastModifiedDateTime,
    name: attachment.name,
    contentType: attachment.contentType,
    size: attachment.bytes.length,
    isInline: attachment.isInline,
    contentId: null,
    contentLocation: null,
  };
}
