/**
 * Sends the minutes e-mail through a draft, so that a send whose outcome is unknown can be checked
 * instead of repeated:
 *
 *   1. POST {user}/messages: draft with HTML body, recipients, and our idempotency key twice: in
 *      the custom internet header `x-minutebook-key` (custom headers must start with `x-`; it
 *      travels with the sent mail), and in an HTML comment at the end of the body, because
 *      Graph is not known to return a draft's custom headers before it is sent; the .docx
 *      inline when under 3 MB,
 *   2. above 3 MB: POST {user}/messages/{id}/attachments/createUploadSession, then byte ranges
 *      to the pre-authenticated URL until Outlook answers 201 (each range before the last answers
 *      200 with the next one: https://learn.microsoft.com/graph/outlook-large-attachments). If
 *      the attachment does not arrive whole the draft is deleted (DELETE {user}/messages/{id},
 *      https://learn.microsoft.com/graph/api/message-delete) and the error thrown, so an e-mail
 *      without its minutes is never sent; a draft whose deletion failed too has
 *      `hasAttachments: false`, which tells it from a finished one,
 *   3. POST {user}/messages/{id}/send (202; Exchange moves the message to Sent Items).
 *
 * Reconciling: the draft still in Drafts (isDraft true) → not sent, send it; gone (404), or no
 * longer a draft → sent. When even the draft's creation is in doubt, `findDraftByKey` looks for
 * our key among the newest drafts (header, else the body comment). If neither survives, the worst
 * case is a second draft, never a second e-mail.
 *
 * Permissions: delegated Mail.ReadWrite (create and read the draft, attachment upload session)
 * and Mail.Send (send it), as the secretary. Mail.Send alone suffices for POST /me/sendMail, but a
 * sendMail that times out cannot be checked without reading the mailbox anyway; we chose the
 * draft so a retry never sends the minutes twice. Application Mail.ReadWrite + Mail.Send would
 * reach every mailbox unless limited with Exchange RBAC for Applications: not used.
 */
import type { FileAttachment, Message, Recipient } from '@microsoft/microsoft-graph-types';
import { GraphRequestError } from './GraphRequestError';
import { query, segment, type GraphClient } from './createGraphClient';
import { collectionPage, list, optBool, optRecord, optStr, parseBody, record, str } from './parse';
import { uploadToSession } from './uploadSession';
import { userPath, type GraphUser } from './userPath';

export const MINUTEBOOK_KEY_HEADER = 'x-minutebook-key';
/** Outlook's limit for an attachment sent inside the message request. */
export const INLINE_ATTACHMENT_LIMIT = 3 * 1024 * 1024;

export interface MailAttachment {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface MinutesMailInput {
  subject: string;
  html: string;
  to: { address: string; name?: string }[];
  cc?: { address: string; name?: string }[];
  /** Our idempotency key, stored in the `x-minutebook-key` header. */
  key: string;
  attachment?: MailAttachment;
  signal?: AbortSignal;
}

export interface MailDraft {
  id: string;
  isDraft: boolean;
  key: string | null;
  /** False for a draft whose attachment never arrived whole; null when not selected. */
  hasAttachments: boolean | null;
}

export type MailState =
  { state: 'draft'; draftId: string } | { state: 'sent' } | { state: 'missing' };

export async function createMinutesDraft(
  client: GraphClient,
  user: GraphUser,
  input: MinutesMailInput,
): Promise<MailDraft> {
  const signal = input.signal ? { signal: input.signal } : {};
  const inline = input.attachment && input.attachment.bytes.byteLength < INLINE_ATTACHMENT_LIMIT;
  const message: Message = {
    subject: input.subject,
    body: { contentType: 'html', content: `${input.html}${keyComment(input.key)}` },
    toRecipients: input.to.map(recipient),
    ccRecipients: (input.cc ?? []).map(recipient),
    internetMessageHeaders: [{ name: MINUTEBOOK_KEY_HEADER, value: input.key }],
  };
  if (input.attachment && inline) {
    const attachment: FileAttachment & { '@odata.type': string } = {
      '@odata.type': '#microsoft.graph.fileAttachment',
      name: input.attachment.name,
      contentType: input.attachment.contentType,
      contentBytes: Buffer.from(input.attachment.bytes).toString('base64'),
    };
    message.attachments = [attachment];
  }
  const response = await client.send({
    method: 'POST',
    url: `${userPath(user)}/messages`,
    body: message,
    ...signal,
  });
  const draft = parseBody(response, parseMailDraft);
  if (input.attachment && !inline) {
    try {
      await attachLarge(client, user, draft.id, input.attachment, input.signal);
    } catch (error) {
      await deleteDraftQuietly(client, user, draft.id);
      throw error;
    }
    return { ...draft, hasAttachments: true };
  }
  return draft;
}

async function attachLarge(
  client: GraphClient,
  user: GraphUser,
  draftId: string,
  attachment: MailAttachment,
  signal: AbortSignal | undefined,
): Promise<void> {
  const response = await client.send({
    method: 'POST',
    url: `${userPath(user)}/messages/${segment(draftId)}/attachments/createUploadSession`,
    body: {
      AttachmentItem: {
        attachmentType: 'file',
        name: attachment.name,
        size: attachment.bytes.byteLength,
        contentType: attachment.contentType,
      },
    },
    ...(signal ? { signal } : {}),
  });
  const uploadUrl = parseBody(response, (body) =>
    str(record(body, 'uploadSession'), 'uploadUrl', 'uploadSession'),
  );
  await uploadToSession(client, uploadUrl, attachment.bytes, {
    service: 'outlook',
    ...(signal ? { signal } : {}),
  });
}

/**
 * Best effort: the upload's own error is what the caller must learn; a draft left behind is never
 * taken for a finished one (its `hasAttachments` is false).
 */
async function deleteDraftQuietly(
  client: GraphClient,
  user: GraphUser,
  draftId: string,
): Promise<void> {
  try {
    await client.send({ method: 'DELETE', url: `${userPath(user)}/messages/${segment(draftId)}` });
  } catch {
    // The upload's error is thrown by the caller.
  }
}

export async function sendDraft(
  client: GraphClient,
  user: GraphUser,
  draftId: string,
  options: { signal?: AbortSignal } = {},
): Promise<void> {
  await client.send({
    method: 'POST',
    url: `${userPath(user)}/messages/${segment(draftId)}/send`,
    ...options,
  });
}

/** Where a minutes e-mail stands: still a draft (not sent), sent, or never created. */
export async function reconcileMinutesMail(
  client: GraphClient,
  user: GraphUser,
  input: { draftId?: string; key: string; signal?: AbortSignal },
): Promise<MailState> {
  const signal = input.signal ? { signal: input.signal } : {};
  if (input.draftId) {
    try {
      const response = await client.send({
        method: 'GET',
        url: `${userPath(user)}/messages/${segment(input.draftId)}${query({ $select: 'id,isDraft' })}`,
        ...signal,
      });
      const draft = parseBody(response, parseMailDraft);
      return draft.isDraft ? { state: 'draft', draftId: draft.id } : { state: 'sent' };
    } catch (error) {
      if (error instanceof GraphRequestError && error.status === 404) return { state: 'sent' };
      throw error;
    }
  }
  const found = await findDraftByKey(client, user, input.key, input.signal);
  return found ? { state: 'draft', draftId: found.id } : { state: 'missing' };
}

/** A draft in the Drafts folder carrying `key` (among the 25 the folder lists first). */
export async function findDraftByKey(
  client: GraphClient,
  user: GraphUser,
  key: string,
  signal?: AbortSignal,
): Promise<MailDraft | null> {
  const response = await client.send({
    method: 'GET',
    url: `${userPath(user)}/mailFolders/drafts/messages${query({
      $select: 'id,isDraft,internetMessageHeaders,body',
      $top: 25,
    })}`,
    ...(signal ? { signal } : {}),
  });
  const drafts = parseBody(response, (body) => collectionPage(body).value.map(parseMailDraft));
  return drafts.find((draft) => draft.key === key) ?? null;
}

const KEY = /^[A-Za-z0-9._:/-]{4,120}$/;
const KEY_COMMENT = /<!-- x-minutebook-key: ([A-Za-z0-9._:/-]{4,120}) -->/;

function keyComment(key: string): string {
  if (!KEY.test(key) || key.includes('--')) {
    throw new RangeError(`Mail key "${key}" must be 4–120 letters, digits or . _ : / - (no "--").`);
  }
  return `<!-- x-minutebook-key: ${key} -->`;
}

function recipient(person: { address: string; name?: string }): Recipient {
  return {
    emailAddress: { address: person.address, ...(person.name ? { name: person.name } : {}) },
  };
}

export function parseMailDraft(value: unknown): MailDraft {
  const message = record(value, 'message');
  let key: string | null = null;
  for (const item of list(message, 'internetMessageHeaders', 'message')) {
    const header = record(item, 'internetMessageHeader');
    if (optStr(header, 'name', 'internetMessageHeader')?.toLowerCase() === MINUTEBOOK_KEY_HEADER) {
      key = optStr(header, 'value', 'internetMessageHeader');
    }
  }
  const body = optRecord(message.body, 'message.body');
  const content = body ? optStr(body, 'content', 'message.body') : null;
  return {
    id: str(message, 'id', 'message'),
    isDraft: optBool(message, 'isDraft', 'message') ?? true,
    key: key ?? KEY_COMMENT.exec(content ?? '')?.[1] ?? null,
    hasAttachments: optBool(message, 'hasAttachments', 'message'),
  };
}
